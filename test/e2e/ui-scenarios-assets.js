'use strict';
// Upload Local Assets and Rewrite Links, as a person runs it: right-click a Markdown file in the Explorer, confirm
// what was found, answer the folder and labels prompts, review the changes in VS Code's refactor preview and press
// Apply. Checks the editor's text, what the emulator stored (bytes, folder, labels), the notification naming the
// missing file, and that one Ctrl+Z restores the document. Runs in a fresh window of its own (see ui-e2e.js).
const fs = require('fs');
const path = require('path');

const COMMAND = 'Upload Local Assets and Rewrite Links';
/** The Markdown file of the acceptance: 3 local images (one twice, one through ../ and a space), a remote
 * image, a missing file and an image in a fenced code block. */
const GUIDE = fs.readFileSync(path.join(__dirname, '../fixtures/assets/guide.md'), 'utf8');

module.exports = async function scenarios(kit, { assert, ws, emu, fixtures, page }) {
  const abs = rel => path.join(ws, rel);
  const writeWs = (rel, content) => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), content);
  };

  await kit.test('assets: Explorer > Upload Local Assets and Rewrite Links on a Markdown file, prompts answered, refactor ' +
    'preview applied -> 3 uploads, 4 links rewritten, the rest unchanged, the missing file named; one Ctrl+Z restores', async () => {
    // Setup: the key, typed into its password box as a person would. A fresh window lists the extension's
    // commands once its contributions are read: try again until the palette offers it.
    await kit.waitUntil('the Wix Media commands in the palette', async () => {
      try { await kit.palette('Wix Media: Set API Key'); return true; } catch (e) { await page.keyboard.press('Escape'); return false; }
    }, 60000, 500);
    await kit.inputBox(emu.apiKey, { password: true, title: 'Wix Media: API key' });
    await kit.notification(/The API key works for site/, { timeout: 30000 });
    await kit.clearNotifications();

    const images = { 'docs/img/hero.png': fixtures.makePng(40, 30, 1), 'docs/img/logo.png': fixtures.makePng(16, 16, 2), 'shared art/diagram one.png': fixtures.makePng(24, 12, 3) };
    for (const [rel, bytes] of Object.entries(images)) writeWs(rel, bytes);
    writeWs('docs/guide.md', GUIDE);
    const st0 = await kit.emuState();

    await kit.contextMenu('docs/guide.md', COMMAND);
    // What it found, before anything is sent.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15000 });
    const said = await dialog.innerText();
    assert.match(said, /docs\/guide\.md has 4 references to 3 local files; 1 remote left alone; 1 missing\./);
    await kit.shot('what it found');
    await dialog.locator('.monaco-button', { hasText: 'Upload and Rewrite' }).first().click();

    // Folder (typed as a new path) and labels, asked once for all three files.
    await kit.quickPick('Type a new path…', { title: 'Upload to Wix Media: folder' });
    await kit.inputBox('/docs/img', { title: 'Upload to Wix Media: new folder path' });
    await kit.inputBox('guide', { title: 'Upload to Wix Media: labels' });

    // The refactor preview lists each change; Apply applies them all.
    const panel = page.locator('.bulk-edit-panel');
    await panel.waitFor({ state: 'visible', timeout: 60000 });
    await kit.waitUntil('the changes in the refactor preview', async () => (await panel.innerText()).includes('static.wixstatic.com'), 15000);
    const rows = panel.locator('.monaco-list-row');
    // The tree fills in as the preview renders: the count it settles on.
    await kit.waitUntil('the file and its 4 changes in the preview', async () => await rows.count() === 5, 15000).catch(() => { });
    assert.strictEqual(await rows.count(), 5, 'the file and its 4 changes');
    await kit.shot('refactor preview');
    assert.strictEqual(fs.readFileSync(abs('docs/guide.md'), 'utf8'), GUIDE, 'nothing changes before Apply');
    // Changes that need confirmation come unticked (VS Code's rule): tick the file, which ticks its 4 changes.
    await panel.locator('.monaco-list-row[aria-level="1"] input[type="checkbox"]').first().click();
    await kit.waitUntil('the 4 changes ticked', async () =>
      (await panel.locator('.monaco-list-row[aria-level="2"] input[type="checkbox"]').evaluateAll(els => els.filter(e => e.checked).length)) === 4, 5000);
    await kit.shot('ticked');
    await panel.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();

    const text = await kit.waitEditorText('the rewritten links', t => t.includes('static.wixstatic.com'), 30000);
    const st1 = await kit.emuState();
    const files = st1.files.slice(st0.files.length);
    assert.strictEqual(files.length, 3, 'exactly 3 uploads');
    const urlOf = rel => {
      const hash = fixtures.sha256(images[rel]);
      const f = files.filter(x => x.sha256 === hash);
      assert.strictEqual(f.length, 1, `${rel} stored once`);
      assert.strictEqual(f[0].folderPath, '/docs/img', `${rel}: folder`);
      assert.deepStrictEqual(f[0].labels, ['guide'], `${rel}: labels`);
      return f[0].descriptor.url;
    };
    const expected = GUIDE
      .replace('(./img/hero.png "Hero shot")', `(${urlOf('docs/img/hero.png')} "Hero shot")`)
      .replace('![Hero again](img/hero.png)', `![Hero again](${urlOf('docs/img/hero.png')})`)
      .replace('(<../shared art/diagram one.png>)', `(${urlOf('shared art/diagram one.png')})`)
      .replace('src="./img/logo.png"', `src="${urlOf('docs/img/logo.png')}"`);
    // The editor wraps long lines, so its view is compared without whitespace; the saved file exactly.
    const squeeze = t => t.replace(/\s+/g, '');
    assert.strictEqual(squeeze(text), squeeze(expected));
    const toast = await kit.notification(/were not uploaded; their links were left as they were: \.\/img\/missing\.png/);
    assert.ok(await toast.locator('.monaco-button', { hasText: 'Show Log' }).count() > 0, 'the notification offers Show Log');

    await kit.activeEditor.click();
    await page.keyboard.press('Control+S');
    // The file may be seen half written; what it ends as is what counts.
    await kit.waitUntil('docs/guide.md saved', () => fs.readFileSync(abs('docs/guide.md'), 'utf8') === expected).catch(() => { });
    assert.strictEqual(fs.readFileSync(abs('docs/guide.md'), 'utf8'), expected);

    // One undo restores the document.
    await page.keyboard.press('Control+Z');
    await kit.waitEditorText('the original links again', t => squeeze(t) === squeeze(GUIDE));
    await page.keyboard.press('Control+S');
    await kit.waitUntil('docs/guide.md saved again', () => fs.readFileSync(abs('docs/guide.md'), 'utf8') === GUIDE);
    await kit.shot('undone');
  });
};
