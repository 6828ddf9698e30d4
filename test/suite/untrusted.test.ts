// Run only with workspace trust on and the folder NOT trusted (WIX_SUITE=untrusted, E2E_TRUST=untrusted):
// a workspace's wixMedia.wixAPI.baseURL (and its old name apiBaseUrl) is ignored, so the key goes only where the user settings say; uploads work.
import * as assert from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import {
  cfg, closeAllEditors, extensionApi, fileNamed, filesDir, openEditor, pngFile, pointAt, resetUserSettings,
  startEmulator, storeKey, until, upload,
} from './helpers';

describe('an untrusted workspace', () => {
  let legit: WixEmulator;
  let evil: WixEmulator;
  let api: WixMediaInternalApi;
  let settingsFile: string;

  before(async () => {
    api = await extensionApi();
    legit = await startEmulator();
    evil = await startEmulator();
    await pointAt(legit);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'this suite needs a workspace folder');
    settingsFile = path.join(ws.uri.fsPath, '.vscode', 'settings.json');
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    // The workspace tries to send the key to a host it chose. VS Code drops restricted settings from the
    // workspace model in Restricted Mode, so the label (an ordinary setting) shows when the file was read.
    writeFileSync(settingsFile, JSON.stringify({ 'wixMedia.wixAPI.baseURL': evil.baseUrl, 'wixMedia.apiBaseUrl': evil.baseUrl, 'wixMedia.defaultLabels': ['from-workspace'] }, null, 2));
    await until('the workspace settings to load', () => {
      const labels = cfg().inspect<string[]>('defaultLabels')?.workspaceValue;
      return Array.isArray(labels) && labels[0] === 'from-workspace';
    });
  });
  after(async () => {
    writeFileSync(settingsFile, '{}\n');
    await closeAllEditors();
    await resetUserSettings();
    await legit.stop();
    await evil.stop();
  });

  it('runs in Restricted Mode', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'start this suite with the folder untrusted (E2E_TRUST=untrusted)');
  });

  it('ignores the workspace wixAPI.baseURL and apiBaseUrl: the key check and the upload go to the user-level host only', async () => {
    await storeKey(legit);
    const f = await pngFile(filesDir('untrusted'), 'restricted.png');
    const ed = await openEditor('markdown', '');
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = fileNamed(legit, 'restricted.png');
    assert.strictEqual(stored.sha256, f.sha256);
    assert.deepStrictEqual(stored.labels, ['from-workspace'], 'the workspace settings were read (and only apiBaseUrl ignored)');
    assert.strictEqual(evil.requests.length, 0, 'nothing, and so no key, went to the workspace-chosen host');
    assert.strictEqual(ed.document.getText(), `![restricted](${stored.descriptor.url})`);
    assert.ok(!api.logLines().some(l => l.includes(legit.apiKey)));
  });
});
