// Folders that share a name: only parentFolderId names one of them for sure (see test/emulator/README.md).
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { WixMediaClient } from '../../src/wix/client';
import type { FileSource } from '../../src/wix/contract';

const source = (name: string): FileSource => {
  const body = Buffer.from(`bytes of ${name}`);
  return { name, size: body.length, open: (start = 0) => Readable.from([body.subarray(start)]) };
};

describe('emulator: sibling folders with the same name', () => {
  let emu: WixEmulator;
  let client: WixMediaClient;
  withEmulator({ readyDelayMs: 0 }, e => { emu = e; });
  before(async () => {
    client = new WixMediaClient({ apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl });
  });
  after(async () => { await client.close(); });

  it('a file sent by parentFolderId lands in that folder, the second of two "blog"s', async () => {
    const first = await client.createFolder('blog');
    const second = await client.createFolder('blog');
    assert.notEqual(first.id, second.id);
    const d = await client.uploadFile(source('by-id.txt'), { parentFolderId: second.id });
    assert.equal(d.parentFolderId, second.id);
    assert.equal(emu.files.at(-1)!.descriptor.parentFolderId, second.id);
  });

  it('a filePath naming a shared name lands in neither of them (a new folder of that name)', async () => {
    const blogs = emu.folders.filter(f => f.displayName === 'blog' && f.parentFolderId === 'media-root');
    assert.equal(blogs.length, 2);
    const d = await client.uploadFile(source('by-path.txt'), { filePath: '/blog' });
    assert.ok(!blogs.some(b => b.id === d.parentFolderId), 'not the first match, nor the second');
    assert.equal(emu.files.at(-1)!.folderPath, '/blog');
  });

  it('a unique name is still reused by filePath', async () => {
    const docs = await client.createFolder('docs');
    const d = await client.uploadFile(source('docs.txt'), { filePath: '/docs' });
    assert.equal(d.parentFolderId, docs.id);
  });
});
