// Issue 9 §5 in the real host: wixMedia.apiBaseUrl was renamed wixMedia.wixAPI.baseURL (so the Settings editor
// titles it "Wix API: Base URL"); a user who still has the old name keeps working, and the new name wins.
import * as assert from 'node:assert';
import { WixEmulator } from '../emulator/server';
import {
  closeAllEditors, extensionApi, fileNamed, filesDir, openEditor, pngFile, pointAt, resetUserSettings,
  setUserSettings, startEmulator, storeKey, upload,
} from './helpers';

describe('renamed settings: the old names still count (issue 9 §5)', () => {
  let oldHost: WixEmulator;
  let newHost: WixEmulator;

  before(async () => {
    await extensionApi();
    // Both hosts take the same key, so only the base URL decides where the upload goes.
    oldHost = await startEmulator();
    newHost = await WixEmulator.start({ readyDelayMs: 0, tokenPrefix: 'SUITETOKEN', apiKey: oldHost.apiKey, siteId: oldHost.siteId });
    await pointAt(newHost);
  });
  after(async () => {
    await closeAllEditors();
    await resetUserSettings();
    await oldHost.stop();
    await newHost.stop();
  });

  it('a user-level wixMedia.apiBaseUrl (old name) is honoured when wixMedia.wixAPI.baseURL is not set', async () => {
    await setUserSettings({ 'wixAPI.baseURL': undefined, apiBaseUrl: oldHost.baseUrl, siteId: oldHost.siteId });
    await storeKey(oldHost);
    const f = await pngFile(filesDir('settings-names'), 'old-name.png');
    const ed = await openEditor('markdown', '');
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = fileNamed(oldHost, 'old-name.png');
    assert.strictEqual(stored.sha256, f.sha256);
    assert.strictEqual(newHost.files.length, 0, 'nothing went to the default/new host');
    assert.strictEqual(ed.document.getText(), `![old-name](${stored.descriptor.url})`);
  });

  it('when both names are set, wixMedia.wixAPI.baseURL wins', async () => {
    await setUserSettings({ 'wixAPI.baseURL': newHost.baseUrl, apiBaseUrl: oldHost.baseUrl, siteId: newHost.siteId });
    oldHost.reset();
    const before = oldHost.requests.length;
    const f = await pngFile(filesDir('settings-names'), 'new-name.png', 9, 7);
    const ed = await openEditor('markdown', '');
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = fileNamed(newHost, 'new-name.png');
    assert.strictEqual(stored.sha256, f.sha256);
    assert.strictEqual(oldHost.requests.length, before, 'the old name\'s host got nothing');
    assert.strictEqual(ed.document.getText(), `![new-name](${stored.descriptor.url})`);
  });
});
