'use strict';
// A small test framework and the UI moves a person makes in the VS Code workbench (Explorer,
// context menus, command palette, quick picks, input boxes, notifications, status bar, editor),
// for ui-e2e.js. Each move leaves a screenshot in the run folder; a failing test leaves FAIL-*.png.
const fs = require('fs');
const path = require('path');
const { httpJson } = require('./lib');

const esc = s => String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const exact = s => new RegExp('^\\s*' + String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$');
const slug = s => String(s).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60);

class UiKit {
  constructor({ page, ws, shotsDir, emu }) {
    this.page = page; this.ws = ws; this.shotsDir = shotsDir; this.emu = emu;
    this.passed = 0; this.failed = 0; this.todos = [];
    this.testNo = 0; this.shotNo = 0;
  }

  // ---- framework ---------------------------------------------------------------------------
  async test(name, fn) {
    this.testNo++; this.shotNo = 0; this.current = name;
    const t0 = Date.now();
    try {
      await fn();
      this.passed++; console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      this.failed++;
      console.log(`  ✖ ${name}\n      ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n      ')}`);
      await this.page.screenshot({ path: path.join(this.shotsDir, `FAIL-${String(this.testNo).padStart(2, '0')}-${slug(name)}.png`) }).catch(() => { });
      await this.page.keyboard.press('Escape').catch(() => { });        // leave no menu/quick input open for the next test
    }
  }
  todo(name) { this.todos.push(name); console.log(`  - TODO ${name}`); }

  // Screenshot of the current step: <test>-<step>-<label>.png
  async shot(label) {
    this.shotNo++;
    const f = `${String(this.testNo).padStart(2, '0')}-${String(this.shotNo).padStart(2, '0')}-${slug(label)}.png`;
    await this.page.screenshot({ path: path.join(this.shotsDir, f) }).catch(() => { });
  }

  async waitUntil(what, fn, ms = 15000, every = 100) {
    const end = Date.now() + ms; let last;
    while (Date.now() < end) {
      try { const v = await fn(); if (v) return v; } catch (e) { last = e; }
      await new Promise(r => setTimeout(r, every));
    }
    throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
  }

  // ---- Explorer ----------------------------------------------------------------------------
  // The row of a workspace-relative path ('images/hero.png'); parent folders are expanded on the way.
  async explorerRow(relPath) {
    const parts = relPath.split('/');
    for (let i = 0; i < parts.length; i++) {
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"][aria-label="${esc(parts[i])}"]`).first();
      await row.waitFor({ state: 'visible', timeout: 30000 });
      if (i < parts.length - 1 && await row.getAttribute('aria-expanded') === 'false') await row.click();
      if (i === parts.length - 1) return row;
    }
  }

