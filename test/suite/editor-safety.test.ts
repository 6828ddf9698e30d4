// The editor while an upload runs (the emulator holds the file in processing, or reads the PUT slowly): typing does not misplace the
// reference, a closed document or an edited-away place sends it to the clipboard, one Undo removes exactly it.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import {
  fileNamed, openEditor, pngFile, textFile, until, upload, uploadSuiteHooks,
} from './helpers';

describe('editor safety while an upload runs', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;

  uploadSuiteHooks('safety', s => ({ emu, api, dir } = s));

  /** A ~60 KB image whose PUT the emulator reads at 30 KB/s, so the upload is surely running meanwhile. */
  async function slowFile(name: string) {
    const f = await pngFile(dir, name, 8, 6, 60_000);
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 30_000 });
    return f;
  }

  const putStarted = () => until('the PUT to start', () => emu.requests.some(q => q.method === 'PUT' && q.path.startsWith('/upload/')));

  /** An image that Wix keeps "processing" until release(): the upload runs for as long as the test needs. */
  async function heldFile(name: string) {
    const f = await pngFile(dir, name, 8, 6);
    emu.inject({ type: 'stay-pending' });
    const processing = () => until(`${name} to be processing`,
      () => api.queue.items.some(i => i.label.endsWith(name) && i.state === 'processing'));
    return { ...f, processing, release: () => emu.clearFaults() };
  }

  it('text typed meanwhile, before and at the cursor, leaves the reference where it was asked for; Undo removes exactly it', async () => {
    const f = await heldFile('typing.png');
    const ed = await openEditor('markdown', 'Title\n\nText here.', [new vscode.Position(2, 4)]);
    const running = upload({ files: [f.uri] });
    await f.processing();
    assert.match(api.statusBarText(), /^\$\(cloud-upload\) Wix 0\/1 · \d+%$/);
    await ed.edit(b => b.insert(new vscode.Position(0, 0), '# '));                  // above the place
    await vscode.commands.executeCommand('type', { text: ' typed' });               // at the cursor
    await ed.edit(b => b.insert(ed.document.lineAt(2).range.end, '\nMore.'));       // below it
    f.release();
    const r = await running;
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = fileNamed(emu, 'typing.png');
    assert.strictEqual(stored.sha256, f.sha256);
    const ref = `![typing](${stored.descriptor.url})`;
    // A Markdown image is a block: on its own line, the text around it on the lines before and after.
    assert.strictEqual(ed.document.getText(), `# Title\n\nText\n${ref}\n typed here.\nMore.`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(ed.document.getText(), '# Title\n\nText typed here.\nMore.', 'Undo removes the reference and nothing else');
  });

  it('a document closed before the upload ends gets nothing; the reference goes to the clipboard with a notice', async () => {
    const f = await heldFile('closed.png');
    const doc = await textFile(dir, 'close-me.md', 'Hello\n');
    const ed = await vscode.window.showTextDocument(doc);
    ed.selection = new vscode.Selection(1, 0, 1, 0);
    const running = upload({ files: [f.uri] });
    await f.processing();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await until('the tab to close', () => !vscode.window.tabGroups.all.some(g => g.tabs.some(t =>
      t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.toString())));
    f.release();
    const r = await running;
    assert.strictEqual(r.status, 'done');
    assert.strictEqual(r.insertedInto, 'clipboard');
    assert.match(r.message ?? '', /closed before the upload finished/);
    const ref = `![closed](${fileNamed(emu, 'closed.png').descriptor.url})`;
    assert.strictEqual(await vscode.env.clipboard.readText(), ref);
    assert.strictEqual(readFileSync(doc.fsPath, 'utf8'), 'Hello\n');
    const reopened = await vscode.workspace.openTextDocument(doc);
    assert.strictEqual(reopened.getText(), 'Hello\n');
  });

  it('a selection edited away meanwhile is left alone; the reference goes to the clipboard', async () => {
    const f = await heldFile('edited.png');
    const ed = await openEditor('plaintext', 'keep\nREPLACE ME\nkeep too');
    ed.selection = new vscode.Selection(1, 0, 1, 10);
    const running = upload({ files: [f.uri] });
    await f.processing();
    await ed.edit(b => b.delete(ed.document.lineAt(1).rangeIncludingLineBreak));
    f.release();
    const r = await running;
    assert.strictEqual(r.insertedInto, 'clipboard');
    assert.match(r.message ?? '', /edited away/);
    assert.strictEqual(ed.document.getText(), 'keep\nkeep too');
    assert.strictEqual(await vscode.env.clipboard.readText(), fileNamed(emu, 'edited.png').descriptor.url);
  });

  it('a cancelled upload stores nothing and inserts nothing', async () => {
    const f = await slowFile('cancelled.png');
    const ed = await openEditor('markdown', 'x');
    const running = upload({ files: [f.uri] });
    await putStarted();
    const item = api.queue.items.find(i => i.label.endsWith('cancelled.png') && i.state === 'uploading');
    assert.ok(item);
    api.queue.cancel(item.id);
    const r = await running;
    assert.strictEqual(r.status, 'cancelled');
    assert.strictEqual(r.items[0].state, 'cancelled');
    assert.strictEqual(emu.files.length, 0);
    assert.strictEqual(ed.document.getText(), 'x');
  });
});
