// The commands exist, carry their category, and the key is kept in SecretStorage only.
import * as assert from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WixEmulator } from '../emulator/server';
import { COMMANDS } from '../../src/vscode/command-ids';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import {
  EXTENSION_ID, cfg, closeAllEditors, extensionApi, filesDir, pngFile, pointAt, resetUserSettings, setUserSettings,
  startEmulator, storeKey, upload,
} from './helpers';

// The one list of ids (src/vscode/command-ids.ts); the test checks VS Code registered each and package.json
// contributes exactly these, so a command missing from either side fails here.

describe('commands and the API key', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;

  before(async () => {
    api = await extensionApi();
    emu = await startEmulator();
    await pointAt(emu);
  });
  after(async () => {
    await closeAllEditors();
    await resetUserSettings();
    await emu.stop();
  });
  beforeEach(() => emu.reset());

  it('registers every command, each with category "Wix Media", and activates where paste and drop are offered and after startup', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(all.includes(id), `${id} is not registered`);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    // Paste and drop are offered from the first moment (issue 9): activation on their languages. Hovers on Wix
    // references work in any document, so the small activation bundle also loads once startup has finished; the
    // core still loads only on a command, the view, an applied paste/drop, or a hover over a Wix reference.
    const events = pkg.activationEvents as string[];
    assert.ok(events.includes('onStartupFinished'), events.join(', '));
    assert.ok(events.every(e => e === 'onStartupFinished' || e.startsWith('onLanguage:')), events.join(', '));
    for (const l of ['markdown', 'html', 'css', 'javascript', 'typescript']) assert.ok(events.includes(`onLanguage:${l}`), l);
    const contributed = pkg.contributes.commands as { command: string; category: string }[];
    assert.deepStrictEqual(contributed.map(c => c.command).sort(), [...COMMANDS].sort());
    for (const c of contributed) assert.strictEqual(c.category, 'Wix Media', c.command);
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['wixMedia.wixAPI.baseURL', 'wixMedia.apiBaseUrl']);
  });

  it('setApiKey checks the key with a real List Folders call and stores it in SecretStorage, not in settings', async () => {
    const r = await vscode.commands.executeCommand<{ stored: boolean; folders: number; message: string }>(
      'wixMedia.setApiKey', { key: emu.apiKey, siteId: emu.siteId });
    assert.strictEqual(r.stored, true, r.message);
    const listed = emu.requests.filter(q => q.method === 'GET' && q.path === '/site-media/v1/folders');
    assert.strictEqual(listed.length, 1, 'one List Folders call checks the key');
    assert.strictEqual(listed[0].headers.authorization, emu.apiKey);
    assert.strictEqual(listed[0].headers['wix-site-id'], emu.siteId);
    assert.strictEqual(await api.keyStored(), true, 'the key is in SecretStorage');

    const i = cfg().inspect('apiKey');
    for (const v of [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue]) assert.strictEqual(v, undefined);
    // The settings files on disk never hold it either.
    const userSettings = path.join(path.dirname(path.dirname(api.globalStorageUri.fsPath)), 'settings.json');
    const files = [userSettings, ...(vscode.workspace.workspaceFolders ?? []).map(f => path.join(f.uri.fsPath, '.vscode', 'settings.json'))];
    for (const f of files.filter(existsSync)) assert.ok(!readFileSync(f, 'utf8').includes(emu.apiKey), `${f} holds the key`);
    assert.ok(existsSync(userSettings), `user settings at ${userSettings}`);
    assert.ok(readFileSync(userSettings, 'utf8').includes(emu.siteId), 'the site id went to the user settings');
    assert.ok(!api.logLines().some(l => l.includes(emu.apiKey)), 'the log never shows the key');
  });

  it('a wrong key is refused with a clear error, is not stored, and nothing is uploaded', async () => {
    await storeKey(emu);
    emu.reset();
    const wrong = 'IST.this-key-is-wrong-0123456789';
    const r = await vscode.commands.executeCommand<{ stored: boolean; message: string }>('wixMedia.setApiKey', { key: wrong, siteId: emu.siteId });
    assert.strictEqual(r.stored, false);
    assert.match(r.message, /not saved/);
    assert.match(r.message, /API key was rejected \(401/);
    assert.match(r.message, /Set API Key/);
    assert.ok(!r.message.includes(wrong));
    assert.strictEqual(emu.files.length, 0);
    assert.ok(!api.logLines().some(l => l.includes(wrong)), 'the log never shows the wrong key');
    // The good key is still the stored one.
    const dir = filesDir('wrongkey');
    const f = await pngFile(dir, 'after-wrong-key.png');
    const up = await upload({ files: [f.uri], insert: 'none' });
    assert.strictEqual(up.status, 'done', JSON.stringify(up));
  });

  it('an upload with a key the server rejects fails clearly and sends no bytes', async () => {
    await storeKey(emu);
    const other = await startEmulator();   // another "account": our stored key is wrong there
    try {
      await setUserSettings({ 'wixAPI.baseURL': other.baseUrl, siteId: other.siteId });
      const dir = filesDir('rejected');
      const f = await pngFile(dir, 'rejected.png');
      const r = await upload({ files: [f.uri], insert: 'none' });
      assert.strictEqual(r.status, 'failed');
      assert.strictEqual(r.items.length, 1);
      assert.strictEqual(r.items[0].state, 'failed');
      assert.match(r.items[0].message ?? '', /rejected\.png/);
      assert.match(r.items[0].message ?? '', /API key was rejected/);
      assert.strictEqual(other.files.length, 0);
      assert.strictEqual(other.stats.putBodyBytes, 0);
      assert.strictEqual(emu.files.length, 0);
    } finally {
      await pointAt(emu);
      await other.stop();
    }
  });

  it('clearApiKey removes the key; an upload then asks nothing, sends nothing and says what to do', async () => {
    await storeKey(emu);
    const c = await vscode.commands.executeCommand<{ cleared: boolean }>('wixMedia.clearApiKey');
    assert.strictEqual(c.cleared, true);
    assert.strictEqual(await api.keyStored(), false);
    emu.reset();
    const f = await pngFile(filesDir('nokey'), 'nokey.png');
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'no-key');
    assert.match(r.message ?? '', /Set API Key/);
    assert.strictEqual(emu.requests.length, 0);
    await storeKey(emu);
  });

  it('selectSite with a site id checks it with the key, then sets wixMedia.siteId; a site the key cannot reach is not saved', async () => {
    await storeKey(emu);
    // Where the site is set now (an earlier test may have saved it in the workspace), so the change shows.
    const target = cfg().inspect('siteId')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await cfg().update('siteId', '0f0f0f0f-1111-4222-8333-444444444444', target);
    const r = await vscode.commands.executeCommand<{ siteId: string; changed: boolean; message?: string }>('wixMedia.selectSite', { siteId: emu.siteId });
    assert.strictEqual(r.siteId, emu.siteId, r.message);
    assert.strictEqual(r.changed, true);
    assert.strictEqual(cfg().get('siteId'), emu.siteId);
    const refused = await vscode.commands.executeCommand<{ changed: boolean; message?: string }>('wixMedia.selectSite', { siteId: '0f0f0f0f-1111-4222-8333-444444444444' });
    assert.strictEqual(refused.changed, false, JSON.stringify(cfg().inspect('siteId')));
    assert.match(refused.message ?? '', /403/);
    assert.strictEqual(cfg().get('siteId'), emu.siteId);
  });

  it('a key typed into settings.json is found, masked in the log, and moved to SecretStorage', async () => {
    const stray = 'IST.stray-key-in-settings-987654321';
    await setUserSettings({ apiKey: stray });
    const found = await api.checkStrayKey();
    assert.strictEqual(found.found, 1);
    assert.ok(api.logLines().some(l => /API key was found in your user settings/.test(l)));
    assert.ok(!api.logLines().some(l => l.includes(stray)));
    assert.strictEqual(await api.moveStrayKey(), true);
    assert.strictEqual(cfg().inspect('apiKey')?.globalValue, undefined);
    assert.strictEqual(await api.keyStored(), true);
    await storeKey(emu);
  });

  it('error notifications of a failed upload name the file and show no key or token', async () => {
    const key = 'IST.SECRET-KEY-CANARY-suite-5e0c1a9f7b3d4e2a8c6f';
    const marks = ['SECRET-KEY-CANARY', 'TOKCANARY'];
    const canary = await WixEmulator.start({ readyDelayMs: 0, apiKey: key, tokenPrefix: 'TOKCANARY' });
    try {
      await pointAt(canary);
      await storeKey(canary);
      const dir = filesDir('notify');
      const refused = await pngFile(dir, 'refused.png');
      const cut = await pngFile(dir, 'cut-off.png', 8, 6, 64 * 1024);
      const before = api.errorNotifications().length;
      // A 403 whose body echoes the key and an upload URL, as a careless server might.
      canary.inject({ type: 'status', route: 'generate', status: 403, body: { message: `denied for ${key} at ${canary.baseUrl}/upload/TOKCANARY-echoed` } });
      const r1 = await upload({ files: [refused.uri], insert: 'none' });
      assert.strictEqual(r1.status, 'failed', JSON.stringify(r1));
      // Every PUT is cut off mid-body until the retries are spent.
      canary.inject({ type: 'reset', route: 'put', afterBytes: 1000, times: 20 });
      const r2 = await upload({ files: [cut.uri], insert: 'none' });
      assert.strictEqual(r2.status, 'failed', JSON.stringify(r2));
      assert.ok(canary.requests.some(q => q.path.includes('TOKCANARY')), 'the PUTs went to token URLs');
      assert.strictEqual(canary.files.length, 0);

      const shown = api.errorNotifications().slice(before);
      assert.strictEqual(shown.length, 2, shown.join('\n'));
      assert.match(shown[0], /refused\.png/);
      assert.match(shown[0], /403/);
      assert.match(shown[0], /denied for/, "the server's echoed message reached the notification (redacted)");
      assert.match(shown[1], /cut-off\.png/);
      const texts = [...shown, ...[...r1.items, ...r2.items].map(i => i.message ?? ''), ...api.logLines()];
      for (const t of texts) {
        for (const m of marks) assert.ok(!t.includes(m), `${m} leaked in: ${t}`);
      }
    } finally {
      await canary.stop();
      await pointAt(emu);
      await storeKey(emu);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('showLog and showQueue answer with what they show', async () => {
    const log = await vscode.commands.executeCommand<{ lines: number }>('wixMedia.showLog');
    assert.ok(log.lines > 0);
    const q = await vscode.commands.executeCommand<{ items: unknown[] }>('wixMedia.showQueue', { show: false });
    assert.ok(Array.isArray(q.items));
  });
});
