// Uploads through the real commands against the emulator: bytes that arrived, references inserted.
import * as assert from 'node:assert';
import { symlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { UploadResult } from '../../src/vscode/upload-flow';
import {
  fileNamed, openEditor, pngFile, setUserSettings, textFile, until, upload, uploadSuiteHooks,
} from './helpers';

describe('uploads through the commands', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;

  uploadSuiteHooks('uploads', s => ({ emu, api, dir } = s));

  it('uploads 1 file and inserts its Markdown reference at the cursor', async () => {
    const f = await pngFile(dir, 'one.png', 12, 7);
    const ed = await openEditor('markdown', 'Before\n\nAfter', [new vscode.Position(1, 0)]);
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = fileNamed(emu, 'one.png');
    assert.strictEqual(stored.sha256, f.sha256, 'the bytes that arrived are the file');
    assert.strictEqual(stored.size, f.bytes.length);
    const ref = `![one](${stored.descriptor.url})`;
    assert.strictEqual(r.items[0].reference, ref);
    assert.strictEqual(r.items[0].id, stored.descriptor.id);
    assert.strictEqual(r.insertedInto, 'editor');
    assert.strictEqual(ed.document.getText(), `Before\n${ref}\nAfter`);
    assert.match(api.statusBarText(), /^\$\(check\) 1 uploaded$/);
  });

  it('uploads 3 files, one reference per line, in the order given, with folder and labels', async () => {
    const files = [await pngFile(dir, 'a.png'), await pngFile(dir, 'b.png'), await pngFile(dir, 'c.png')];
    const ed = await openEditor('markdown', 'x', [new vscode.Position(0, 1)]);
    const r = await upload({ files: files.map(f => f.uri.fsPath), folder: '/docs/img', labels: 'vscode, docs' });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.strictEqual(emu.files.length, 3);
    const refs = files.map(f => {
      const s = fileNamed(emu, f.name);
      assert.strictEqual(s.sha256, f.sha256, f.name);
      assert.strictEqual(s.folderPath, '/docs/img');
      assert.deepStrictEqual(s.labels, ['vscode', 'docs']);
      return `![${f.name.replace('.png', '')}](${s.descriptor.url})`;
    });
    assert.deepStrictEqual(r.references, refs);
    // Markdown images are blocks: they start on a line of their own.
    assert.strictEqual(ed.document.getText(), `x\n${refs.join('\n')}`);
    const q = await vscode.commands.executeCommand<{ items: { label: string; state: string }[] }>('wixMedia.showQueue', { show: false });
    for (const f of files) assert.ok(q.items.some(i => i.label.endsWith(f.name) && i.state === 'done'), f.name);
  });

  it('takes (uri, uris[]) from the Explorer and walks folders recursively', async () => {
    const sub = `${dir}/tree`;
    const top = await pngFile(sub, 'top.png');
    const deep = await pngFile(sub, 'nested/deeper/deep.png');
    const single = await pngFile(dir, 'single.png');
    await openEditor('plaintext', '');
    const r = await vscode.commands.executeCommand<UploadResult>('wixMedia.upload', single.uri, [single.uri, vscode.Uri.file(sub)]);
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.deepStrictEqual(emu.files.map(f => f.descriptor.displayName).sort(), ['deep.png', 'single.png', 'top.png']);
    assert.strictEqual(fileNamed(emu, 'deep.png').sha256, deep.sha256);
    assert.strictEqual(fileNamed(emu, 'top.png').sha256, top.sha256);
  });

  it('reports a symbolic link loop inside a selected folder by name and uploads the rest', async () => {
    const root = `${dir}/looped`;
    const a = await pngFile(root, 'a/inside.png');
    symlinkSync('..', `${root}/a/back-up`);          // looped/a/back-up -> looped
    const r = await upload({ files: [vscode.Uri.file(root)], insert: 'none' });
    assert.strictEqual(r.status, 'partial', JSON.stringify(r));
    assert.deepStrictEqual(emu.files.map(f => f.descriptor.displayName), ['inside.png']);
    assert.strictEqual(fileNamed(emu, 'inside.png').sha256, a.sha256);
    const loop = r.items.find(i => i.state === 'failed');
    assert.ok(loop, 'the loop is reported');
    assert.match(loop.message ?? '', /back-up.*symbolic link back to a folder that contains it/);
  });

  it('inserts at two cursors as one undo step', async () => {
    const files = [await pngFile(dir, 'u1.png'), await pngFile(dir, 'u2.png')];
    const original = 'first line\nsecond line\n';
    const ed = await openEditor('plaintext', original, [new vscode.Position(0, 5), new vscode.Position(1, 11)]);
    const r = await upload({ files: files.map(f => f.uri) });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const [u1, u2] = files.map(f => fileNamed(emu, f.name).descriptor.url);
    const text = `${u1}\n${u2}`;
    assert.strictEqual(ed.document.getText(), `first${text} line\nsecond line${text}\n`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(ed.document.getText(), original, 'one Undo removes both insertions');
  });

  it('puts the references on the clipboard when no editor is open', async () => {
    await vscode.env.clipboard.writeText('old clipboard');
    const f = await pngFile(dir, 'clip.png');
    const r = await upload({ files: [f.uri] });
    assert.strictEqual(r.status, 'done');
    assert.strictEqual(r.insertedInto, 'clipboard');
    assert.match(r.message ?? '', /no text editor was open/);
    const url = fileNamed(emu, 'clip.png').descriptor.url;
    assert.strictEqual(await vscode.env.clipboard.readText(), url);
  });

  it('formats references per language', async () => {
    const cases: [string, (url: string, w: number, h: number) => string][] = [
      ['markdown', url => `![lang-markdown](${url})`],
      ['html', (url, w, h) => `<img src="${url}" alt="lang-html" width="${w}" height="${h}">`],
      ['css', url => `url("${url}")`],
      ['typescript', url => `"${url}"`],
      ['json', url => `"${url}"`],
      ['plaintext', url => url],
    ];
    // One editor whose language changes: the reference follows the document's language id.
    await openEditor('plaintext', '');
    for (const [lang, expected] of cases) {
      await vscode.languages.setTextDocumentLanguage(vscode.window.activeTextEditor!.document, lang);
      const ed = vscode.window.activeTextEditor!;
      assert.strictEqual(ed.document.languageId, lang);
      await ed.edit(b => b.delete(new vscode.Range(0, 0, ed.document.lineCount, 0)));
      const f = await pngFile(dir, `lang-${lang}.png`, 20, 10);
      const r = await upload({ files: [f.uri] });
      assert.strictEqual(r.status, 'done', lang);
      const url = fileNamed(emu, f.name).descriptor.url;
      assert.strictEqual(ed.document.getText(), expected(url, 20, 10), lang);
    }
  });

  it('uses the templates and the wixUri style from the settings', async () => {
    await setUserSettings({ 'insert.templates': { markdown: { image: '<!-- ${name} --> ${url}' } } });
    try {
      const f = await pngFile(dir, 'tpl.png', 4, 3);
      const ed = await openEditor('markdown', '');
      await upload({ files: [f.uri] });
      const d = fileNamed(emu, 'tpl.png').descriptor;
      assert.strictEqual(ed.document.getText(), `<!-- tpl.png --> ${d.url}`);
      await setUserSettings({ 'insert.templates': undefined, 'insert.referenceStyle': 'wixUri' });
      const g = await pngFile(dir, 'velo.png', 4, 3);
      const ed2 = await openEditor('javascript', '');
      await upload({ files: [g.uri] });
      const d2 = fileNamed(emu, 'velo.png').descriptor;
      assert.strictEqual(ed2.document.getText(), `"wix:image://v1/${d2.id}/velo.png#originWidth=4&originHeight=3"`);
    } finally {
      await setUserSettings({ 'insert.templates': undefined, 'insert.referenceStyle': undefined });
    }
  });

  it('a file still processing past the bound gets its static URL inserted and the log says so', async () => {
    await setUserSettings({ readyTimeoutSeconds: 1 });
    emu.inject({ type: 'stay-pending' });
    try {
      const f = await pngFile(dir, 'still-pending.png', 10, 5);
      const ed = await openEditor('markdown', '');
      const r = await upload({ files: [f.uri] });
      assert.strictEqual(r.status, 'done', JSON.stringify(r));
      assert.strictEqual(r.items[0].readyTimedOut, true, 'the wait ended before READY');
      const stored = fileNamed(emu, 'still-pending.png');
      assert.strictEqual(stored.sha256, f.sha256);
      assert.strictEqual(stored.descriptor.operationStatus, 'PENDING', 'the fault held the file in processing');
      const ref = `![still-pending](https://static.wixstatic.com/media/${stored.descriptor.id})`;
      assert.strictEqual(ed.document.getText(), ref);
      const lines = api.logLines();
      assert.ok(
        lines.some(l => /\[warn\] \S*still-pending\.png: Wix was still processing it when the wait ended; its reference uses the static URL\.$/.test(l)),
        lines.slice(-10).join('\n'),
      );
      // The bound in force was the setting's (1 s), not the built-in 30 s.
      assert.ok(lines.some(l => /\[info\] still-pending\.png is still PENDING after 1000 ms/.test(l)), lines.slice(-10).join('\n'));
    } finally {
      emu.clearFaults();
      await setUserSettings({ readyTimeoutSeconds: undefined });
    }
  });

  it('reports each bad file by name and still uploads the good ones', async () => {
    const good = await pngFile(dir, 'good.png');
    const empty = await textFile(dir, 'empty.txt', '');
    const missing = vscode.Uri.file(`${dir}/missing.png`);
    const ed = await openEditor('markdown', '');
    const r = await upload({ files: [good.uri, empty, missing] });
    assert.strictEqual(r.status, 'partial', JSON.stringify(r));
    assert.deepStrictEqual(emu.files.map(f => f.descriptor.displayName), ['good.png']);
    const byName = (n: string) => r.items.find(i => i.label.endsWith(n))!;
    assert.strictEqual(byName('good.png').state, 'done');
    assert.strictEqual(byName('empty.txt').state, 'failed');
    assert.match(byName('empty.txt').message ?? '', /empty\.txt.*empty/);
    assert.strictEqual(byName('missing.png').state, 'failed');
    assert.match(byName('missing.png').message ?? '', /missing\.png.*does not exist/);
    assert.strictEqual(ed.document.getText(), `![good](${fileNamed(emu, 'good.png').descriptor.url})`);
    assert.match(api.statusBarText(), /^\$\(error\) 1 uploaded, 2 failed$/);
  });

  it('refuses 51 labels or a folder path over 100 characters before sending anything', async () => {
    const f = await pngFile(dir, 'limits.png');
    const labels = Array.from({ length: 51 }, (_, i) => `l${i}`);
    const r1 = await upload({ files: [f.uri], labels, insert: 'none' });
    assert.strictEqual(r1.status, 'invalid');
    assert.match(r1.message ?? '', /51 labels; Wix accepts at most 50/);
    const r2 = await upload({ files: [f.uri], folder: '/' + 'x'.repeat(100), insert: 'none' });
    assert.strictEqual(r2.status, 'invalid');
    assert.match(r2.message ?? '', /at most 100/);
    assert.deepStrictEqual(emu.requests.map(q => `${q.method} ${q.path}`), []);
  });

  it('uploadActiveFile uploads the image shown in a preview and copies its reference', async () => {
    const f = await pngFile(dir, 'preview.png');
    await vscode.commands.executeCommand('vscode.open', f.uri);
    await until('the image preview', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
      return input?.uri?.toString() === f.uri.toString();
    });
    const r = await vscode.commands.executeCommand<UploadResult>('wixMedia.uploadActiveFile', {});
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.strictEqual(fileNamed(emu, 'preview.png').sha256, f.sha256);
    assert.strictEqual(r.insertedInto, 'clipboard');
  });

  it('Escape at the folder prompt cancels the whole upload and sends nothing', async () => {
    await setUserSettings({ askForFolder: true });
    try {
      const f = await pngFile(dir, 'escaped.png');
      const running = vscode.commands.executeCommand<UploadResult>('wixMedia.upload', f.uri, [f.uri]);
      // The prompt lists the real folders: once that call arrived, the prompt is up.
      await until('the folder prompt', () => emu.requests.some(q => q.path === '/site-media/v1/folders'));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const r = await running;
      assert.strictEqual(r.status, 'cancelled');
      assert.strictEqual(emu.stats.generateCalls, 0);
      assert.strictEqual(emu.files.length, 0);
    } finally {
      await setUserSettings({ askForFolder: false });
    }
  });
});
