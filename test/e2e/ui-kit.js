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
        try { await this.waitUntil('row selected', async () => await r.getAttribute('aria-selected') === 'true', 2000); return; } catch (e) { }
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

  // Right-clicks `target` (a Locator or a workspace-relative path) and clicks the menu item `label`.
  async contextMenu(target, label) {
    const row = typeof target === 'string' ? await this.explorerRow(target) : target;
    await row.click({ button: 'right' });
    await this.clickMenuItem(label);
  }

  // A click that lands right after a menu opened can be dropped while it fades in: hover, settle, click.
  async clickMenuItem(label) {
    const item = this.page.locator(`.monaco-menu .action-item:has(.action-label:text-is("${esc(label)}"))`).first();
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await item.hover(); await this.page.waitForTimeout(300);
    await this.shot(`menu ${label}`);
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
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 10000 });
    await this.quickInputBox.fill('>' + title);
    const row = this.quickInputRow(title);
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await this.shot(`palette ${title}`);
    await row.click();
  }

  // Picks the item whose label is `label` in the open quick pick (the filter box is typed into first,
  // as a person narrows a long list).
  async quickPick(label, { filter = true } = {}) {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 15000 });
    if (filter) await this.quickInputBox.fill(label);
    const row = this.quickInputRow(label);
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await this.shot(`pick ${label}`);
    await row.click();
  }

  // The labels of the items the open quick pick offers.
  async quickPickItems() {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 15000 });
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10000 });
    return this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  }

  // Types into the open input box key by key and presses Enter. `password: true` asserts it is masked.
  // `prompt` (string or RegExp) is checked against the box's message when given.
  async inputBox(text, { password, prompt, submit = true } = {}) {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 15000 });
    if (password !== undefined) {
      const type = await this.quickInputBox.getAttribute('type');
      if ((type === 'password') !== password) throw new Error(`input box type is "${type}", expected ${password ? 'password' : 'text'}`);
    }
    if (prompt) {
      const msg = await this.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
      const title = await this.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      const all = `${title}\n${msg}`;
      if (prompt instanceof RegExp ? !prompt.test(all) : !all.includes(prompt)) throw new Error(`input box says ${JSON.stringify(all)}, expected ${prompt}`);
    }
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

  async clearNotifications() {
    await this.palette('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => { });
  }

  // The status bar entry with this text (string or RegExp), e.g. statusBarItem(/Wix Media/).
  statusBarItem(text) {
    return this.page.locator('.statusbar-item').filter({ hasText: text }).first();
  }

  // ---- editor ------------------------------------------------------------------------------
  // Opens a workspace file through Quick Open (Ctrl+P), as a person would.
  async openFile(relPath) {
    await this.page.keyboard.press('Control+P');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: 10000 });
    await this.quickInputBox.fill(relPath);
    const name = relPath.split('/').pop();
    const row = this.quickInputRow(name);
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await row.click();
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${esc(name)}"]`).waitFor({ timeout: 10000 });
    await this.activeEditor.locator('.view-lines').waitFor({ state: 'visible', timeout: 10000 });
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
  emuSeedFolder(displayPath) { return httpJson('POST', `${this.emu.baseUrl}/__emulator/folders`, { displayPath }); }
}

module.exports = { UiKit };
