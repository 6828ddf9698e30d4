// Shared by the in-host suites: the extension's internal API, an in-process emulator, settings, files, editors.
import * as assert from 'node:assert';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WixEmulator } from '../emulator/server';
import { makePng, sha256, tempDir, writeFile } from '../helpers/fixtures';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { ActivationApi } from '../../src/extension';
import type { UploadResult } from '../../src/vscode/upload-flow';

export const EXTENSION_ID = 'wix-media-tools.wix-media-vscode';

export async function extensionApi(): Promise<WixMediaInternalApi> {
  const ext = vscode.extensions.getExtension<ActivationApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return (await ext.activate()).core();
}

export function cfg(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('wixMedia');
}

/** Sets user-level settings (undefined removes one). */
export async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  for (const [k, v] of Object.entries(values)) {
    // Each write rewrites settings.json and waits for the reload: skip the ones already so.
    if (JSON.stringify(cfg().inspect(k)?.globalValue) === JSON.stringify(v)) continue;
    await cfg().update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** Settings that make an upload ask nothing and go to `emu`. */
export async function pointAt(emu: WixEmulator): Promise<void> {
  await setUserSettings({
    'wixAPI.baseURL': emu.baseUrl, siteId: emu.siteId, askForFolder: false, askForLabels: false,
    defaultFolder: undefined, defaultLabels: undefined, waitForReady: true,
    'insert.templates': undefined, 'insert.referenceStyle': undefined,
    // Many suites upload identical bytes under several names and count the files: reuse would merge them.
    // test/suite/reuse.test.ts turns it on.
    'reuse.scope': 'off',
  });
}

export async function resetUserSettings(): Promise<void> {
  await setUserSettings({
    'wixAPI.baseURL': undefined, apiBaseUrl: undefined, siteId: undefined, askForFolder: undefined, askForLabels: undefined, defaultFolder: undefined,
    defaultLabels: undefined, waitForReady: undefined, readyTimeoutSeconds: undefined, 'insert.templates': undefined,
    'insert.referenceStyle': undefined, apiKey: undefined, 'reuse.scope': undefined, manifest: undefined,
  });
}

export async function startEmulator(): Promise<WixEmulator> {
  return WixEmulator.start({ readyDelayMs: 0, tokenPrefix: 'SUITETOKEN' });
}

export async function storeKey(emu: WixEmulator): Promise<void> {
  const r = await vscode.commands.executeCommand<{ stored: boolean; message: string }>('wixMedia.setApiKey', { key: emu.apiKey, siteId: emu.siteId });
  assert.strictEqual(r.stored, true, r.message);
}

/** A folder for this run's files: inside the workspace when there is one. */
export function filesDir(name: string): string {
  const ws = vscode.workspace.workspaceFolders?.[0];
  if (!ws) return tempDir(`wix-suite-${name}-`);
  const dir = path.join(ws.uri.fsPath, '.wix-suite', `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface LocalFile {
  uri: vscode.Uri;
  name: string;
  sha256: string;
  bytes: Buffer;
}

export async function pngFile(dir: string, name: string, width = 8, height = 6, extraBytes = 0): Promise<LocalFile> {
  const bytes = makePng(width, height, extraBytes);
  const p = await writeFile(dir, name, bytes);
  return { uri: vscode.Uri.file(p), name: path.basename(p), sha256: sha256(bytes), bytes };
}

export async function textFile(dir: string, name: string, text: string): Promise<vscode.Uri> {
  return vscode.Uri.file(await writeFile(dir, name, text));
}

export async function upload(options: Record<string, unknown>): Promise<UploadResult> {
  return vscode.commands.executeCommand<UploadResult>('wixMedia.upload', options);
}

/** An untitled editor of a language with some text, the cursor(s) where asked. */
export async function openEditor(languageId: string, content: string, cursors?: vscode.Position[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: languageId, content });
  const ed = await vscode.window.showTextDocument(doc, { preview: false });
  if (cursors?.length) ed.selections = cursors.map(p => new vscode.Selection(p, p));
  return ed;
}

export async function closeAllEditors(): Promise<void> {
  // Revert first: untitled editors with text would otherwise ask to be saved.
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some(g => g.tabs.length); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise(r => setTimeout(r, 25));
  }
}

export function fileNamed(emu: WixEmulator, name: string) {
  const f = emu.files.find(x => x.descriptor.displayName === name);
  assert.ok(f, `${name} did not arrive at the emulator (got: ${emu.files.map(x => x.descriptor.displayName).join(', ') || 'nothing'})`);
  return f;
}

export interface UploadSuite {
  emu: WixEmulator;
  api: WixMediaInternalApi;
  dir: string;
}

/**
 * The hooks of a suite that uploads: an emulator the extension points at with a stored key, a folder of files
 * (`filesDir(name)`), and a clean emulator and no open editors before each test. `use` receives them once ready.
 */
export function uploadSuiteHooks(name: string, use: (s: UploadSuite) => void): void {
  let emu: WixEmulator | undefined;
  before(async () => {
    const api = await extensionApi();
    emu = await startEmulator();
    await pointAt(emu);
    await storeKey(emu);
    use({ emu, api, dir: filesDir(name) });
  });
  after(async () => {
    await closeAllEditors();
    await resetUserSettings();
    await emu?.stop();
  });
  beforeEach(async () => {
    emu?.reset();
    await closeAllEditors();
  });
}
