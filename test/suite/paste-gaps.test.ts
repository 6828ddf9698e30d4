// Paste and drop never leave "Uploading…" behind and never throw away what was pasted (issue 11): a no-key
// prompt dismissed during a paste leaves the failure marker with the bytes kept (its Quick Fix uploads them once
// the key is set); an edit picked after the offer let go of the bytes, or a core that fails to load, turns the
// placeholder into a marker. The paste provider's own offer is used (with a data transfer made here, as the
// clipboard's would be), and its edit applied as VS Code applies it.
import * as assert from 'node:assert';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { ActivationApi } from '../../src/extension';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { UploadResult } from '../../src/vscode/upload-flow';
import { makePng } from '../helpers/fixtures';
import { EXTENSION_ID, fileNamed, storeKey, textFile, until, uploadSuiteHooks } from './helpers';

/** A pasted image without a file, as a screenshot on the clipboard arrives. */
class PastedImage extends vscode.DataTransferItem {
  constructor(private readonly bytes: Uint8Array) { super(bytes); }
  override asFile(): vscode.DataTransferFile {
    return { name: 'image.png', uri: undefined, data: async () => this.bytes };
  }
}

describe('paste: nothing is lost and no placeholder stays (issue 11)', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;
  let activation: ActivationApi;
  let n = 0;

  uploadSuiteHooks('paste-gaps', s => ({ emu, api, dir } = s));
  before(() => {
    const ext = vscode.extensions.getExtension<ActivationApi>(EXTENSION_ID);
    assert.ok(ext?.isActive);
    activation = ext.exports;
  });
  afterEach(async () => {
    activation.setPickWait(undefined);
    activation.failCoreLoad(undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    if (!(await api.keyStored())) await storeKey(emu);
  });

  async function markdownEditor(content: string): Promise<vscode.TextEditor> {
    const ed = await vscode.window.showTextDocument(await textFile(dir, `paste-${++n}.md`, content), { preview: false });
    ed.selections = [new vscode.Selection(ed.document.lineAt(ed.document.lineCount - 1).range.end, ed.document.lineAt(ed.document.lineCount - 1).range.end)];
    return ed;
  }

  /** The provider's offer for a pasted PNG at the cursor, and a way to apply its edit as VS Code does. */
  async function offerPng(ed: vscode.TextEditor, png: Uint8Array): Promise<{ text: string; apply(): Promise<void> }> {
    const dt = new vscode.DataTransfer();
    dt.set('image/png', new PastedImage(png));
    const range = new vscode.Range(ed.selection.active, ed.selection.active);
    const o = await activation.offerPaste(ed.document, [range], dt);
    assert.ok(o, 'the paste provider offers the Wix edit');
    return { text: o.text, apply: async () => { assert.ok(await ed.edit(b => b.insert(range.start, o.text))); } };
  }

  it('control: the offered edit, applied at once, is swapped for the reference', async () => {
    const ed = await markdownEditor('# Now\n');
    const png = makePng(5, 4);
    const o = await offerPng(ed, png);
    assert.match(o.text, /!\[Uploading paste-\d+-.*\.png…\]\(\)/);
    await o.apply();
    await until('the reference', () => /!\[paste-\d+[^\]]*\]\(http/.test(ed.document.getText()));
    assert.strictEqual(emu.files.length, 1);
    assert.ok(!ed.document.getText().includes('Uploading'));
  });

  it('the no-key prompt dismissed during a paste: the marker stays with the bytes; after Set API Key its Quick Fix uploads them', async () => {
    await vscode.commands.executeCommand('wixMedia.clearApiKey');
    assert.strictEqual(await api.keyStored(), false);
    const ed = await markdownEditor('# Key\n');
    const textBefore = ed.document.getText();
    const png = makePng(9, 5);
    const placeholder = '![Uploading shot.png…]()';
    const at = ed.document.getText().length;
    assert.ok(await ed.edit(b => b.insert(ed.document.positionAt(at), placeholder)));
    const running = api.uploadPasted({
      kind: 'paste', document: ed.document, uris: [], blobs: [{ name: 'shot.png', bytes: png }], anchors: [{ start: at, end: at + placeholder.length }],
      before: { versionAfter: ed.document.version, text: textBefore, ranges: [{ start: at, end: at }] }, preferred: true,
    });
    // The person closes "no API key is set yet" without setting one.
    await new Promise(r => setTimeout(r, 500));
    await vscode.commands.executeCommand('notifications.clearAll');
    const r = await running;
    assert.notStrictEqual(r?.status, 'done');
    const marker = '![Upload failed: shot.png]()';
    assert.strictEqual(ed.document.getText(), `# Key\n${marker}`, 'the marker, not nothing, is where the paste was');
    assert.strictEqual(emu.files.length, 0);

    await storeKey(emu);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
      ed.document.uri, new vscode.Range(1, 3, 1, 3), vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Retry upload to Wix Media');
    assert.ok(fix?.command, `no Quick Fix on the marker: ${actions.map(a => a.title).join(', ')}`);
    const again = await vscode.commands.executeCommand<UploadResult>(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(again.status, 'done', JSON.stringify(again));
    const stored = fileNamed(emu, 'shot.png');
    assert.strictEqual(stored.sha256, createHash('sha256').update(png).digest('hex'), 'the pasted bytes were kept');
    assert.strictEqual(ed.document.getText(), `# Key\n![shot](${stored.descriptor.url})`);
  });

  it('the Wix edit picked after the offer expired: its placeholder becomes a marker, nothing is uploaded', async () => {
    activation.setPickWait(200);
    const ed = await markdownEditor('# Late\n');
    const o = await offerPng(ed, makePng(6, 6));
    await new Promise(r => setTimeout(r, 600));
    await o.apply();
    const marker = o.text.replace(/Uploading (.*)…/, 'Upload failed: $1');
    await until('the marker', () => ed.document.getText().includes(marker));
    assert.strictEqual(ed.document.getText(), `# Late\n${marker}`);
    assert.ok(!ed.document.getText().includes('Uploading'), 'no "Uploading…" left');
    await new Promise(r => setTimeout(r, 500));
    assert.strictEqual(emu.files.length, 0);
  });

  it('the core failing to load when the edit is applied: the placeholder becomes a marker', async () => {
    activation.failCoreLoad('simulated: dist/core.js could not be loaded');
    const ed = await markdownEditor('# Core\n');
    const o = await offerPng(ed, makePng(4, 7));
    await o.apply();
    const marker = o.text.replace(/Uploading (.*)…/, 'Upload failed: $1');
    await until('the marker', () => ed.document.getText().includes(marker));
    assert.strictEqual(ed.document.getText(), `# Core\n${marker}`);
    assert.strictEqual(emu.files.length, 0);
  });
});
