'use strict';
// Paste and drop into an editor, as a person does it, in a fresh window where no Wix Media command has run:
// a PNG put on the clipboard by the page (navigator.clipboard.write, image/png) and pasted with Ctrl+V; a file
// Shift-dragged from the Explorer. Checks what the editor shows at each step (placeholder, reference, failure
// marker) and what the emulator stored (bytes, name from the pattern, folder).
const fs = require('fs');
const path = require('path');

const STATIC_MEDIA = 'https://static.wixstatic.com/media/';
const reEscape = s => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// ${documentBaseName}-${date}-${time}.png, the default pattern
const PATTERN_NAME = base => new RegExp(`^${reEscape(base)}-\\d{4}-\\d{2}-\\d{2}-\\d{6}(-\\d+)?\\.png$`);

module.exports = async function scenarios(kit, { assert, ws, fixtures, page, userSettingsFile }) {
  const abs = rel => path.join(ws, rel);
  const writeWs = (rel, content) => { fs.mkdirSync(path.dirname(abs(rel)), { recursive: true }); fs.writeFileSync(abs(rel), content); };
  const added = (before, after) => after.files.slice(before.files.length);
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  // The extension host does not see settings.json written behind the window's back: use the Settings editor,
  // as a person does, and wait until it marks the setting modified (kit.settingApplied: the extension sees it then).
  // Each test sets up what it needs, so that one failing test does not fail the next ones.
  const settingsText = () => fs.readFileSync(userSettingsFile, 'utf8');
  const setDefaultFolder = async folder => {
    const item = await kit.searchSettings('@id:wixMedia.defaultFolder', 'Default Folder');
    if (!settingsText().includes(`"wixMedia.defaultFolder": "${folder}"`)) await item.locator('input').fill(folder);
    await kit.waitUntil('the folder in settings.json', () => settingsText().includes(`"wixMedia.defaultFolder": "${folder}"`), 15000);
    await kit.settingApplied(item);
    await page.keyboard.press('Control+W');
  };
  // [markdown] wixMedia.dropAndPaste.preferUpload on. The first test sets it with the first-pick notification's button;
  // the others make sure of it in the Settings editor, filtered to Markdown (which edits the [markdown] block).
  const MD_PREFER_UPLOAD = /"\[markdown\]":\s*\{[^}]*"wixMedia\.dropAndPaste\.preferUpload": true/;
  const preferUploadInMarkdown = async () => {
    const item = await kit.searchSettings('@lang:markdown @id:wixMedia.dropAndPaste.preferUpload', 'Prefer Upload');
    const box = item.locator('.setting-value-checkbox');
    if (await box.getAttribute('aria-checked') !== 'true') await box.click();
    await kit.waitUntil('[markdown] preferUpload in settings.json', () => MD_PREFER_UPLOAD.test(settingsText()), 15000);
    await kit.waitUntil('the box ticked', async () => await box.getAttribute('aria-checked') === 'true', 15000);
    await kit.settingApplied(item);
    await page.keyboard.press('Control+W');
  };
  const fresh = async () => {
    await kit.closeQuickInput();
    if (await page.locator('.notification-toast').count()) await kit.clearNotifications();
  };
  // Puts a PNG on the clipboard the way a screenshot tool or a browser's "Copy image" does.
  // Chromium re-encodes images written to the clipboard: the bytes a paste carries are the ones read back.
  // With `text`, the clipboard also holds it as text/plain, as after a browser's "Copy image" (which adds the
  // image's address): VS Code's own "Insert Plain Text" edit is then always offered beside ours.
  const clipboardPng = async (png, text) => Buffer.from(await page.evaluate(async ([b64, text]) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const parts = { 'image/png': new Blob([bytes], { type: 'image/png' }) };
    if (text) parts['text/plain'] = new Blob([text], { type: 'text/plain' });
    await navigator.clipboard.write([new ClipboardItem(parts)]);
    const [item] = await navigator.clipboard.read();
    const back = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
    let s = '';
    for (const b of back) s += String.fromCharCode(b);
    return btoa(s);
  }, [png.toString('base64'), text]), 'base64');
  // Picks a row of the open action list (the paste/drop widget's, the Quick Fix menu) with the keyboard.
  const pickInList = async label => {
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15000 });
    await kit.waitUntil(`"${label}" focused in the list`, async () => {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label').catch(() => null);
      if (focused && focused.startsWith(label)) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, 10000, 200);
    await kit.shot(`pick ${label}`);
    await page.keyboard.press('Enter');
  };
  // Picks an edit in the paste/drop widget's list (an action list, not a context menu).
  const pickInWidget = async label => {
    const button = page.locator('.post-edit-widget').first();
    await button.waitFor({ state: 'visible', timeout: 15000 });
    await kit.shot('paste/drop widget');
    await button.click();
    await pickInList(label);
  };
  // The document's text as shown, with lines that word wrap splits (Markdown wraps by default) joined again:
  // a view line starts a document line where the margin shows a line number.
  // Defined in the page once, for editorText and for watchShown's MutationObserver.
  await page.evaluate(() => {
    window.__wixShownText = ed => {
      const lines = [...ed.querySelectorAll('.view-lines .view-line')]
        .map(l => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') })).sort((a, b) => a.top - b.top);
      const starts = new Set([...ed.querySelectorAll('.margin-view-overlays > div')]
        .filter(d => (d.querySelector('.line-numbers')?.textContent ?? '').trim() !== '').map(d => parseFloat(d.style.top) || 0));
      const out = [];
      for (const l of lines) { if (!out.length || starts.has(l.top)) out.push(l.text); else out[out.length - 1] += l.text; }
      return out.join('\n');
    };
  });
  const editorText = () => kit.activeEditor.evaluate(ed => window.__wixShownText(ed));
  const waitText = async (what, pred, ms = 20000) => {
    let last = '';
    try { return await kit.waitUntil(what, async () => { last = await editorText(); return pred(last) ? last : false; }, ms); }
    catch (e) { throw new Error(`${e.message}; the editor shows:\n${last}`); }
  };
  // After an undo: the text stays as it was for a while (nothing late, such as a finishing upload, writes it back).
  const staysAsBefore = async before => {
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(200);
      assert.strictEqual(await editorText(), before, 'the text came back after the undo');
    }
  };
  const focusEditor = () => kit.activeEditor.locator('.view-lines').click({ position: { x: 400, y: 2 } }).catch(() => { });
  // The key: the first-use prompt answered by the test that meets it (kit.answerKeyPrompt), or Set API Key
  // (kit.ensureKey) for a test that needs it when none is stored yet.
  const answerKeyPrompt = () => kit.answerKeyPrompt();
  const ensureKey = () => kit.ensureKey();
  // Records the first text the active editor shows that matches `re`, from the DOM's own mutations: a state that
  // lasts a moment only (the placeholder of a fast upload) is caught even between two polls.
  const watchShown = async re => {
    await kit.activeEditor.evaluate((ed, source) => {
      const re = new RegExp(source);
      const w = window.__wixShown = { text: null };
      const check = () => {
        if (w.text !== null) return;
        const t = window.__wixShownText(ed);
        if (re.test(t)) { w.text = t; obs.disconnect(); }
      };
      const obs = new MutationObserver(check);
      obs.observe(ed, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style'] });
      check();
    }, re.source);
    return (what, ms) => kit.waitUntil(what, () => page.evaluate(() => window.__wixShown.text), ms);
  };

  await kit.test('preferUpload off: the paste widget lists "Upload to Wix Media (/site/pasted)"; choosing it shows the placeholder, ' +
    'then uploads the pasted bytes under the pattern name to the default folder; "Always upload pasted and dropped files to Wix" is offered', async () => {
    await setDefaultFolder('/site/pasted');
    writeWs('docs/widget.md', '# Widget\n\n');
    await kit.openFile('docs/widget.md');
    await kit.gotoLine(3, 1);
    // Only VS Code's own edits make the widget appear beside ours; Markdown's image paste is not always offered
    // for data without a file, so the clipboard also carries text, as after a browser's "Copy image".
    const png = await clipboardPng(fixtures.makePng(60, 40, 12), 'https://example.com/widget.png');
    const st0 = await kit.emuState();
    await page.keyboard.press('Control+V');
    await pickInWidget('Upload to Wix Media (/site/pasted)');
    await waitText('the placeholder', t => /!\[Uploading widget-.*…\]\(\)/.test(t), 15000);
    await kit.shot('placeholder');
    // The offer shows as the upload starts, beside the key prompt, and its toast hides by itself after some seconds:
    // answered right after the key (kit.clickNotificationButton finds it in the Notification Center once it hid).
    await answerKeyPrompt();
    await kit.clickNotificationButton(/Make this the default in markdown files\?/, 'Always upload pasted and dropped files to Wix');
    const text = await waitText('the reference', t => t.includes(`](${STATIC_MEDIA}`), 60000);
    const files = added(st0, await kit.emuState());
    assert.strictEqual(files.length, 1);
    assert.match(files[0].fileName, PATTERN_NAME('widget'));
    assert.strictEqual(files[0].folderPath, '/site/pasted');
    assert.strictEqual(files[0].sha256, fixtures.sha256(png), 'the pasted bytes');
    assert.strictEqual(text, `# Widget\n\n![${files[0].fileName.replace(/\.png$/, '')}](${files[0].descriptor.url})`);
    await kit.waitUntil('[markdown] preferUpload in settings.json', () => MD_PREFER_UPLOAD.test(settingsText()), 15000);
  });

  await kit.test('paste a PNG from the clipboard into Markdown (preferUpload on for [markdown]): the placeholder shows at once, ' +
    'then the Markdown image with the emulator\'s URL; the emulator holds it under the pattern name in the default folder; one Ctrl+Z undoes the paste', async () => {
    await fresh();
    await setDefaultFolder('/site/pasted');
    await preferUploadInMarkdown();
    writeWs('docs/notes.md', '# Notes\n\nSee below.\n');
    await kit.openFile('docs/notes.md');
    const before = await editorText();
    await kit.gotoLine(3, 11);                                  // end of "See below."
    const png = await clipboardPng(fixtures.makePng(200, 100, 11));
    const st0 = await kit.emuState();
    // With the key stored the upload can finish before a poll sees the placeholder: watched from the DOM's mutations.
    const placeholderShown = await watchShown(/!\[Uploading notes-.*…\]\(\)/);
    await page.keyboard.press('Control+V');
    const withPlaceholder = await placeholderShown('the placeholder', 15000);
    await kit.shot('placeholder');
    // A block reference: on its own line, after the text that was there.
    assert.match(withPlaceholder, /^# Notes\n\nSee below\.\n!\[Uploading notes-\d{4}-\d{2}-\d{2}-\d{6}\.png…\]\(\)\n$/);
    await answerKeyPrompt();
    const text = await waitText('the reference', t => t.includes(`](${STATIC_MEDIA}`), 60000);
    const st1 = await kit.emuState();
    const files = added(st0, st1);
    assert.strictEqual(files.length, 1, 'one file stored');
    const f = files[0];
    assert.match(f.fileName, PATTERN_NAME('notes'));
    assert.strictEqual(f.folderPath, '/site/pasted');
    assert.strictEqual(f.sha256, fixtures.sha256(png), 'the pasted bytes');
    assert.strictEqual(text, `# Notes\n\nSee below.\n![${f.fileName.replace(/\.png$/, '')}](${f.descriptor.url})\n`);
    await kit.shot('reference');
    await focusEditor();
    await page.keyboard.press('Control+Z');
    await waitText('the text before the paste after one Ctrl+Z', t => t === before, 10000);
    await staysAsBefore(before);
  });

  await kit.test('images/hero.png Shift-dragged from the Explorer into index.html ends as an <img> reference on its own line; ' +
    'one Ctrl+Z then leaves no placeholder behind', async () => {
    await fresh();
    await setDefaultFolder('/site/pasted');
    await ensureKey();
    await kit.openFile('index.html');
    const before = await editorText();
    const st0 = await kit.emuState();
    await kit.shiftDrag('images/hero.png', 10);                    // the empty line inside <header>
    // preferUpload is on for Markdown only: pick the upload in the drop widget.
    await pickInWidget('Upload to Wix Media (/site/pasted)');
    const text = await waitText('the <img> reference', t => t.includes(`<img src="${STATIC_MEDIA}`), 60000);
    const files = added(st0, await kit.emuState());
    assert.strictEqual(files.length, 1);
    assert.strictEqual(files[0].fileName, 'hero.png');
    assert.strictEqual(files[0].sha256, fixtures.sha256(kit.readWorkspaceFile('images/hero.png')));
    assert.match(text, new RegExp(`\\n\\s*<img src="${reEscape(files[0].descriptor.url)}" alt="hero" width="640" height="360">\\n`));
    assert.ok(!text.includes('Uploading'), 'no placeholder left');
    await focusEditor();
    await page.keyboard.press('Control+Z');
    const after = await waitText('the text before the drop after one Ctrl+Z', t => t === before || t.includes('Uploading hero.png'), 10000);
    assert.ok(!after.includes('Uploading hero.png'), `one Ctrl+Z brought the placeholder back:\n${after}`);
    assert.strictEqual(after, before);
    await staysAsBefore(before);
  });

  await kit.test('a failing PUT leaves the marker ![Upload failed: …](); its Quick Fix "Retry upload to Wix Media" uploads the same bytes ' +
    'and the marker becomes the reference', async () => {
    await fresh();
    await setDefaultFolder('/site/pasted');
    await preferUploadInMarkdown();
    writeWs('docs/fail.md', '# Fail\n\n');
    await kit.openFile('docs/fail.md');
    await kit.gotoLine(3, 1);
    const png = await clipboardPng(fixtures.makePng(80, 80, 13));
    await kit.emuFault({ type: 'status', route: 'put', status: 500, times: 50 });
    let st0;
    try {
      st0 = await kit.emuState();
      await page.keyboard.press('Control+V');
      await answerKeyPrompt();
      await waitText('the failure marker', t => /!\[Upload failed: fail-.*\.png\]\(\)/.test(t), 90000);
      await kit.notification(/fail-\d{4}-\d{2}-\d{2}-\d{6}\.png/);
      await kit.shot('failure marker');
    } finally {
      await kit.emuClearFaults();
    }
    await fresh();
    await kit.gotoLine(3, 3);
    await page.keyboard.press('Control+.');
    await pickInList('Retry upload to Wix Media');
    const text = await waitText('the reference in place of the marker', t => t.includes(`](${STATIC_MEDIA}`), 60000);
    const files = added(st0, await kit.emuState());
    assert.strictEqual(files.length, 1, 'stored once');
    assert.strictEqual(files[0].sha256, fixtures.sha256(png), 'the same bytes');
    assert.strictEqual(text, `# Fail\n\n![${files[0].fileName.replace(/\.png$/, '')}](${files[0].descriptor.url})`);
  });

  await kit.test('typing above the placeholder during a slow upload: the reference still replaces the placeholder', async () => {
    await fresh();
    await setDefaultFolder('/site/pasted');
    await preferUploadInMarkdown();
    await ensureKey();
    writeWs('docs/slow.md', '# Slow\n\nfirst\n\nlast\n');
    await kit.openFile('docs/slow.md');
    await kit.gotoLine(4, 1);
    await clipboardPng(fixtures.makeNoisePng(400 * 1024, 14));
    await kit.emuFault({ type: 'slow', route: 'put', bytesPerSecond: 32 * 1024 });
    try {
      await page.keyboard.press('Control+V');
      await waitText('the placeholder', t => t.includes('![Uploading slow-'), 15000);
      await kit.gotoLine(3, 1);
      await page.keyboard.type('typed meanwhile ');
      await page.keyboard.press('Enter');
      // The typing went in while the upload was still running (Monaco draws it on a later frame: waited for).
      const typed = /^# Slow\n\ntyped meanwhile \nfirst\n!\[Uploading slow-.*…\]\(\)\nlast\n$/;
      await waitText(`the typed line above the placeholder (${typed})`, t => typed.test(t), 15000);
      const text = await waitText('the reference', t => t.includes(`](${STATIC_MEDIA}`), 90000);
      assert.match(text, /^# Slow\n\ntyped meanwhile \nfirst\n!\[slow-[^\]]+\]\(https:\/\/static\.wixstatic\.com\/media\/[^)]+\)\nlast\n$/);
    } finally {
      await kit.emuClearFaults();
    }
  });
};