  // Shift-drags a workspace file from the Explorer onto line `line` (1-based) of the active editor, as a person does:
  // press on the row, move a little, hold Shift, move over the line, wait until VS Code shows its drop caret there, release.
  async shiftDrag(relPath, line) {
    const page = this.page;
    const row = await this.explorerRow(relPath);
    const from = await row.boundingBox();
    const target = this.activeEditor.locator('.view-line').nth(line - 1);
    const to = await target.boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 30, from.y + from.height / 2 + 10, { steps: 5 });
    await page.keyboard.down('Shift');
    try {
      await page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 15 });
      // The editor marks where a Shift-drop would go with a 'dnd-target' decoration (CodeEditorWidget.showDropIndicatorAt)
      // on the line under the mouse. A busy workbench can take a while to handle the dragover: keep moving a little,
      // as a hand does, until the caret sits on the asked line.
      let nudge = 0;
      await this.waitUntil(`the drop caret on line ${line}`, async () => {
        const now = await target.boundingBox();
        const carets = await this.activeEditor.locator('.dnd-target').evaluateAll(els => els.map(e => {
          const r = e.getBoundingClientRect(); return r.top + r.height / 2;
        }));
        const onLine = !!now && carets.some(y => y >= now.y && y <= now.y + now.height);
        if (!onLine) await page.mouse.move(to.x + 40 + (nudge++ % 2 ? 2 : 0), to.y + to.height / 2, { steps: 2 });
        return onLine;
      }, 15000, 200);
      await this.shot(`drag ${relPath}`);
      await page.mouse.up();
    } finally {
      await page.keyboard.up('Shift');
    }
  }

  // Selects rows like a person: click the first, Ctrl-click (or Shift-click) the others.
  async selectInExplorer(relPaths, modifier = 'Control') {
    const rows = [];
    for (const p of relPaths) rows.push(await this.explorerRow(p));
    // A click can be swallowed while the first click's preview editor opens: check each row took
    // the selection and click once more if it did not (a second Ctrl-click only lands on an
    // unselected row, so it cannot toggle a selection away).
    const selectRow = async (r, opts) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await r.click(opts);
        try { await this.waitUntil('row selected', async () => await r.getAttribute('aria-selected') === 'true', 2000); return; } catch { /* not yet: try the next way */ }
      }
      throw new Error(`could not select ${await r.getAttribute('aria-label')} in the Explorer`);
    };
    const count = () => this.page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]').count();
    for (let attempt = 0; ; attempt++) {
      await selectRow(rows[0], {});
      // A single click on a file opens it in a preview editor, and when that editor arrives the
      // Explorer reveals it and resets the selection to it: let it arrive before Ctrl-clicking.
      const first = relPaths[0].split('/').pop();
      if (await rows[0].getAttribute('aria-expanded') === null) {
        await this.page.locator(`.tabs-container .tab.active[aria-label*="${esc(first)}"]`).waitFor({ timeout: 10000 }).catch(() => { });
        await this.page.waitForTimeout(300);
      }
      for (const r of rows.slice(1)) await selectRow(r, { modifiers: [modifier] });
      await this.page.waitForTimeout(300);
      const selected = await count();
      if (selected === rows.length) break;
      if (attempt === 1) throw new Error(`${selected} Explorer rows are selected, expected ${rows.length}`);
    }
    await this.shot(`select ${relPaths.join(' ')}`);
    return rows;
  }

  // Selects exactly these rows with Ctrl-clicks only (and Ctrl-clicks away any other selected row).
  // Unlike a plain click, a Ctrl-click opens nothing, so the active text editor (where references go)
  // stays the active one.
  async ctrlSelectInExplorer(relPaths) {
    const names = relPaths.map(p => p.split('/').pop());
    const rows = [];
    for (const p of relPaths) rows.push(await this.explorerRow(p));
    const selectedRows = '.explorer-folders-view .monaco-list-row[aria-selected="true"]';
    const selected = () => this.page.locator(selectedRows).evaluateAll(els => els.map(e => e.getAttribute('aria-label')));
    let now = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      for (const r of rows) if (await r.getAttribute('aria-selected') !== 'true') await r.click({ modifiers: ['Control'] });
      for (const other of (await selected()).filter(l => !names.includes(l))) {
        await this.page.locator(`${selectedRows}[aria-label="${esc(other)}"]`).first().click({ modifiers: ['Control'] }).catch(() => { });
      }
      // a click can be swallowed while the list re-renders: check the selection settled as asked
      await this.page.waitForTimeout(200);
      now = await selected();
      if (now.length === names.length && names.every(n => now.includes(n))) {
        await this.shot(`ctrl-select ${relPaths.join(' ')}`);
        return rows;
      }
    }
    throw new Error(`the Explorer selection is ${JSON.stringify(now)}, expected ${JSON.stringify(names)}`);
  }

  // Right-clicks `target` (a Locator or a workspace-relative path) and clicks the menu item `label`.
  // `beforeClick` (optional) runs once the item is hovered and about to be clicked (to start a timer).
  async contextMenu(target, label, opts = {}) {
    const row = typeof target === 'string' ? await this.explorerRow(target) : target;
    await row.click({ button: 'right' });
    await this.clickMenuItem(label, opts);
  }

  // The menu item `label` of the open context menu.
  menuItem(label) {
    return this.page.locator(`.monaco-menu .action-item:has(.action-label:text-is("${esc(label)}"))`).first();
  }

  // A click that lands right after a menu opened can be dropped while it fades in: hover, settle, click.
  async clickMenuItem(label, { beforeClick } = {}) {
    const item = this.menuItem(label);
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await item.hover(); await this.page.waitForTimeout(300);
    await this.shot(`menu ${label}`);
    if (beforeClick) await beforeClick();
    await item.click();
  }

  // ---- command palette, quick pick, input box -------------------------------------------------
  get quickInput() { return this.page.locator('.quick-input-widget'); }
  get quickInputBox() { return this.page.locator('.quick-input-widget .quick-input-box input'); }
  // The row whose label is exactly `label` (match highlighting splits the label into spans).
  quickInputRow(label) {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) }).first();
  }

  // Runs a command by its palette title, e.g. 'Wix Media: Upload Active File'.
  async palette(title) {
    // A webview (an image preview) that holds the focus does not pass F1 on: open the quick input
    // from the title bar's command center instead, as a person would click it.
    const inWebview = await this.page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
    if (!inWebview) await this.page.keyboard.press('F1');
    if (inWebview || !await this.quickInputBox.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) {
      await this.page.locator('.command-center .command-center-center').first().click();
    }
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 10000 });
    await this.quickInputBox.fill('>' + title);
    const row = this.quickInputRow(title);
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await this.shot(`palette ${title}`);
    await row.click();
  }

  // Picks the item whose label is `label` in the open quick pick (the filter box is typed into first,
  // as a person narrows a long list).
  async quickPick(label, { filter = true, title, placeholder } = {}) {
    await this.waitQuickInput({ title, placeholder });
    if (filter) await this.quickInputBox.fill(label);
    const row = this.quickInputRow(label);
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await this.shot(`pick ${label}`);
    await row.click();
  }

  // Waits for the quick input to show, and (when given) its title to contain `title` and its title or
  // message to match `prompt` (string or RegExp), and its box to be (or not be) a password box. The
  // widget is shared by the palette and the prompts a command opens: waiting on the title keeps a
  // move from landing in the previous quick input while the next one takes over.
  async waitQuickInput({ title, prompt, password, placeholder } = {}) {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 15000 });
    if (title === undefined && prompt === undefined && password === undefined && placeholder === undefined) return;
    let seen = '';
    const matches = (v, want) => want === undefined || (want instanceof RegExp ? want.test(v) : v.includes(want));
    try {
      await this.waitUntil('the quick input', async () => {
        const t = await this.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
        const m = await this.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
        const type = await this.quickInputBox.getAttribute('type');
        const ph = await this.quickInputBox.getAttribute('placeholder') || '';
        seen = `title ${JSON.stringify(t)}, message ${JSON.stringify(m)}, placeholder ${JSON.stringify(ph)}, type ${type}`;
        return matches(t, title) && matches(`${t}\n${m}`, prompt) && matches(ph, placeholder) &&
          (password === undefined || (type === 'password') === password);
      }, 15000);
    } catch (e) {
      throw new Error(`the quick input shows ${seen}; expected${title !== undefined ? ` title ${title}` : ''}` +
        `${prompt !== undefined ? ` prompt ${prompt}` : ''}${placeholder !== undefined ? ` placeholder ${placeholder}` : ''}` +
        `${password !== undefined ? ` a ${password ? 'password' : 'text'} box` : ''}`);
    }
  }

  // Clicks the button (by its tooltip, e.g. 'Cancel this upload') of the quick pick row `label`;
  // the buttons show when the row is hovered.
  async quickPickItemButton(label, tooltip) {
    const row = this.quickInputRow(label);
    await row.waitFor({ state: 'visible', timeout: 15000 });
    await row.hover();
    const button = row.locator(`.action-label[aria-label="${esc(tooltip)}"], .action-label[title="${esc(tooltip)}"]`).first();
    await button.waitFor({ state: 'visible', timeout: 5000 });
    await this.shot(`button ${tooltip}`);
    await button.click();
  }

  // The labels of the items the open quick pick offers.
  async quickPickItems() {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 15000 });
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10000 });
    return this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  }

  // Types into the open input box key by key and presses Enter. `password: true` asserts it is masked.
  // `title` / `prompt` (string or RegExp) are waited for (see waitQuickInput) before typing.
  async inputBox(text, { password, prompt, title, submit = true } = {}) {
    await this.waitQuickInput({ title, prompt, password });
    await this.quickInputBox.fill('');
    await this.quickInputBox.pressSequentially(text, { delay: 5 });
    await this.shot('input box');
    if (submit) await this.page.keyboard.press('Enter');
  }

  async closeQuickInput() {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
  }

  // ---- notifications and status bar -------------------------------------------------------------
  // Waits for a notification toast whose text contains `text` (string or RegExp); returns its Locator.
  async notification(text, { timeout = 20000 } = {}) {
    const toast = this.page.locator('.notification-toast').filter({ hasText: text });
    await toast.first().waitFor({ state: 'visible', timeout });
    await this.shot('notification');
    return toast.first();
  }

  // Clicks the button `label` of the notification whose text matches `text`, for a button that opens no prompt.
  // An information message's toast hides by itself after some seconds (VS Code's notification toasts); once it has,
  // the notification is still in the Notification Center: open it there, click the button and close it again, as a
  // person does (while the center is open, new notifications show in it and not as toasts).
  async clickNotificationButton(text, label, { timeout = 20000 } = {}) {
    const toast = this.page.locator('.notification-toast').filter({ hasText: text }).first();
    const center = this.page.locator('.notifications-center.visible');
    const listed = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
    const onToast = await toast.waitFor({ state: 'visible', timeout }).then(() => true, () => false);
    if (onToast) {
      await this.shot('notification');
      try { await toast.locator('.monaco-button', { hasText: label }).first().click({ timeout: 5000 }); return; } catch { /* hid meanwhile */ }
    }
    if (!await center.isVisible()) await this.palette('Notifications: Show Notifications');
    await listed.waitFor({ state: 'visible', timeout: 10000 });
    await this.shot('notification center');
    await listed.locator('.monaco-button', { hasText: label }).first().click();
    if (await center.isVisible()) await this.palette('Notifications: Hide Notifications');
    await center.waitFor({ state: 'hidden', timeout: 10000 });
  }

  async clearNotifications() {
    await this.palette('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => { });
  }

  // The status bar entry with this text (string or RegExp), e.g. statusBarItem(/Wix Media/).
  statusBarItem(text) {
    return this.page.locator('.statusbar-item').filter({ hasText: text }).first();
  }

  // ---- settings editor -----------------------------------------------------------------------
  // Opens the Settings editor (UI) and types `query` into its search box, e.g. '@id:wixMedia.defaultFolder'.
  // Returns the Locator of the setting whose label is `label` ('Default Folder'), once it shows.
  async searchSettings(query, label) {
    if (!await this.page.locator('.settings-editor').isVisible()) await this.palette('Preferences: Open Settings (UI)');
    const search = this.page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor .view-lines').first();
    await search.waitFor({ state: 'visible', timeout: 15000 });
    await search.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(query);
    const item = this.page.locator(`.settings-editor .setting-item:has(.setting-item-label:text-is("${esc(label)}"))`).first();
    await item.waitFor({ state: 'visible', timeout: 15000 });
    await this.shot(`settings ${query}`);
    return item;
  }

  // Waits until the Settings editor marks the setting `item` (from searchSettings) as modified, or (`configured`
  // false) no longer modified. The mark is drawn from the workbench's configuration model once it has re-read the
  // settings file, and that same change is passed on to the extension host as it happens (MainThreadConfiguration
  // forwards every onDidChangeConfiguration), ahead of anything the page asks of the extension later. Unlike the file
  // on disk, which holds the value a moment before the window knows it, the mark means the extension sees it.
  async settingApplied(item, configured = true, ms = 15000) {
    await this.waitUntil(`the setting marked as ${configured ? '' : 'not '}modified in the Settings editor`, async () =>
      await item.evaluate(el => el.classList.contains('is-configured') || !!el.querySelector('.setting-item-contents.is-configured')) === configured, ms);
  }

  // ---- editor ------------------------------------------------------------------------------
  // Opens a workspace file through Quick Open (Ctrl+P), as a person would. `text: false` for a file
  // that opens in a non-text editor (an image preview).
  async openFile(relPath, { text = true } = {}) {
    const name = relPath.split('/').pop();
    const tab = this.page.locator(`.tabs-container .tab.active[aria-label*="${esc(name)}"]`);
    // Quick Open re-renders its rows while the file search settles, and a click on a row being replaced is
    // dropped (Quick Open then closes with nothing opened); the first file search of a fresh window on a busy
    // machine can also take a while to list the file: as a person would, try again, at most three times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('Control+P');
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 10000 });
        await this.quickInputBox.fill(relPath);
        const row = this.quickInputRow(name);
        await row.waitFor({ state: 'visible', timeout: 15000 });
        await row.click();
        await tab.waitFor({ timeout: 10000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await this.closeQuickInput();
      }
    }
    if (text) await this.activeEditor.locator('.view-lines').waitFor({ state: 'visible', timeout: 10000 });
    await this.shot(`open ${relPath}`);
  }

  get activeEditor() { return this.page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor').first(); }

  // Moves the cursor of the active editor to line:column (1-based) through Quick Open's ":line:col"
  // (the web workbench leaves Ctrl+G to the browser), and waits for the status bar to confirm.
  async gotoLine(line, column = 1) {
    await this.page.keyboard.press('Control+P');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 10000 });
    await this.quickInputBox.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10000 });
    await this.statusBarItem(exact(`Ln ${line}, Col ${column}`)).waitFor({ state: 'visible', timeout: 10000 });
  }

  // The active editor's text as Monaco renders it (fine for the short files of these tests:
  // only rendered lines are in the DOM).
  async editorText() {
    return this.activeEditor.locator('.view-lines').evaluate(el =>
      [...el.querySelectorAll('.view-line')]
        .map(l => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top).map(l => l.text).join('\n'));
  }

  // Waits until the editor's text satisfies `pred` and returns it.
  async waitEditorText(what, pred, ms = 20000) {
    let last = '';
    try { return await this.waitUntil(what, async () => { last = await this.editorText(); return pred(last) ? last : false; }, ms); }
    catch (e) { throw new Error(`${e.message}; the editor shows:\n${last}`); }
  }

  readWorkspaceFile(relPath) { return fs.readFileSync(path.join(this.ws, relPath)); }

  // ---- emulator (over its /__emulator routes) --------------------------------------------------
  emuState() { return httpJson('GET', `${this.emu.baseUrl}/__emulator/state`); }
  emuReset() { return httpJson('POST', `${this.emu.baseUrl}/__emulator/reset`); }
  emuFault(fault) { return httpJson('POST', `${this.emu.baseUrl}/__emulator/faults`, fault); }
  emuClearFaults() { return httpJson('DELETE', `${this.emu.baseUrl}/__emulator/faults`); }
  // ---- the API key of this window ---------------------------------------------------------
  // Answers the first-use prompt ("no API key is set yet" > Set API key) when no key is stored yet in this window.
  async answerKeyPrompt() {
    if (this.keyStored) return;
    const toast = await this.notification(/no API key is set yet/, { timeout: 30000 });
    await toast.locator('.monaco-button', { hasText: 'Set API key' }).click();
    await this.inputBox(this.emu.apiKey, { password: true, title: 'Wix Media: API key' });
    this.keyStored = true;
  }

  // For a test that does not go through the first-use prompt: the key, set with Set API Key if none is stored yet.
  async ensureKey() {
    if (this.keyStored) return;
    await this.palette('Wix Media: Set API Key');
    await this.inputBox(this.emu.apiKey, { password: true, title: 'Wix Media: API key' });
    await this.notification(/The API key works for site/, { timeout: 30000 });
    this.keyStored = true;
    await this.clearNotifications();
  }

  emuSeedFolder(displayPath) { return httpJson('POST', `${this.emu.baseUrl}/__emulator/folders`, { displayPath }); }
  // Wix's own Create Folder call (it refuses no duplicate name), as another user of the site would make them.
  async emuCreateFolder(displayName, parentFolderId = 'media-root') {
    const headers = { authorization: this.emu.apiKey, 'wix-site-id': this.emu.siteId };
    return (await httpJson('POST', `${this.emu.baseUrl}/site-media/v1/folders`, { displayName, parentFolderId }, headers)).folder;
  }
}

module.exports = { UiKit };
