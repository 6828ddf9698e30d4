// The reuse engine without a face: streamed hashes, the bounded index file, and the lookup's checks with Wix.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { hashContradicts, hashSource } from '../../src/upload/hash';
import { UploadQueue } from '../../src/upload/queue';
import { folderKey, ReuseLookup } from '../../src/upload/reuse';
import { ReuseIndex } from '../../src/upload/reuse-index';
import type { FileSource } from '../../src/wix/contract';
import { WixMediaClient } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { api } from '../helpers/emulator-client';
import { makePng, tempDir, writeFile } from '../helpers/fixtures';

function memSource(name: string, bytes: Buffer): FileSource {
  return { name, size: bytes.length, open: (start = 0) => Readable.from([bytes.subarray(start)]) };
}

describe('content-hash reuse engine', () => {
  it('hashes streamed sources (sha256 and md5) equal to hashing the bytes at once', async () => {
    const dir = tempDir('wix-hash-');
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const p = await writeFile(dir, 'big.bin', big);
    const want = { sha256: createHash('sha256').update(big).digest('hex'), md5: createHash('md5').update(big).digest('hex') };
    assert.deepEqual(await hashSource(await fileSourceFromPath(p)), want);
    assert.deepEqual(await hashSource(memSource('big.bin', big)), want);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(hashSource(memSource('x', big), ac.signal), { name: 'AbortError' });
  });

  it('a descriptor hash contradicts the bytes only when it is 32 hex and neither the md5 nor the sha256 prefix', () => {
    const h = { sha256: 'a'.repeat(64), md5: 'b'.repeat(32) };
    assert.equal(hashContradicts('b'.repeat(32), h), false);
    assert.equal(hashContradicts('a'.repeat(32), h), false);
    assert.equal(hashContradicts('', h), false);
    assert.equal(hashContradicts(undefined, h), false);
    assert.equal(hashContradicts('c'.repeat(32), h), true);
  });

  it('folderKey names the folder an upload asks for', () => {
    assert.equal(folderKey({}), 'media-root');
    assert.equal(folderKey({ filePath: '/docs//img/' }), 'media-root:/docs/img');
    assert.equal(folderKey({ parentFolderId: 'abc', filePath: 'x' }), 'abc:/x');
  });

  it('the index keeps sites apart, is bounded per site (least recently used go first) and refuses a broken file by name', async () => {
    const dir = tempDir('wix-index-');
    const ix = new ReuseIndex(join(dir, 'cache.json'), { maxPerSite: 2 });
    const sha = (n: number) => n.toString(16).padStart(64, '0');
    const rec = (id: string, at: string) => ({ fileId: id, size: 1, folder: 'media-root', at });
    await ix.remember('site-a', sha(1), rec('f1', '2026-01-01T00:00:01Z'));
    await ix.remember('site-a', sha(2), rec('f2', '2026-01-01T00:00:02Z'));
    await ix.remember('site-b', sha(1), rec('g1', '2026-01-01T00:00:03Z'));
    await ix.remember('site-a', sha(3), rec('f3', '2026-01-01T00:00:04Z'));
    assert.deepEqual(Object.keys(await ix.entries('site-a')).sort(), [sha(2), sha(3)]);
    assert.equal((await ix.lookup('site-b', sha(1)))[0].fileId, 'g1');
    assert.deepEqual(await ix.lookup('site-b', sha(2)), []);
    await ix.forget('site-a', sha(2), 'f2');
    assert.deepEqual(Object.keys(await ix.entries('site-a')), [sha(3)]);
    // Concurrent writes are serialized; none is lost.
    const many = new ReuseIndex(join(dir, 'many.json'));
    await Promise.all([...Array(20).keys()].map(i => many.remember('s', sha(100 + i), rec(`m${i}`, new Date().toISOString()))));
    assert.equal(Object.keys(await many.entries('s')).length, 20);

    writeFileSync(join(dir, 'bad.json'), '[1,2]');
    await assert.rejects(new ReuseIndex(join(dir, 'bad.json')).lookup('s', sha(1)), /bad\.json is not a Wix Media manifest/);
  });

  describe('with the emulator', () => {
    let emu: WixEmulator;
    let client: WixMediaClient;
    withEmulator({ readyDelayMs: 0 }, e => { emu = e; }, 'test');
    beforeEach(async () => {
      client = new WixMediaClient({ apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, retry: { maxAttempts: 1 } });
    });
    afterEach(async () => { await client.close(); });

    const puts = () => emu.requests.filter(r => r.method === 'PUT').length;

    it('does not reuse a file the index names for other bytes (a bad manifest entry), a private copy for a public upload, or a permanently deleted file', async () => {
      const dir = tempDir('wix-reuse-');
      const ix = new ReuseIndex(join(dir, 'm.json'));
      const queue = new UploadQueue(client, { lookup: new ReuseLookup({ settings: { siteId: emu.siteId, indexes: [ix], scope: 'anyFolder' } }) });
      const a = makePng(4, 4);
      const b = makePng(4, 5);
      const run = async (name: string, bytes: Buffer, opts = {}) => (await queue.enqueue([{ source: memSource(name, bytes), options: opts }]).done)[0];

      const first = await run('a.png', a);
      assert.equal(first.state, 'done');
      const again = await run('a.png', a);
      assert.equal(again.reused, true);
      assert.equal(puts(), 1);

      // A private upload of the same bytes does not reuse the public file.
      const priv = await run('a.png', a, { private: true });
      assert.equal(priv.reused, undefined);
      assert.equal(puts(), 2);

      // Point b's hash at a's file (as a wrong merge might): same size is faked, Wix's md5 tells them apart.
      const bSha = createHash('sha256').update(b).digest('hex');
      const m = JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'));
      const aRecord = Object.values(m.sites[emu.siteId]).flat().find((r: any) => r.fileId === first.descriptor!.id);
      assert.ok(aRecord);
      m.sites[emu.siteId][bSha] = [{ ...(aRecord as object), size: b.length }];
      emu.files[0].descriptor.sizeInBytes = String(b.length);
      writeFileSync(join(dir, 'm.json'), JSON.stringify(m));
      const bRun = await run('b.png', b);
      assert.equal(bRun.reused, undefined, 'a file with other bytes is not reused');
      assert.equal(puts(), 3);

      // Deleted for good: get-file-by-id answers 404; the entry is dropped and the file uploaded again.
      const c = makePng(7, 7);
      const cFirst = await run('c.png', c);
      assert.equal((await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [cFirst.descriptor!.id], permanent: true })).status, 200);
      const cAgain = await run('c.png', c);
      assert.equal(cAgain.reused, undefined);
      assert.notEqual(cAgain.descriptor!.id, cFirst.descriptor!.id);
      const cSha = createHash('sha256').update(c).digest('hex');
      assert.deepEqual((await ix.lookup(emu.siteId, cSha)).map(r => r.fileId), [cAgain.descriptor!.id]);
    });
  });
});
