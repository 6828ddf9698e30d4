// Content-hash reuse through the Explorer command (wixMedia.upload with file arguments): the global cache, the
// trash, Upload Again, and the team manifest; judged by the PUTs that reached the emulator.
import * as assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import { api as call } from '../helpers/emulator-client';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { QueueSnapshotItem } from '../../src/vscode/queue-view';
import type { UploadResult } from '../../src/vscode/upload-flow';
import { openEditor, pngFile, setUserSettings, uploadSuiteHooks } from './helpers';

describe('content-hash reuse through the Explorer command', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;

  uploadSuiteHooks('reuse', s => ({ emu, api, dir } = s));
  before(async () => { await setUserSettings({ 'reuse.scope': 'anyFolder', manifest: undefined }); });
  after(async () => { await setUserSettings({ 'reuse.scope': undefined, manifest: undefined }); });

  const puts = () => emu.requests.filter(r => r.method === 'PUT' && r.path.startsWith('/upload/')).length;
  const explorer = (uri: vscode.Uri, cmd = 'wixMedia.upload') => vscode.commands.executeCommand<UploadResult>(cmd, uri, [uri]);
  const lastQueued = async (): Promise<QueueSnapshotItem> =>
    (await vscode.commands.executeCommand<{ items: QueueSnapshotItem[] }>('wixMedia.showQueue', { show: false })).items[0];
  const cache = () => JSON.parse(readFileSync(path.join(api.globalStorageUri.fsPath, 'reuse-cache.json'), 'utf8'));

  it('the same file twice: bytes sent once, the same reference inserted, "reused" in the queue; the cache is keyed by site', async () => {
    const f = await pngFile(dir, 'reuse-hero.png', 17, 9);
    const ed = await openEditor('markdown', '');
    const first = await explorer(f.uri);
    assert.strictEqual(first.status, 'done', JSON.stringify(first));
    assert.strictEqual(puts(), 1);
    const second = await explorer(f.uri);
    assert.strictEqual(second.status, 'done', JSON.stringify(second));
    assert.strictEqual(puts(), 1, 'no bytes were sent the second time');
    assert.strictEqual(emu.files.length, 1);
    assert.deepStrictEqual(second.references, first.references);
    assert.strictEqual(second.items[0].id, emu.files[0].descriptor.id);
    // A Markdown image is a block: the second starts on a line of its own (issue 9's insertion rules).
    assert.strictEqual(ed.document.getText(), `${first.references[0]}\n${second.references[0]}`);
    const q = await lastQueued();
    assert.strictEqual(q.reused, true);
    assert.strictEqual(api.queue.items[api.queue.items.length - 1].reused, true);
    const record = cache().sites[emu.siteId][f.sha256][0];
    assert.strictEqual(record.fileId, emu.files[0].descriptor.id);
    assert.strictEqual(record.source, f.uri.fsPath);
  });

  it('a file moved to the trash on the site is uploaded again; Upload Again uploads anyway', async () => {
    const f = await pngFile(dir, 'reuse-trash.png', 19, 5);
    await openEditor('markdown', '');
    assert.strictEqual((await explorer(f.uri)).status, 'done');
    const oldId = emu.files[0].descriptor.id;
    assert.strictEqual((await call(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [oldId] })).status, 200);
    const again = await explorer(f.uri);
    assert.strictEqual(again.status, 'done', JSON.stringify(again));
    assert.strictEqual(puts(), 2, 'the trashed file was not reused');
    const newId = emu.files[1].descriptor.id;
    assert.strictEqual(again.items[0].id, newId);
    assert.notStrictEqual((await lastQueued()).reused, true);
    assert.deepStrictEqual(cache().sites[emu.siteId][f.sha256].map((r: { fileId: string }) => r.fileId), [newId]);

    const forced = await explorer(f.uri, 'wixMedia.uploadAgain');
    assert.strictEqual(forced.status, 'done', JSON.stringify(forced));
    assert.strictEqual(puts(), 3, 'Upload Again sent the bytes');
    assert.strictEqual(forced.items[0].id, emu.files[2].descriptor.id);
  });

  it('the manifest (wixMedia.manifest) is written, and a teammate\'s entry is reused after Wix confirms it', async () => {
    const manifest = path.join(dir, `manifest-${Date.now()}.json`);
    await setUserSettings({ manifest });
    try {
      const f = await pngFile(dir, 'reuse-team.png', 23, 7);
      await openEditor('markdown', '');
      assert.strictEqual((await explorer(f.uri)).status, 'done');
      assert.ok(existsSync(manifest), 'the manifest was written');
      const m = JSON.parse(readFileSync(manifest, 'utf8'));
      const entry = m.sites[emu.siteId][f.sha256][0];
      assert.strictEqual(entry.fileId, emu.files[0].descriptor.id);
      assert.strictEqual(entry.source, path.basename(f.uri.fsPath), 'relative to the manifest');
      // A teammate's machine has no cache: only the manifest knows the file.
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(api.globalStorageUri, 'reuse-cache.json'));
      const again = await explorer(f.uri);
      assert.strictEqual(again.status, 'done');
      assert.strictEqual(puts(), 1, 'reused through the manifest');
      assert.strictEqual((await lastQueued()).reused, true);
    } finally {
      await setUserSettings({ manifest: undefined });
    }
  });

  it('reuse.scope off always uploads', async () => {
    await setUserSettings({ 'reuse.scope': 'off' });
    try {
      const f = await pngFile(dir, 'reuse-off.png', 29, 3);
      await openEditor('markdown', '');
      assert.strictEqual((await explorer(f.uri)).status, 'done');
      assert.strictEqual((await explorer(f.uri)).status, 'done');
      assert.strictEqual(puts(), 2);
    } finally {
      await setUserSettings({ 'reuse.scope': 'anyFolder' });
    }
  });
});
