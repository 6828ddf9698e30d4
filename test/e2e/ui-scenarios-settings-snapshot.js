'use strict';
// Settings are read once per action (issue 15), as a person meets it: an upload that failed because a setting
// was wrong, the setting fixed in the Settings editor, then "Retry failed" clicked. The retry is a new action:
// it must go by the fixed setting, not by the one the failed upload was pinned to. Runs in a fresh window.
const fs = require('fs');
const net = require('net');
const path = require('path');

const UPLOAD = 'Upload to Wix Media';
const FOLDER_TITLE = 'Upload to Wix Media: folder';
const LABELS_TITLE = 'Upload to Wix Media: labels';
const KEY_TITLE = 'Wix Media: API key';

/** An address nothing listens on: a port the OS gave and took back. */
function deadPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

module.exports = async function settingsSnapshot(kit, { assert, ws, emu, page, userSettingsFile }) {
  const abs = rel => path.join(ws, rel);
  const writeWs = (rel, content) => { fs.mkdirSync(path.dirname(abs(rel)), { recursive: true }); fs.writeFileSync(abs(rel), content); };
  const buttonsOf = toast => toast.locator('.monaco-button').allInnerTexts().then(b => b.map(s => s.trim()).filter(Boolean));
  // The Settings editor, as a person changes the API base URL; the extension host hears of it through VS Code.
  const setApiBaseUrl = async url => {
    const item = await kit.searchSettings('@id:wixMedia.wixAPI.baseURL', 'Base URL');
    await item.locator('input').fill(url);
    await kit.waitUntil(`wixAPI.baseURL ${url} in settings.json`, () => fs.readFileSync(userSettingsFile, 'utf8').includes(`"wixMedia.wixAPI.baseURL": "${url}"`), 15000);
    await page.keyboard.press('Control+W');
  };

  await kit.test('settings snapshot 1. An upload failed on a wrong API base URL; after fixing it in the Settings editor, ' +
    '"Retry failed" goes to the fixed address and inserts the reference', async () => {
    // This window's key, typed as in the first hour.
    await kit.palette('Wix Media: Set API Key').catch(async () => { await kit.closeQuickInput(); await kit.palette('Wix Media: Set API Key'); });
    await kit.inputBox(emu.apiKey, { password: true, title: KEY_TITLE });
    await kit.notification(/Wix Media: The API key works for site/, { timeout: 30000 });
    await kit.clearNotifications();

    writeWs('docs/retry.md', '');
    await kit.openFile('docs/retry.md');
    const dead = `http://127.0.0.1:${await deadPort()}`;
    await setApiBaseUrl(dead);
    const st0 = await kit.emuState();
    try {
      await kit.contextMenu('images/gallery-1.png', UPLOAD);
      // The folders can't be listed from a dead address; the root can still be chosen.
      await kit.quickPick('Upload here', { title: FOLDER_TITLE });
      await kit.inputBox('', { title: LABELS_TITLE });
      const toast = await kit.notification(/Wix Media: the upload failed\./, { timeout: 90000 });
      assert.match(await toast.innerText(), /images\/gallery-1\.png/);
      assert.ok((await buttonsOf(toast)).includes('Retry failed'), JSON.stringify(await buttonsOf(toast)));
      assert.strictEqual((await kit.emuState()).files.length, st0.files.length, 'nothing arrived');

      await setApiBaseUrl(emu.baseUrl);
      const again = await kit.notification(/Wix Media: the upload failed\./, { timeout: 5000 });
      const retry = again.locator('.monaco-button', { hasText: 'Retry failed' }).first();
      await kit.shot('button Retry failed');
      await retry.click();

      await kit.waitUntil('the logo stored', async () => (await kit.emuState()).files.length === st0.files.length + 1, 60000);
      const stored = (await kit.emuState()).files.slice(st0.files.length)[0];
      assert.strictEqual(stored.descriptor.displayName, 'gallery-1.png');
      await kit.waitEditorText('the reference in docs/retry.md', t => t.includes(stored.descriptor.url), 30000);
      assert.strictEqual((await kit.editorText()).trim(), `![gallery-1](${stored.descriptor.url})`);
    } finally {
      await setApiBaseUrl(emu.baseUrl).catch(() => { });
    }
  });
};
