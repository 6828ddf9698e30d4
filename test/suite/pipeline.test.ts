// The one upload pipeline and its destinations, for every entry point: the commands (a tracked editor place,
// the clipboard, returned only, the text editor left for an image preview), paste/drop (a placeholder swapped
// for the reference; the clipboard when the placeholder went away; a failure marker and its Quick Fix's retry).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { UploadResult } from '../../src/vscode/upload-flow';
import { makePng } from '../helpers/fixtures';
import { fileNamed, pngFile, setUserSettings, textFile, until, upload, uploadSuiteHooks } from './helpers';

describe('pipeline: where the references go, per entry point', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;

  uploadSuiteHooks('pipeline', s => ({ emu, api, dir } = s));

  const EXT: Record<string, string> = { markdown: 'md', html: 'html', css: 'css', javascript: 'js' };
  let n = 0;
  /**
   * An editor on a new file of that language (not an untitled editor: an untitled name freed by an earlier test
   * can come back with its old text), the cursor where asked.
   */
  async function editorOn(languageId: string, content: string, cursors?: vscode.Position[]): Promise<vscode.TextEditor> {
    const ed = await vscode.window.showTextDocument(await textFile(dir, `doc-${++n}.${EXT[languageId]}`, content), { preview: false });
    assert.strictEqual(ed.document.languageId, languageId);
    if (cursors?.length) ed.selections = cursors.map(p => new vscode.Selection(p, p));
    return ed;
  }

  /** Puts `placeholder` at the cursor as the paste edit would, and hands the paste to the core. */
  async function paste(ed: vscode.TextEditor, placeholder: string, name: string, bytes: Uint8Array): Promise<{ running: Promise<UploadResult | undefined> }> {
    const doc = ed.document;
    const textBefore = doc.getText();
    const at = doc.offsetAt(ed.selection.active);
    assert.ok(await ed.edit(b => b.insert(ed.selection.active, placeholder)));
    // Wrapped: an awaited promise of a promise would wait for the upload itself.
    return { running: api.uploadPasted({
      kind: 'paste', document: doc, uris: [], blobs: [{ name, bytes }], anchors: [{ start: at, end: at + placeholder.length }],
      before: { versionAfter: doc.version, text: textBefore, ranges: [{ start: at, end: at }] }, preferred: true,
    }) };
  }

  it('command → a tracked editor place; two uploads in a row at one cursor land on separate lines', async () => {
    const a = await pngFile(dir, 'row-a.png');
    const b = await pngFile(dir, 'row-b.png');
    const ed = await editorOn('markdown', 'Intro', [new vscode.Position(0, 5)]);
    const r1 = await upload({ files: [a.uri] });
    assert.strictEqual(r1.insertedInto, 'editor');
    const r2 = await upload({ files: [b.uri] });
    assert.strictEqual(r2.insertedInto, 'editor');
    const refA = `![row-a](${fileNamed(emu, 'row-a.png').descriptor.url})`;
    const refB = `![row-b](${fileNamed(emu, 'row-b.png').descriptor.url})`;
    assert.strictEqual(ed.document.getText(), `Intro\n${refA}\n${refB}`);
  });

  it('command → continuation lines of a multi-file HTML insert take the line\'s indentation', async () => {
    const files = [await pngFile(dir, 'ind-1.png', 4, 3), await pngFile(dir, 'ind-2.png', 4, 3)];
    const ed = await editorOn('html', '<div>\n    \n</div>', [new vscode.Position(1, 4)]);
    await upload({ files: files.map(f => f.uri) });
    const [r1, r2] = files.map(f => `<img src="${fileNamed(emu, f.name).descriptor.url}" alt="${f.name.replace('.png', '')}" width="4" height="3">`);
    assert.strictEqual(ed.document.getText(), `<div>\n    ${r1}\n    ${r2}\n</div>`);
  });

  it('command → the clipboard when asked, formatted for the editor\'s language', async () => {
    const f = await pngFile(dir, 'clip.png');
    const ed = await editorOn('markdown', 'keep');
    const r = await upload({ files: [f.uri], insert: 'clipboard' });
    assert.strictEqual(r.insertedInto, 'clipboard');
    assert.strictEqual(await vscode.env.clipboard.readText(), `![clip](${fileNamed(emu, 'clip.png').descriptor.url})`);
    assert.strictEqual(ed.document.getText(), 'keep');
  });

  it('command → returned only: the references are in the result, nothing is inserted or copied', async () => {
    const f = await pngFile(dir, 'ret.png');
    await vscode.env.clipboard.writeText('untouched');
    const ed = await editorOn('css', 'a {}');
    const r = await upload({ files: [f.uri], insert: 'none' });
    assert.strictEqual(r.insertedInto, 'none');
    assert.deepStrictEqual(r.references, [`url("${fileNamed(emu, 'ret.png').descriptor.url}")`]);
    assert.strictEqual(ed.document.getText(), 'a {}');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'untouched');
  });

  it('command with an image preview as the active tab → the text editor the person left, at its cursor', async () => {
    const f = await pngFile(dir, 'preview.png', 5, 5);
    // A file, not an untitled editor: an untitled name freed by an earlier test may come back with its old text.
    const ed = await vscode.window.showTextDocument(await textFile(dir, 'preview-doc.md', '# Doc\n\n'), { preview: false });
    ed.selection = new vscode.Selection(2, 0, 2, 0);
    await vscode.commands.executeCommand('vscode.open', f.uri);
    await until('the image preview to be active', () => vscode.window.activeTextEditor === undefined);
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.insertedInto, 'editor', JSON.stringify(r));
    assert.strictEqual(ed.document.getText(), `# Doc\n\n![preview](${fileNamed(emu, 'preview.png').descriptor.url})`);
  });

  it('referenceStyle wixUri is used in JavaScript but not in Markdown, unless set for Markdown', async () => {
    await setUserSettings({ 'insert.referenceStyle': 'wixUri' });
    try {
      const f = await pngFile(dir, 'style.png', 4, 3);
      await editorOn('markdown', '');
      const r = await upload({ files: [f.uri], insert: 'none' });
      assert.match(r.references[0], /^!\[style\]\(https:\/\/static\.wixstatic\.com\/media\//);
      await editorOn('javascript', '');
      const r2 = await upload({ files: [f.uri], insert: 'none' });
      assert.match(r2.references[0], /^"wix:image:\/\/v1\//);
    } finally {
      await setUserSettings({ 'insert.referenceStyle': undefined });
    }
  });

  it('paste → the placeholder is swapped for the reference, and one undo goes back to before the paste', async () => {
    const ed = await editorOn('markdown', 'Top\n', [new vscode.Position(1, 0)]);
    const png = makePng(6, 4);
    const r = await (await paste(ed, '![Uploading shot-1.png…]()', 'shot-1.png', png)).running;
    assert.strictEqual(r?.status, 'done', JSON.stringify(r));
    assert.strictEqual(r?.insertedInto, 'editor');
    const stored = fileNamed(emu, 'shot-1.png');
    assert.strictEqual(ed.document.getText(), `Top\n![shot-1](${stored.descriptor.url})`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(ed.document.getText(), 'Top\n', 'one undo leaves no placeholder');
  });

  it('paste → the clipboard, with a notice, when the placeholder was deleted before the upload ended', async () => {
    emu.inject({ type: 'stay-pending' });
    const ed = await editorOn('html', '<p></p>\n', [new vscode.Position(1, 0)]);
    const placeholder = '<img alt="Uploading gone.png…">';
    const { running } = await paste(ed, placeholder, 'gone.png', makePng(3, 3));
    await until('gone.png to be processing', () => api.queue.items.some(i => i.label === 'gone.png' && i.state === 'processing'));
    await ed.edit(b => b.delete(new vscode.Range(1, 0, 1, placeholder.length)));
    emu.clearFaults();
    const r = await running;
    assert.strictEqual(r?.insertedInto, 'clipboard', JSON.stringify(r));
    const d = fileNamed(emu, 'gone.png').descriptor;
    assert.strictEqual(await vscode.env.clipboard.readText(), `<img src="${d.url}" alt="gone" width="3" height="3">`);
    assert.strictEqual(ed.document.getText(), '<p></p>\n');
  });

  it('paste that fails → a marker; the Quick Fix\'s retry uploads the same bytes once and swaps the marker', async () => {
    emu.inject({ type: 'status', route: 'put', status: 500, times: 100 });
    const ed = await editorOn('markdown', '# F\n', [new vscode.Position(1, 0)]);
    const png = makePng(7, 7);
    const r = await (await paste(ed, '![Uploading broken.png…]()', 'broken.png', png)).running;
    assert.strictEqual(r?.status, 'failed');
    const marker = '![Upload failed: broken.png]()';
    assert.strictEqual(ed.document.getText(), `# F\n${marker}`);
    emu.clearFaults();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
      ed.document.uri, new vscode.Range(1, 2, 1, 2), vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Retry upload to Wix Media');
    assert.ok(fix?.command, `no Quick Fix: ${actions.map(a => a.title).join(', ')}`);
    const again = await vscode.commands.executeCommand<UploadResult>(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(again.status, 'done');
    assert.strictEqual(emu.files.length, 1, 'stored once');
    const stored = fileNamed(emu, 'broken.png');
    assert.strictEqual(ed.document.getText(), `# F\n![broken](${stored.descriptor.url})`);
  });

  it('a paste whose bytes Wix could not process → a marker with no retry Quick Fix (the same bytes would fail again)', async () => {
    emu.inject({ type: 'fail-processing', times: 1 });
    const ed = await editorOn('markdown', '# F\n', [new vscode.Position(1, 0)]);
    const r = await (await paste(ed, '![Uploading corrupt.png…]()', 'corrupt.png', makePng(6, 6))).running;
    assert.strictEqual(r?.status, 'failed');
    assert.strictEqual(ed.document.getText(), '# F\n![Upload failed: corrupt.png]()');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
      ed.document.uri, new vscode.Range(1, 2, 1, 2), vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some(a => a.title === 'Retry upload to Wix Media'), actions.map(a => a.title).join(', '));
    assert.strictEqual(emu.files.length, 1, 'stored once, and not offered again');
  });
});
