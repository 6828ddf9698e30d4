// Private files in the Wix Media view and hovers: a private file's static URL answers 403 (Wix's "Private files"
// page; test/emulator/README.md "Private files"), so insert, copy, open and drop use a download link from
// generate-file-download-url, or use nothing and say why. Judged by what the emulator would serve for the text.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import { uploadViaPut } from '../helpers/emulator-client';
import { makePng } from '../helpers/fixtures';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { MediaNode } from '../../src/vscode/media-view';
import { openEditor, setUserSettings, uploadSuiteHooks } from './helpers';

describe('private files in the Wix Media view', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  uploadSuiteHooks('private-view', s => ({ emu, api } = s));
  beforeEach(async () => { await vscode.commands.executeCommand('wixMedia.view.refresh'); });
  after(async () => { await setUserSettings({ privateLinkExpiryMinutes: undefined }); });

  async function seedPrivate(name: string) {
    const r = await uploadViaPut(emu, makePng(7, 5), { mimeType: 'image/png', filename: name, private: true });
    assert.strictEqual(r.status, 200, JSON.stringify(r.json));
    const f = r.json.file as { id: string; url: string; private: boolean };
    assert.strictEqual(f.private, true);
    assert.strictEqual(emu.urlStatus(f.url), 403, 'the emulator refuses the static URL of a private file');
    await vscode.commands.executeCommand('wixMedia.view.refresh');
    const kids = await api.mediaView.getChildren();
    const node = kids.find((k): k is Extract<MediaNode, { kind: 'file' }> => k.kind === 'file' && k.file.displayName === name);
    assert.ok(node, `${name} in the view`);
    return { f, node };
  }

  /** What a GET of the URL answers from the emulator (download links are served by it over HTTP). */
  async function served(url: string): Promise<number> {
    if (!url.startsWith(emu.baseUrl)) return emu.urlStatus(url);
    return (await fetch(url)).status;
  }
  const linksIn = (text: string) => text.match(/https?:\/\/[^\s)"'<>]+/g) ?? [];

  it('inserting, copying and dropping a private file give a download link the emulator serves, never the static URL', async () => {
    await setUserSettings({ privateLinkExpiryMinutes: 45 });
    const { f, node } = await seedPrivate('secret.png');
    // The tooltip and a plain-text drag never carry the static URL.
    assert.ok(!String((api.mediaView.getTreeItem(node).tooltip as vscode.MarkdownString).value).includes(f.url));

    const md = await openEditor('markdown', 'A  B', [new vscode.Position(0, 2)]);
    const r = await vscode.commands.executeCommand<{ inserted?: string }>('wixMedia.view.insert', node);
    const text = md.document.getText();
    assert.ok(r.inserted, 'something was inserted');
    assert.ok(!text.includes(f.url), `the static URL was inserted: ${text}`);
    const [link] = linksIn(text);
    assert.ok(link, text);
    assert.strictEqual(await served(link), 200, `the inserted link ${link} is served`);
    const asked = emu.requests.filter(q => q.path === '/site-media/v1/files/generate-file-download-url');
    assert.deepStrictEqual(asked.map(q => q.body), [{ fileId: f.id, expirationInMinutes: 45 }]);

    const copied = await vscode.commands.executeCommand<{ copied?: string }>('wixMedia.copyAs', { fileId: f.id, format: 'url' });
    assert.ok(copied.copied && copied.copied !== f.url);
    assert.strictEqual(await served(copied.copied!), 200);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied.copied);

    const dt = new vscode.DataTransfer();
    await api.mediaView.handleDrag([node], dt);
    assert.strictEqual(dt.get('text/plain'), undefined, 'no 403 URL as plain text');
    const edit = await api.mediaView.drop.provideDocumentDropEdits(md.document, new vscode.Position(0, 0), dt);
    const dropped = String(edit?.insertText ?? '');
    assert.ok(dropped && !dropped.includes(f.url), dropped);
    assert.strictEqual(await served(linksIn(dropped)[0] ?? ""), 200);
  });

  it('when no link can be made, nothing is inserted and the message names the file', async () => {
    const { f, node } = await seedPrivate('locked.png');
    emu.inject({ type: 'status', route: 'download-url', status: 500, times: 10 });
    const md = await openEditor('markdown', 'before', [new vscode.Position(0, 6)]);
    const r = await vscode.commands.executeCommand<{ inserted?: string }>('wixMedia.view.insert', node);
    assert.deepStrictEqual(r, {});
    assert.strictEqual(md.document.getText(), 'before', 'the editor is untouched');
    const copied = await vscode.commands.executeCommand<{ copied?: string }>('wixMedia.copyAs', { fileId: f.id, format: 'markdown' });
    assert.strictEqual(copied.copied, undefined);
    const shown = api.errorNotifications().filter(t => t.includes('locked.png') && /private/.test(t));
    assert.ok(shown.length >= 1, api.errorNotifications().join('\n'));
  });
});
