// One upload, one configuration: settings changed while a file uploads apply to the next upload, never to half of
// this one. A slow PUT holds the upload while the test points the extension at another emulator, or another site;
// every request of the upload (generate, PUT, READY polls, the private link) must still reach the first.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import {
  cfg, closeAllEditors, extensionApi, filesDir, openEditor, pngFile, pointAt, resetUserSettings, setUserSettings, storeKey, until, upload,
} from './helpers';

describe('settings are read once per upload', () => {
  let a: WixEmulator;
  let b: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;

  before(async () => {
    api = await extensionApi();
    // A stays PENDING a while, so that the upload polls it for READY after the PUT.
    a = await WixEmulator.start({ readyDelayMs: 400, tokenPrefix: 'SUITETOKEN' });
    // The same key and site on another host: only where a request went tells the two apart.
    b = await WixEmulator.start({ readyDelayMs: 0, apiKey: a.apiKey, siteId: a.siteId, tokenPrefix: 'SUITETOKEN' });
    dir = filesDir('snapshot');
  });
  beforeEach(async () => {
    a.reset();
    b.reset();
    await closeAllEditors();
    await pointAt(a);
    await storeKey(a);
  });
  after(async () => {
    await closeAllEditors();
    await resetUserSettings();
    await a?.stop();
    await b?.stop();
  });

  const apiRequests = (emu: WixEmulator) => emu.requests.filter(r => !r.path.startsWith('/upload/'));
  const route = (p: string) => p.endsWith('generate-upload-url') ? 'generate' : p.endsWith('generate-file-download-url') ? 'download-url'
    : p.includes('/files/') ? 'get-file' : p;

  /** Starts a private upload into a Markdown editor and waits until its bytes are arriving at A, slowly. */
  async function startSlowUpload(name: string) {
    const f = await pngFile(dir, name, 40, 30, 48 * 1024);
    const ed = await openEditor('markdown', '');
    a.inject({ type: 'slow', route: 'put', bytesPerSecond: 4 * 1024 });
    const pending = upload({ files: [f.uri], private: true });
    await until('the PUT is under way at A', () => a.requests.some(r => r.method === 'PUT' && r.path.startsWith('/upload/') && r.bytesReceived > 0));
    return { f, ed, pending };
  }

  /** The upload's answer once the PUT is let go, and the checks every test makes of it at A. */
  async function finish(up: Awaited<ReturnType<typeof startSlowUpload>>) {
    a.clearFaults();      // releases the throttled PUT
    const r = await up.pending;
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = a.files.find(x => x.descriptor.displayName === up.f.name);
    assert.ok(stored, `${up.f.name} is on A`);
    assert.strictEqual(stored.sha256, up.f.sha256);
    const routes = apiRequests(a).map(x => route(x.path));
    assert.strictEqual(routes.filter(x => x === 'generate').length, 1, routes.join(', '));
    assert.strictEqual(a.requests.filter(x => x.method === 'PUT' && x.path.startsWith('/upload/')).length, 1);
    assert.ok(routes.lastIndexOf('get-file') > routes.indexOf('generate'), `READY was polled at A: ${routes.join(', ')}`);
    assert.strictEqual(routes[routes.length - 1], 'download-url', 'the private link was made at A');
    for (const x of apiRequests(a)) assert.strictEqual(x.headers['wix-site-id'], a.siteId, `${x.method} ${x.path} named A's site`);
    // The reference is A's download link for that file, in the editor.
    const link = r.items[0].url!;
    assert.ok(link.startsWith(`${a.baseUrl}/download/media/${encodeURIComponent(stored.descriptor.id)}?`), link);
    assert.strictEqual(a.urlStatus(link), 200);
    assert.strictEqual(up.ed.document.getText(), `![${up.f.name.replace('.png', '')}](${link})`);
    return { r, stored };
  }

  it('the API base URL moved to another emulator mid-upload: every request of the upload went to the first; the next upload goes to the new one', async () => {
    const up = await startSlowUpload('snapshot-url.png');
    await setUserSettings({ 'wixAPI.baseURL': b.baseUrl });
    assert.strictEqual(cfg().get('wixAPI.baseURL'), b.baseUrl);
    await finish(up);
    assert.deepStrictEqual(b.requests.map(x => `${x.method} ${x.path}`), [], 'nothing of that upload went to B');

    // The next action reads the settings anew.
    const next = await pngFile(dir, 'snapshot-next.png', 9, 9);
    const r = await upload({ files: [next.uri] });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.ok(b.files.some(x => x.descriptor.displayName === 'snapshot-next.png'), 'the next upload went to B');
    assert.ok(!a.files.some(x => x.descriptor.displayName === 'snapshot-next.png'));
  });

  it('the site changed mid-upload: every request named the first site, and the reuse cache records the file under it', async () => {
    await setUserSettings({ 'reuse.scope': 'anyFolder' });
    try {
      const up = await startSlowUpload('snapshot-site.png');
      await setUserSettings({ siteId: 'another-site-id' });
      const { stored } = await finish(up);
      const cache = JSON.parse(readFileSync(path.join(api.globalStorageUri.fsPath, 'reuse-cache.json'), 'utf8'));
      assert.deepStrictEqual(cache.sites[a.siteId]?.[up.f.sha256]?.map((x: { fileId: string }) => x.fileId), [stored.descriptor.id]);
      assert.strictEqual(cache.sites['another-site-id'], undefined, 'nothing recorded under the site chosen meanwhile');
      // The Wix Media view's "Recent uploads" files it under the site it went to, too.
      await until('the upload in Recent uploads', () => api.mediaView.recents(a.siteId).some(e => e.id === stored.descriptor.id));
      assert.ok(!api.mediaView.recents('another-site-id').some(e => e.id === stored.descriptor.id), 'not in the other site\'s Recent uploads');
    } finally {
      await setUserSettings({ 'reuse.scope': 'off' });
    }
  });
});
