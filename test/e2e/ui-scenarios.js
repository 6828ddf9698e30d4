'use strict';
// The Wix Media UI scenarios, driven through the real workbench by ui-e2e.js.
// `kit` is a UiKit (ui-kit.js): kit.test(name, fn), kit.todo(name), Explorer/menu/palette/quick-pick/
// input-box/notification/status-bar/editor helpers, and kit.emuState()/emuFault()/emuReset().
// The workspace (ctx.ws) is fixtures.writeSampleWorkspace: README.md, index.html, styles.css,
// images/{hero,logo,gallery-1,gallery-2}.png. User settings hold wixMedia.siteId and
// wixMedia.apiBaseUrl (the emulator); the API key is NOT set: scenarios type it into
// `wixMedia.setApiKey`'s password box, as a person would.
module.exports = async function scenarios(kit, { assert }) {
  // Proves the harness itself (menus, editor reading) against this VS Code build; uses only
  // built-in commands, so it holds whatever the extension contributes.
  await kit.test('harness: Explorer context menu "Open to the Side" opens README.md', async () => {
    await kit.contextMenu('README.md', 'Open to the Side');
    await kit.page.locator('.tabs-container .tab.active[aria-label*="README.md"]').waitFor({ timeout: 10000 });
    const text = await kit.waitEditorText('README.md in the editor', t => t.includes('# Sample site'));
    assert.match(text, /^# Sample site\n/);
    await kit.page.keyboard.press('Control+K');
    await kit.page.keyboard.press('Control+W');                  // close all editors again
  });

  // TODO(wix-ui): write these once the extension's commands and menus exist (titles from package.json):
  kit.todo('1. README.md open: right-click images/hero.png > "Upload to Wix Media", pick a folder, type labels -> ' +
    'README gains ![hero](https://static.wixstatic.com/media/…) at the cursor; emulator holds the same sha256 in that folder with those labels');
  kit.todo('2. Ctrl-click three files and upload them -> three references, one per line, undone by a single Ctrl+Z');
  kit.todo('3. Command palette: upload the active file');
  kit.todo('4. Slow upload (emulator fault slow): status-bar item shows progress; clicking it opens the queue; ' +
    'cancelling there stops the upload and the emulator keeps no file');
  kit.todo('5. Wrong API key -> a clear error notification and nothing uploaded');
  kit.todo('6. A 12 MB file goes through tus (emulator stats: tusCreates, via: "tus")');
  // The API key is set in every scenario through wixMedia.setApiKey, typed into its password box:
  //   await kit.palette('Wix Media: Set API Key'); await kit.inputBox(ctx.emu.apiKey, { password: true });
  // Seen in the workbench (scripts/demo.js run, 07:50): the Explorer menu item is "Upload to Wix Media";
  // its first prompt is a quick pick titled "Upload to Wix Media: folder (1/2)" with rows "Upload here",
  // "Type a new path…" and one row per folder; the palette has "Wix Media: Upload Active File".
  // "no request left 127.0.0.1" is checked by ui-e2e.js after the scenarios.
};
