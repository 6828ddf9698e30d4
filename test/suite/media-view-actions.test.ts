// The Wix Media view's per-file actions beyond insert and trash: "Copy as" in every format, "Open in Browser" (its
// opener is swapped here, as the trash test swaps the confirmation: the host refuses code-server's own prompt), and
// the bound on "Recent uploads" (issue 13). Each result is checked against what the emulator stored.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import { api as call, uploadViaPut } from '../helpers/emulator-client';
import { makePng } from '../helpers/fixtures';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import { RECENT_MAX } from '../../src/vscode/media-view';
import { closeAllEditors, openEditor, pngFile, setUserSettings, until, upload, uploadSuiteHooks } from './helpers';

describe('the Wix Media view: copy as, open in browser, recent uploads bound', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;
  uploadSuiteHooks('media-view-actions', s => ({ emu, api, dir } = s));

  /** A file stored at the emulator and READY there, and its tree node in the view. */
  async function readyFile(name: string) {
    const r = await uploadViaPut(emu, makePng(12, 7), { mimeType: 'image/png', filename: name });
    assert.strictEqual(r.status, 200, JSON.stringify(r.json));
    const id = r.json.file.id as string;
    let file: { id: string; url: string; displayName: string; operationStatus: string; media?: { image?: { image?: { id?: string } } } } | undefined;
    await until(`${name} READY at the emulator`, async () => {
      file = (await call(emu, 'GET', `/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(id)}`)).json.file;
      return file?.operationStatus === 'READY';
    });
    await vscode.commands.executeCommand('wixMedia.view.refresh');
    const kids = await api.mediaView.getChildren();
    const node = kids.find(k => k.kind === 'file' && k.file.id === id);
    assert.ok(node, `${name} in the view`);
    return { file: file!, node };
  }

  it('copies a file as URL, Markdown, HTML, wix: URI and JSON, each to the clipboard', async () => {
    const { file, node } = await readyFile('formats.png');
    const copy = async (format: string) => {
      const r = await vscode.commands.executeCommand<{ copied?: string }>('wixMedia.copyAs', node, format);
      assert.strictEqual(await vscode.env.clipboard.readText(), r.copied, `${format}: the clipboard holds what was copied`);
      return r.copied ?? '';
    };
    assert.strictEqual(await copy('url'), file.url);
    assert.strictEqual(await copy('markdown'), `![formats](${file.url})`);
    assert.strictEqual(await copy('html'), `<img src="${file.url}" alt="formats" width="12" height="7">`);
    const uri = await copy('wixUri');
    assert.strictEqual(uri, `wix:image://v1/${file.id}/formats.png#originWidth=12&originHeight=7`);
    const json = JSON.parse(await copy('json')) as Record<string, unknown>;
    assert.strictEqual(json.id, file.id);
    assert.strictEqual(json.url, file.url);
    assert.strictEqual(json.name, 'formats.png');
    assert.strictEqual(json.wixUri, uri);
  });

  it('inserts from the view by the uploads\' style rule: with referenceStyle wixUri, a wix: URI in JS and the static URL in Markdown', async () => {
    const { file, node } = await readyFile('styled.png');
    await setUserSettings({ 'insert.referenceStyle': 'wixUri' });
    try {
      const js = await openEditor('javascript', 'const a = ;', [new vscode.Position(0, 10)]);
      await vscode.commands.executeCommand('wixMedia.view.insert', node);
      assert.strictEqual(js.document.getText(), `const a = "wix:image://v1/${file.id}/styled.png#originWidth=12&originHeight=7";`);
      const md = await openEditor('markdown', '');
      await vscode.commands.executeCommand('wixMedia.view.insert', node);
      assert.strictEqual(md.document.getText(), `![styled](${file.url})`, 'nothing renders a wix: URI in Markdown');
    } finally {
      await setUserSettings({ 'insert.referenceStyle': undefined });
    }
  });

  it('opens a file in the browser at its static URL, which the emulator serves', async () => {
    const { file, node } = await readyFile('open.png');
    const opened: string[] = [];
    const original = api.mediaView.openExternal;
    api.mediaView.openExternal = async (uri) => { opened.push(uri.toString(true)); return true; };
    try {
      const r = await vscode.commands.executeCommand<{ opened?: string }>('wixMedia.view.openInBrowser', node);
      assert.strictEqual(r.opened, file.url);
    } finally {
      api.mediaView.openExternal = original;
    }
    assert.deepStrictEqual(opened, [file.url]);
    assert.strictEqual(emu.urlStatus(opened[0]), 200, 'the address works (what a browser would get)');
  });

  it(`keeps the newest ${RECENT_MAX} uploads in "Recent uploads", each once, when a batch of ${RECENT_MAX + 2} finishes together`, async () => {
    await closeAllEditors();
    const files = [];
    for (let i = 0; i < RECENT_MAX + 2; i++) files.push(await pngFile(dir, `r${String(i).padStart(2, '0')}.png`, 4 + i, 3));
    const r = await upload({ files: files.map(f => f.uri) });
    assert.strictEqual(r.status, 'done');
    const siteId = vscode.workspace.getConfiguration('wixMedia').get<string>('siteId')!;
    const ids = new Set(r.items.map(i => i.id));
    assert.strictEqual(ids.size, RECENT_MAX + 2);
    // The view records each upload from the queue's listener, after the batch's result is back.
    await until('the uploads recorded', () => api.mediaView.recents(siteId).length === RECENT_MAX, 30_000)
      .catch((e: Error) => { throw new Error(`${e.message}: ${api.mediaView.recents(siteId).length} recorded`); });
    const recents = api.mediaView.recents(siteId);
    assert.ok(recents.every(e => ids.has(e.id)), 'only this batch, the older entries pushed out');
    assert.strictEqual(new Set(recents.map(e => e.id)).size, RECENT_MAX, 'no entry twice');
  });
});
