'use strict';
// The Wix Media UI scenarios, driven through the real workbench by ui-e2e.js. Each one checks what the
// editor shows AND what the emulator received (sha256 of the local file against the stored file's,
// its folder, labels, upload route), through kit.emuState().
// `kit` is a UiKit (ui-kit.js). The workspace (ctx.ws) is fixtures.writeSampleWorkspace: README.md,
// index.html, styles.css, images/{hero,logo,gallery-1,gallery-2}.png; the bigger files and extra
// Markdown files are written by the scenario that needs them. User settings hold wixMedia.siteId and
// wixMedia.wixAPI.baseURL (the emulator); the API key is typed into `Wix Media: Set API Key`'s password box.
// The scenarios run in order in one window: 1 stores the key the others use, 5 stores it again.
// Env: E2E_README_SCREENSHOT=<file.png> also saves a clean screenshot for the README (scenario 1).
const fs = require('fs');
const path = require('path');
const { RUN } = require('./lib');

const STATIC_MEDIA = 'https://static.wixstatic.com/media/';
const UPLOAD = 'Upload to Wix Media';
const FOLDER_TITLE = 'Upload to Wix Media: folder';
const LABELS_TITLE = 'Upload to Wix Media: labels';
const reEscape = s => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

module.exports = async function scenarios(kit, { assert, ws, emu, fixtures, page, userSettingsFile }) {
  const abs = rel => path.join(ws, rel);
  const writeWs = (rel, content) => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), content);
  };
  // The files the emulator stored since `before` (a state), checked one by one against local files.
  const added = (before, after) => after.files.slice(before.files.length);
  const assertStored = (f, rel, { folderPath, labels, via = 'put' }) => {
    const local = fs.readFileSync(abs(rel));
    assert.strictEqual(f.sha256, fixtures.sha256(local), `${rel}: the emulator holds other bytes`);
    assert.strictEqual(f.size, local.length, `${rel}: size`);
    assert.strictEqual(f.fileName, path.basename(rel));
    assert.strictEqual(f.folderPath, folderPath, `${rel}: folder`);
    assert.deepStrictEqual(f.labels, labels, `${rel}: labels`);
    assert.strictEqual(f.via, via, `${rel}: upload route`);
    assert.strictEqual(f.mimeType, 'image/png');
    assert.ok(f.descriptor.url.startsWith(STATIC_MEDIA + f.descriptor.id), `${rel}: url ${f.descriptor.url}`);
    return f;
  };
  // Each scenario starts without toasts or an open quick input left by the one before.
  const fresh = async () => { await kit.closeQuickInput(); await kit.clearNotifications(); };
  const setKey = async key => {
    await kit.palette('Wix Media: Set API Key');
    await kit.inputBox(key, { password: true, title: 'Wix Media: API key', prompt: /API Keys Manager/ });
  };
  // The references go to the clipboard when no text editor is active: let the page read it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });

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

  await kit.test('1. Set API Key in its password box; README.md open, right-click images/hero.png > Upload to Wix Media, ' +
    'pick a folder, type labels -> ![hero](…) at the cursor; the emulator holds the same bytes in that folder with those labels', async () => {
    await fresh();
    await kit.emuSeedFolder('/site/images');
    await kit.emuSeedFolder('/docs');
    const rootFolders = (await kit.emuState()).folders.filter(f => f.parentFolderId === 'media-root').length;

    // Setup: the key, typed as a person would; the command checks it against the site before keeping it.
    await setKey(emu.apiKey);
    const saved = await (await kit.notification(/Wix Media: The API key works for site/, { timeout: 30000 })).innerText();
    assert.match(saved, new RegExp(`The API key works for site ${reEscape(emu.siteId)} \\(${rootFolders} folders at the ` +
      `Media Manager root\\) and was saved in VS Code's secret storage\\.`));

    await kit.openFile('README.md');
    const before = await kit.editorText();
    assert.strictEqual(before, fs.readFileSync(abs('README.md'), 'utf8'));
    await kit.gotoLine(5, 1);                                   // the empty last line
    const st0 = await kit.emuState();
    await kit.contextMenu('images/hero.png', UPLOAD);
    // Step 1/2: browse root > site > images, then "Upload here".
    await kit.waitQuickInput({ title: `${FOLDER_TITLE} (1/2)`, placeholder: 'now in the root' });
    const offered = await kit.waitUntil('the site\'s folders in the prompt', async () => {
      const items = (await kit.quickPickItems()).map(s => s.trim());
      return items.includes('site') && items;
    }, 30000);
    assert.deepStrictEqual(offered, ['Upload here', 'Type a new path…', 'docs', 'site']);
    await kit.quickPick('site', { title: FOLDER_TITLE, placeholder: 'now in the root' });
    await kit.quickPick('images', { title: FOLDER_TITLE, placeholder: 'now in /site)' });
    await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in /site/images)' });
    // Step 2/2: labels.
    await kit.inputBox('hero, landing', { title: `${LABELS_TITLE} (2/2)`, prompt: 'At most 50 labels' });

    const text = await kit.waitEditorText('the hero reference in README.md', t => t.includes('![hero]('), 60000);
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 1, 'one file reached the emulator');
    const f = assertStored(files[0], 'images/hero.png', { folderPath: '/site/images', labels: ['hero', 'landing'] });
    assert.deepStrictEqual([f.descriptor.media.image.image.width, f.descriptor.media.image.image.height], [640, 360]);
    // exactly at the cursor (line 5, column 1), nothing else changed
    assert.strictEqual(text, `${before}![hero](${f.descriptor.url})`);
    await kit.statusBarItem(/\b1 uploaded\b/).waitFor({ state: 'visible', timeout: 10000 });
    await kit.shot('reference inserted');

    if (process.env.E2E_README_SCREENSHOT) {
      // The README's picture: the inserted reference, the status bar, and the menu item on the next image.
      await kit.clearNotifications();
      await (await kit.explorerRow('images/logo.png')).click({ button: 'right' });
      const item = kit.menuItem(UPLOAD);
      await item.waitFor({ state: 'visible', timeout: 10000 });
      await item.hover(); await page.waitForTimeout(500);
      await page.screenshot({ path: process.env.E2E_README_SCREENSHOT });
      await page.keyboard.press('Escape');
      await item.waitFor({ state: 'hidden', timeout: 10000 });
    }
  });

  await kit.test('2. Ctrl-click three files, upload: three references, one per line, removed by a single Ctrl+Z', async () => {
    await fresh();
    await kit.openFile('index.html');
    const before = await kit.editorText();
    assert.strictEqual(before, fs.readFileSync(abs('index.html'), 'utf8'));
    await kit.gotoLine(10, 1);                                  // the empty line inside <header>
    const rels = ['images/gallery-1.png', 'images/gallery-2.png', 'images/logo.png'];
    const rows = await kit.ctrlSelectInExplorer(rels);
    const st0 = await kit.emuState();
    await kit.contextMenu(rows[1], UPLOAD);                     // on a selected row: the whole selection
    await kit.quickPick('docs', { title: FOLDER_TITLE, placeholder: 'now in the root' });
    await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in /docs)' });
    await kit.inputBox('gallery', { title: LABELS_TITLE });

    const text = await kit.waitEditorText('three <img> references in index.html', t => (t.match(/<img /g) || []).length === 3, 60000);
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 3, 'three files reached the emulator');
    const b = before.split('\n');
    const lines = text.split('\n');
    // lines 10-12 are the references (in the order of the selection), the rest is as it was
    assert.strictEqual(lines.length, b.length + 2);
    assert.deepStrictEqual([...lines.slice(0, 9), ...lines.slice(12)], [...b.slice(0, 9), ...b.slice(10)]);
    const refs = lines.slice(9, 12);
    for (const rel of rels) {
      const name = path.basename(rel, '.png');
      const f = files.find(x => x.fileName === path.basename(rel));
      assert.ok(f, `${rel} reached the emulator`);
      assertStored(f, rel, { folderPath: '/docs', labels: ['gallery'] });
      const { width, height } = f.descriptor.media.image.image;
      const want = `<img src="${f.descriptor.url}" alt="${name}" width="${width}" height="${height}">`;
      assert.strictEqual(refs.filter(r => r === want).length, 1, `one line is ${want}; lines 10-12:\n${refs.join('\n')}`);
    }

    // One undo step: a single Ctrl+Z in the editor takes all three away.
    await kit.activeEditor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Z');
    const undone = await kit.waitEditorText('index.html without the references after one Ctrl+Z', t => !t.includes('<img '), 15000);
    assert.strictEqual(undone, before);
    await kit.shot('after one Ctrl+Z');
  });

  await kit.test('3. Command palette: Wix Media: Upload Active File on an image preview -> uploaded, reference copied, notification says so', async () => {
    await fresh();
    // No text editor left in the group (else the reference goes to the one used last, issue 9).
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+W');
    await kit.openFile('images/gallery-2.png', { text: false });   // an image preview: no text editor is active
    const st0 = await kit.emuState();
    await kit.palette('Wix Media: Upload Active File');
    await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in the root' });
    await kit.inputBox('', { title: LABELS_TITLE });
    // (either wording: the active tab is an image preview, while text editors are open in other tabs)
    await kit.notification(/Wix Media: the reference was copied to the clipboard, because (no text editor was open|the active editor is not a text editor)\./, { timeout: 60000 });
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 1, 'one file reached the emulator');
    const f = assertStored(files[0], 'images/gallery-2.png', { folderPath: '/', labels: [] });
    // no language to format for: the bare static URL
    assert.strictEqual(await page.evaluate(() => navigator.clipboard.readText()), f.descriptor.url);
    await kit.page.locator('.tabs-container .tab.active[aria-label*="gallery-2.png"]').waitFor({ timeout: 5000 });
  });

  await kit.test('4. Slow upload: the status bar shows "Wix … %", clicking it opens the queue, its cancel button stops the upload; ' +
    'the emulator keeps no file and the editor is unchanged', async () => {
    await fresh();
    const rel = 'media/slow-2mb.png';
    writeWs(rel, fixtures.makeNoisePng(2 * 1024 * 1024, 4));
    await kit.openFile('README.md');
    const before = await kit.editorText();
    const st0 = await kit.emuState();
    // 32 KB/s: the 2 MB body needs about a minute, far more than the test needs to cancel it.
    await kit.emuFault({ type: 'slow', route: 'put', bytesPerSecond: 32 * 1024 });
    try {
      await kit.contextMenu(rel, UPLOAD);
      await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in the root' });
      await kit.inputBox('', { title: LABELS_TITLE });
      const progress = kit.statusBarItem(/Wix 0\/1 · \d+%/);
      await progress.waitFor({ state: 'visible', timeout: 30000 });
      await kit.shot('status bar progress');
      // (the item also shows while the upload URL is asked for: wait for the body to be on its way)
      const mid = await kit.waitUntil('the PUT to be under way at the emulator', async () => {
        const s = await kit.emuState(); return s.stats.uploadsInFlight === 1 && s;
      }, 30000);
      assert.strictEqual(mid.files.length, st0.files.length);
      await progress.waitFor({ state: 'visible', timeout: 5000 });

      await progress.click();
      await kit.waitQuickInput({ title: 'Wix Media: Upload Queue' });
      const rowLabel = () => kit.quickInputRow(rel).getAttribute('aria-label');
      assert.match(await rowLabel(), /media\/slow-2mb\.png, uploading · 2\.0 MB · \d+%/);
      await kit.quickPickItemButton(rel, 'Cancel this upload');
      await kit.waitUntil('the queue to show the upload cancelled', async () => /, cancelled · 2\.0 MB/.test(await rowLabel()), 15000);
      await kit.shot('queue: cancelled');
      await kit.statusBarItem(/\b1 cancelled\b/).waitFor({ state: 'visible', timeout: 10000 });
      await kit.closeQuickInput();

      // The emulator saw the PUT end, and kept nothing.
      const st1 = await kit.waitUntil('the emulator to close the PUT', async () => {
        const s = await kit.emuState(); return s.stats.uploadsInFlight === 0 && s;
      }, 30000);
      assert.strictEqual(st1.files.length, st0.files.length, 'no file was stored');
      assert.ok(!st1.files.some(f => f.sha256 === fixtures.sha256File(abs(rel))));
      assert.strictEqual(st1.stats.generateCalls, st0.stats.generateCalls + 1);
      assert.strictEqual(await kit.editorText(), before, 'README.md is unchanged');
    } finally {
      await kit.emuClearFaults();
    }
  });

  await kit.test('5. Wrong API key: the key is refused with a clear error and nothing is uploaded; a key Wix rejects ' +
    'during an upload gives a clear error naming the file', async () => {
    await fresh();
    let keyOk = false;
    try {
      await kit.palette('Wix Media: Clear API Key');
      await kit.notification('Wix Media: The API key was removed from the secret storage.');
      await kit.openFile('styles.css');
      await kit.gotoLine(3, 1);
      const before = await kit.editorText();
      const st0 = await kit.emuState();

      // No key: the upload offers to set one; the typed key is wrong.
      await kit.contextMenu('images/logo.png', UPLOAD);
      const offer = await kit.notification('Wix Media: no API key is set yet. Set one, and the upload goes on.');
      await offer.locator('.monaco-button', { hasText: 'Set API key' }).click();
      await kit.inputBox('IST.this-key-was-never-issued', { password: true, title: 'Wix Media: API key' });
      // The refusal shows on the box, which stays open with the text kept (ui-scenarios-first-hour.js checks more).
      const onBox = kit.page.locator('.quick-input-widget .quick-input-message');
      await kit.waitUntil('the refusal on the key box', async () => /The Wix API key was rejected \(401 UNAUTHORIZED\)\. It may be wrong, revoked or for another account/
        .test(await onBox.innerText().catch(() => '')), 30000);
      const refused = await onBox.innerText();
      assert.ok(!refused.includes('this-key-was-never-issued'), 'the key is not shown');
      await kit.page.keyboard.press('Escape');
      await kit.quickInput.waitFor({ state: 'hidden', timeout: 10000 });
      const st1 = await kit.emuState();
      assert.strictEqual(st1.files.length, st0.files.length, 'nothing was uploaded');
      assert.strictEqual(st1.stats.generateCalls, st0.stats.generateCalls, 'no upload URL was even asked for');
      assert.strictEqual(await kit.editorText(), before);

      // The right key again.
      await kit.clearNotifications();
      await setKey(emu.apiKey);
      await kit.notification(/Wix Media: The API key works for site/, { timeout: 30000 });
      keyOk = true;

      // A key Wix rejects while uploading (revoked after it was saved): every call answers 401.
      await kit.emuFault({ type: 'status', route: 'generate', status: 401, times: 5 });
      await kit.contextMenu('images/logo.png', UPLOAD);
      await kit.quickPick('Upload here', { title: FOLDER_TITLE, placeholder: 'now in the root' });
      await kit.inputBox('', { title: LABELS_TITLE });
      const failed = await kit.notification(/Wix Media: the upload failed\./, { timeout: 60000 });
      assert.match(await failed.innerText(), /Wix Media: the upload failed\. "images\/logo\.png": The Wix API key was rejected \(401 UNAUTHORIZED\)/);
      // A refused key is fixed by another key, not by a retry.
      for (const b of ['Set API Key', 'Show Log']) await failed.locator('.monaco-button', { hasText: b }).waitFor({ timeout: 5000 });
      assert.strictEqual(await failed.locator('.monaco-button', { hasText: 'Retry failed' }).count(), 0);
      const st2 = await kit.emuState();
      assert.strictEqual(st2.files.length, st0.files.length, 'nothing was uploaded');
      assert.strictEqual(st2.stats.putBodyBytes, st0.stats.putBodyBytes, 'no byte was sent');
      assert.strictEqual(await kit.editorText(), before, 'styles.css is unchanged');
    } finally {
      await kit.emuClearFaults();
      if (!keyOk) {             // leave the right key for the next scenarios whatever happened
        await kit.closeQuickInput();
        await setKey(emu.apiKey).catch(() => { });
      }
    }
  });

  await kit.test('6. A 12 MB file goes through tus into a new folder typed in the prompt: reference inserted, ' +
    'emulator tusCreates +1, via tus, same sha256', async () => {
    await fresh();
    const rel = 'media/big-12mb.png';
    writeWs(rel, fixtures.makeNoisePng(12 * 1024 * 1024, 6));
    writeWs('docs/media.md', '# Media\n\n');
    await kit.openFile('docs/media.md');
    const before = await kit.editorText();
    await kit.gotoLine(3, 1);
    const st0 = await kit.emuState();
    await kit.contextMenu(rel, UPLOAD);
    await kit.quickPick('Type a new path…', { title: FOLDER_TITLE, placeholder: 'now in the root' });
    await kit.inputBox('/site/big', { title: 'Upload to Wix Media: new folder path', prompt: 'Missing folders are created' });
    await kit.inputBox('large', { title: LABELS_TITLE });
    const text = await kit.waitEditorText('the big-12mb reference in docs/media.md', t => t.includes('![big-12mb]('), 180000);
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 1, 'one file reached the emulator');
    const f = assertStored(files[0], rel, { folderPath: '/site/big', labels: ['large'], via: 'tus' });
    assert.ok(f.size > 12 * 1024 * 1024);
    assert.strictEqual(st1.stats.tusCreates, st0.stats.tusCreates + 1);
    assert.strictEqual(st1.stats.resumableGenerateCalls, st0.stats.resumableGenerateCalls + 1);
    assert.ok(st1.stats.tusPatchBytes - st0.stats.tusPatchBytes >= f.size, 'the bytes came through tus PATCH');
    assert.strictEqual(st1.stats.putBodyBytes, st0.stats.putBodyBytes, 'no plain PUT');
    assert.strictEqual(text, `${before}![big-12mb](${f.descriptor.url})`);
  });

  // P6: from the click on "Upload to Wix Media" in the Explorer's context menu to the reference showing in
  // the editor, for a 100 KB PNG, with both prompts skipped through the Settings editor
  // (wixMedia.defaultFolder, wixMedia.askForLabels off). Included: the command, reading the file, the
  // generate-upload-url call, the PUT, waiting for the emulator's READY (it takes 300 ms, polled from
  // 500 ms), the edit and Monaco's render. Measured in the page (mousedown to the DOM mutation). No assertion on it.
  await kit.test('P6: right-click to reference for a 100 KB PNG (prompts skipped through settings), written to ui/metrics.json', async () => {
    await fresh();
    const rel = 'media/p6-100k.png';
    writeWs(rel, fixtures.makeNoisePng(100 * 1024, 7));
    writeWs('docs/p6.md', '# P6\n\n');
    const settingsFile = userSettingsFile || path.join(ws, '../ud/User/settings.json');
    const inFile = re => kit.waitUntil(`${re} in the user settings file`, () => re.test(fs.readFileSync(settingsFile, 'utf8')), 15000);
    const folderSetting = await kit.searchSettings('@id:wixMedia.defaultFolder', 'Default Folder');
    await folderSetting.locator('input').fill('/site/p6');
    await inFile(/"wixMedia\.defaultFolder": "\/site\/p6"/);
    const labelsSetting = await kit.searchSettings('@id:wixMedia.askForLabels', 'Ask For Labels');
    const box = labelsSetting.locator('.setting-value-checkbox');
    assert.strictEqual(await box.getAttribute('aria-checked'), 'true');
    await box.click();
    await inFile(/"wixMedia\.askForLabels": false/);
    await page.keyboard.press('Control+W');                     // close the Settings editor

    await kit.openFile('docs/p6.md');
    const before = await kit.editorText();
    await kit.gotoLine(3, 1);
    const st0 = await kit.emuState();
    const marker = `![p6-100k](${STATIC_MEDIA}`;
    await kit.contextMenu(rel, UPLOAD, {
      beforeClick: () => page.evaluate(marker => {
        const p6 = window.__wixP6 = { clickAt: 0, seenAt: 0, prompted: false };
        window.addEventListener('mousedown', () => { p6.clickAt = p6.clickAt || performance.now(); }, { capture: true, once: true });
        const lines = document.querySelector('.part.editor .editor-group-container.active .editor-instance .monaco-editor .view-lines');
        const prompt = document.querySelector('.quick-input-widget');
        const obs = new MutationObserver(() => {
          if (prompt && prompt.style.display !== 'none') p6.prompted = true;
          if (!p6.seenAt && lines.textContent.replace(/\u00a0/g, ' ').includes(marker)) { p6.seenAt = performance.now(); obs.disconnect(); }
        });
        obs.observe(lines, { subtree: true, childList: true, characterData: true });
        if (prompt) obs.observe(prompt, { attributes: true, attributeFilter: ['style'] });
      }, marker),
    });
    const p6 = await kit.waitUntil('the P6 reference in docs/p6.md', () => page.evaluate(() => window.__wixP6.seenAt ? window.__wixP6 : false), 60000);
    assert.ok(p6.clickAt > 0, 'the menu click was seen');
    assert.strictEqual(p6.prompted, false, 'no prompt showed (the settings skip both)');
    const text = await kit.editorText();
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 1);
    const f = assertStored(files[0], rel, { folderPath: '/site/p6', labels: [] });
    assert.strictEqual(text, `${before}![p6-100k](${f.descriptor.url})`);

    const metrics = { p6RightClickToReferenceMs: Math.round(p6.seenAt - p6.clickAt), p6FileBytes: f.size, measuredAt: new Date().toISOString() };
    const out = path.join(RUN, 'ui', 'metrics.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(metrics, null, 2) + '\n');
    console.log(`    P6 ${JSON.stringify(metrics)} -> ${out}`);
  });
};
