'use strict';
// Issue 9, the small things a person meets, in the real UI: the Settings editor's titles read as words; a folder
// browsed into and picked again from Recent (the folder prompt's, and paste's "last used folder") is the same
// folder, by ID, even when a sibling shares its name; recent labels can be picked; Select Site marks the current
// site; "Retry failed" after a 5xx uploads and inserts the reference. Runs in a fresh window of its own.
const fs = require('fs');

const UPLOAD = 'Upload to Wix Media';
const FOLDER_TITLE = 'Upload to Wix Media: folder';
const LABELS_TITLE = 'Upload to Wix Media: labels';
const KEY_TITLE = 'Wix Media: API key';
const EXTENSION_ID = 'wix-media-tools.wix-media-vscode';
// The emulator's account (test/emulator/main.ts DEMO_ACCOUNT_ID; run.sh sets no WIX_EMULATOR_ACCOUNT_ID).
const ACCOUNT_ID = '9a8b7c6d-0000-4b4b-8c8c-fedcba987654';

module.exports = async function settingsAndRecent(kit, { assert, emu, fixtures, page, userSettingsFile }) {
  const added = (before, after) => after.files.slice(before.files.length);
  const fresh = async () => {
    await kit.closeQuickInput();
    if (await page.locator('.notification-toast').count()) await kit.clearNotifications();
  };
  const rowsNamed = name => kit.page.locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: kit.page.locator('.label-name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  await kit.test('settings 1. Set API Key (typed into its box)', async () => {
    await kit.palette('Wix Media: Set API Key').catch(async () => {       // a fresh window can miss the first row
      await kit.closeQuickInput();
      await kit.palette('Wix Media: Set API Key');
    });
    await kit.inputBox(emu.apiKey, { password: true, title: KEY_TITLE });
    await kit.notification(/Wix Media: The API key works for site/, { timeout: 30000 });
  });

  await kit.test('settings 2. The Settings editor, filtered on the extension, titles every setting in words ("Wix API: Base URL", "Site ID", "MB")', async () => {
    await fresh();
    await kit.palette('Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor .view-lines').first();
    await search.waitFor({ state: 'visible', timeout: 15000 });
    await search.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`@ext:${EXTENSION_ID}`);
    const items = page.locator('.settings-editor .setting-item-contents');
    await items.first().waitFor({ state: 'visible', timeout: 15000 });
    await kit.waitUntil('the Site ID setting', async () => (await titlesShown()).some(t => /Site ID$/.test(t)), 15000);
    await kit.shot('settings of the extension');
    // The list renders only the rows in view: scroll through it and collect every title.
    const titles = new Set();
    const tree = page.locator('.settings-editor .setting-item-contents').first();
    await tree.hover();
    for (let i = 0, same = 0; i < 120 && same < 10; i++) {
      const before = titles.size;
      for (const t of await titlesShown()) titles.add(t);
      same = titles.size === before ? same + 1 : 0;
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(120);
    }
    await kit.shot('scrolled to the end');
    const all = [...titles];
    console.log(`      titles: ${all.join(' | ')}`);
    for (const want of ['Wix Media › Wix API: Base URL', 'Wix Media › Wix API: Rate Limit', 'Wix Media: Site ID', 'Wix Media: Account ID', 'Wix Media: Max File Size MB']) {
      assert.ok(all.includes(want), `"${want}" is shown (shown: ${all.join(' | ')})`);
    }
    // Every setting of the manifest but the deprecated old names (hidden unless set) was seen.
    const props = require('../../package.json').contributes.configuration.properties;
    const current = Object.keys(props).filter(k => !props[k].markdownDeprecationMessage && !props[k].deprecationMessage);
    assert.strictEqual(all.length, current.length, `${current.length} settings, ${all.length} titles seen`);
    const miscased = all.filter(t => /\b(Api|Url|Uri|Mb|Id)\b/.test(t));
    assert.deepStrictEqual(miscased, [], 'no title reads "Api", "Url", "Mb" or "Id"');
    await page.keyboard.press('Control+W');

    async function titlesShown() {
      return items.evaluateAll(els => els.map(e => {
        const cat = (e.querySelector('.setting-item-category')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const label = (e.querySelector('.setting-item-label')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const deprecated = !!e.closest('.is-deprecated');
        return deprecated ? '' : `${cat} ${label}`.replace(/\s+/g, ' ').trim();
      }).filter(Boolean));
    }
  });

  let newer;
  await kit.test('settings 3. A "news" folder browsed into (a sibling shares the name), then picked again from Recent: ' +
    'the second upload goes by the same folder ID; the labels typed the first time can be picked from Recent labels', async () => {
    await fresh();
    const older = await kit.emuCreateFolder('news');
    newer = await kit.emuCreateFolder('news');
    await kit.openFile('README.md');
    await kit.gotoLine(1, 1);
    const st0 = await kit.emuState();
    // First upload: browse into the newer "news" (listed second, oldest first), labels typed.
    await kit.contextMenu('images/hero.png', UPLOAD);
    await kit.waitQuickInput({ title: FOLDER_TITLE, placeholder: 'now in the root' });
    await kit.waitUntil('both "news" folders', async () => (await rowsNamed('news').count()) === 2, 30000);
    const positions = await rowsNamed('news').evaluateAll(els => els.map(e => Number(e.getAttribute('aria-posinset'))));
    await rowsNamed('news').nth(positions.indexOf(Math.max(...positions))).click();
    await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in /news)' });
    await kit.inputBox('Hero Shots, Blog', { title: LABELS_TITLE });
    await kit.waitUntil('the hero stored', async () => added(st0, await kit.emuState()).length === 1, 60000);
    const first = added(st0, await kit.emuState())[0];
    assert.strictEqual(first.descriptor.parentFolderId, newer.id, `first upload in the folder browsed into (older is ${older.id})`);

    // Second upload: "/news" from the Recent part of the folder prompt; a recent label picked in its own list.
    const st1 = await kit.emuState();
    await kit.contextMenu('images/logo.png', UPLOAD);
    await kit.waitQuickInput({ title: FOLDER_TITLE, placeholder: 'now in the root' });
    const recentRow = kit.quickInputRow('/news').filter({ has: page.locator('.codicon-history') });
    await recentRow.waitFor({ state: 'visible', timeout: 15000 });
    await kit.shot('recent /news');
    await recentRow.click();
    await kit.waitQuickInput({ title: LABELS_TITLE, prompt: /Recent: .*Hero Shots/ });
    const recentLabels = page.locator('.quick-input-widget .quick-input-titlebar .action-label[aria-label*="Pick from recent labels"], ' +
      '.quick-input-widget .quick-input-titlebar .action-label[title*="Pick from recent labels"]').first();
    await recentLabels.waitFor({ state: 'visible', timeout: 10000 });
    await kit.shot('recent labels button');
    await recentLabels.click();
    await kit.waitQuickInput({ title: 'Recent labels' });
    await kit.quickInputBox.pressSequentially('blog', { delay: 20 });
    const blogRow = kit.quickInputRow('Blog');
    await blogRow.waitFor({ state: 'visible', timeout: 10000 });
    await blogRow.click();                                       // ticks its box
    await kit.waitUntil('Blog ticked', async () => (await blogRow.getAttribute('aria-checked')) === 'true' ||
      await blogRow.locator('input[type=checkbox]').isChecked().catch(() => false), 5000);
    await kit.shot('Blog ticked');
    await page.keyboard.press('Enter');
    await kit.waitQuickInput({ title: LABELS_TITLE });
    await kit.waitUntil('"Blog" in the labels box', async () => (await kit.quickInputBox.inputValue()) === 'Blog', 10000);
    await page.keyboard.press('Enter');
    await kit.waitUntil('the logo stored', async () => added(st1, await kit.emuState()).length === 1, 60000);
    const st2 = await kit.emuState();
    const second = added(st1, st2)[0];
    assert.strictEqual(second.descriptor.parentFolderId, newer.id, `from Recent, the same folder by ID: ${newer.id}, not ${second.descriptor.parentFolderId}`);
    assert.deepStrictEqual(second.descriptor.labels, ['Blog'], 'the recent label picked');
    assert.strictEqual(st2.folders.filter(x => x.displayName === 'news').length, 2, 'no third "news" was made from a path');
  });

  await kit.test('settings 4. A paste (the upload made the default) goes to the folder used last, by its ID (the newer "news", not its older sibling)', async () => {
    await fresh();
    assert.ok(newer, 'needs scenario 3');
    // The upload made the default paste, through the Settings editor as a person does (the extension host does
    // not see settings.json written behind the window's back), so Ctrl+V needs no pick in the widget.
    const item = await kit.searchSettings('@id:wixMedia.dropAndPaste.preferUpload', 'Prefer Upload');
    await item.locator('.setting-value-checkbox').click();
    await kit.waitUntil('preferUpload in settings.json', () => /"wixMedia\.dropAndPaste\.preferUpload": true/.test(fs.readFileSync(userSettingsFile, 'utf8')), 15000);
    await page.keyboard.press('Control+W');
    await kit.openFile('README.md');
    await kit.gotoLine(1, 1);
    // An image with its address as text, as a browser's "Copy image" leaves on the clipboard.
    await page.evaluate(async ([b64]) => {
      const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({
        'image/png': new Blob([bytes], { type: 'image/png' }), 'text/plain': new Blob(['https://example.com/shot.png'], { type: 'text/plain' }),
      })]);
      const [item] = await navigator.clipboard.read();
      await item.getType('image/png');
    }, [fixtures.makePng(30, 20, 21).toString('base64')]);
    await kit.activeEditor.locator('.view-lines').click({ position: { x: 2, y: 2 } });
    await kit.gotoLine(1, 1);
    const st0 = await kit.emuState();
    const textBefore = await kit.editorText();
    // A Ctrl+V that the editor did not take (the text unchanged) is pressed again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+V');
      if (await kit.waitUntil('the paste', async () => (await kit.editorText()) !== textBefore, 10000).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('Ctrl+V pasted nothing, three times');
      await kit.shot(`Ctrl+V not taken (${attempt})`);
      await kit.activeEditor.locator('.view-lines').click({ position: { x: 2, y: 2 } });
      await kit.gotoLine(1, 1);
    }
    await kit.shot('pasted');
    await kit.waitUntil('the pasted image stored', async () => added(st0, await kit.emuState()).length === 1, 60000);
    const f = added(st0, await kit.emuState())[0];
    assert.strictEqual(f.descriptor.parentFolderId, newer.id, `the folder used last, by ID: ${newer.id}, not ${f.descriptor.parentFolderId}`);
    await kit.waitEditorText('the pasted reference', t => t.replace(/\n/g, '').includes(f.descriptor.url), 30000);
  });

  await kit.test('settings 5. Select Site lists the account\'s sites and marks the current one', async () => {
    await fresh();
    await kit.palette('Wix Media: Select Site');
    await kit.quickPick('List my sites…', { title: 'Wix Media: Select Site', filter: false });
    await kit.inputBox(ACCOUNT_ID, { title: 'Wix Media: account ID' });
    const current = kit.quickInputRow('Emulated Wix Site');
    await current.waitFor({ state: 'visible', timeout: 20000 });
    await kit.shot('sites listed');
    const text = (await current.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(`${emu.siteId} (current)`), `the current site is marked: ${text}`);
    assert.ok(await current.locator('.codicon-check').count() > 0, 'with a check mark');
    await kit.closeQuickInput();
  });

  await kit.test('settings 6. A 5xx on the upload: "Retry failed" is offered; clicking it uploads the file and inserts its reference', async () => {
    await fresh();
    await kit.openFile('styles.css');
    await kit.gotoLine(1, 1);
    const st0 = await kit.emuState();
    // Every PUT answers 503 until the notification shows (the client's own retries are spent), then Wix is back.
    await kit.emuFault({ type: 'status', route: 'put', status: 503, times: 100 });
    try {
      await kit.contextMenu('images/hero.png', UPLOAD);
      await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in the root' });
      await kit.inputBox('', { title: LABELS_TITLE });
      const toast = page.locator('.notification-toast').filter({ has: page.locator('.monaco-button', { hasText: 'Retry failed' }) }).first();
      await toast.waitFor({ state: 'visible', timeout: 90000 });
      await kit.shot('retry offered');
      assert.strictEqual(added(st0, await kit.emuState()).length, 0, 'nothing stored yet');
    } finally {
      await kit.emuClearFaults();
    }
    const toast = page.locator('.notification-toast').filter({ has: page.locator('.monaco-button', { hasText: 'Retry failed' }) }).first();
    await toast.locator('.monaco-button', { hasText: 'Retry failed' }).first().click();
    await kit.waitUntil('the hero stored', async () => added(st0, await kit.emuState()).length === 1, 60000);
    const f = added(st0, await kit.emuState())[0];
    assert.strictEqual(f.sha256, fixtures.sha256(kit.readWorkspaceFile('images/hero.png')));
    await kit.waitEditorText('the reference in styles.css', t => t.includes(`url(${f.descriptor.url})`) || t.includes(f.descriptor.url), 30000);
  });
};
