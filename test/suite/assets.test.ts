// Upload Local Assets and Rewrite Links, in the real VS Code host: what arrived at the emulator, the editor's
// text after the one edit, and that a single undo restores the document. The refactor preview needs a person to
// press Apply, so these tests pass { preview: false }; the UI test (ui-scenarios-assets.js) presses it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import type { AssetsResult } from '../../src/vscode/commands/assets';
import { makePng, sha256 } from '../helpers/fixtures';
import { pngFile, textFile, until, uploadSuiteHooks, type LocalFile } from './helpers';

/** The Markdown file of the acceptance: 3 local images (one twice, one through ../ and a space), a remote
 * image, a missing file and an image in a fenced code block. */
const GUIDE = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/assets/guide.md'), 'utf8');

describe('assets: Upload Local Assets and Rewrite Links', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;
  uploadSuiteHooks('assets', s => ({ emu, api, dir } = s));

  async function setup(name: string): Promise<{ doc: vscode.Uri; hero: LocalFile; diagram: LocalFile; logo: LocalFile }> {
    const base = `${dir}/${name}`;
    const hero = await pngFile(`${base}/docs/img`, 'hero.png', 8, 6, 16);
    const diagram = await pngFile(`${base}/shared art`, 'diagram one.png', 5, 5, 16);
    const logo = await pngFile(`${base}/docs/img`, 'logo.png', 2, 2, 16);
    const doc = await textFile(`${base}/docs`, 'guide.md', GUIDE);
    return { doc, hero, diagram, logo };
  }

  const storedUrl = (f: LocalFile) => {
    const all = emu.files.filter(x => x.sha256 === f.sha256);
    assert.strictEqual(all.length, 1, `${f.name} stored once`);
    return all[0].descriptor.url;
  };

  it('rewrites the 4 local links as one edit (3 uploads), leaves the rest, lists the missing file; one undo restores', async () => {
    const { doc, hero, diagram, logo } = await setup('one-edit');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const versionBefore = editor.document.version;
    const r = await vscode.commands.executeCommand<AssetsResult>('wixMedia.uploadDocumentAssets',
      { document: doc, folder: '/docs/img', labels: 'guide', preview: false });
    assert.strictEqual(r.status, 'partial', JSON.stringify(r));
    assert.deepStrictEqual(r.found, { references: 4, files: 3, remote: 1, missing: 1 });
    assert.strictEqual(r.rewritten, 4);
    assert.strictEqual(r.uploaded, 3);
    assert.deepStrictEqual(r.missing, ['./img/missing.png']);
    assert.strictEqual(emu.files.length, 3, 'exactly 3 uploads');
    for (const f of emu.files) {
      assert.strictEqual(f.folderPath, '/docs/img');
      assert.deepStrictEqual(f.labels, ['guide']);
    }
    const expected = GUIDE
      .replace('(./img/hero.png "Hero shot")', `(${storedUrl(hero)} "Hero shot")`)
      .replace('![Hero again](img/hero.png)', `![Hero again](${storedUrl(hero)})`)
      .replace('(<../shared art/diagram one.png>)', `(${storedUrl(diagram)})`)
      .replace('src="./img/logo.png"', `src="${storedUrl(logo)}"`);
    assert.strictEqual(editor.document.getText(), expected);
    assert.strictEqual(editor.document.version, versionBefore + 1, 'one edit, not four');
    await until('the missing-file notification', () => api.errorNotifications().some(t => t.includes('./img/missing.png')));

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), GUIDE, 'a single undo restores the document');
  });

  it('rewrites a document opened from the Explorer (not in an editor) with wix: URIs and shows it', async () => {
    const base = `${dir}/explorer`;
    const hero = await pngFile(`${base}/img`, 'hero.png', 8, 6, 32);
    const doc = await textFile(base, 'page.css', '.a { background: url(img/hero.png); }\n/* url(img/hero.png) */\n');
    const r = await vscode.commands.executeCommand<AssetsResult>('wixMedia.uploadDocumentAssets',
      { document: doc.fsPath, style: 'wix', preview: false });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    const stored = emu.files.find(x => x.sha256 === hero.sha256)!;
    const text = vscode.window.visibleTextEditors.find(e => e.document.uri.fsPath === doc.fsPath)?.document.getText();
    assert.strictEqual(text,
      `.a { background: url(wix:image://v1/${stored.descriptor.id}/hero.png#originWidth=8&originHeight=6); }\n/* url(img/hero.png) */\n`);
  });

  it('a file that fails to upload keeps its link; the others are rewritten; one notification names it', async () => {
    const base = `${dir}/failing`;
    const good = await pngFile(`${base}/img`, 'good.png', 4, 4, 48);
    await textFile(`${base}/img`, 'empty.png', '');   // Wix refuses empty files
    const doc = await textFile(base, 'page.html', '<img src="img/good.png"><img src="img/empty.png">\n');
    const r = await vscode.commands.executeCommand<AssetsResult>('wixMedia.uploadDocumentAssets', { document: doc, preview: false });
    assert.strictEqual(r.status, 'partial', JSON.stringify(r));
    assert.strictEqual(r.rewritten, 1);
    assert.deepStrictEqual(r.failed.map(l => l.split('/').pop()), ['empty.png']);
    const url = emu.files.find(x => x.sha256 === good.sha256)!.descriptor.url;
    const text = vscode.workspace.textDocuments.find(d => d.uri.fsPath === doc.fsPath)!.getText();
    assert.strictEqual(text, `<img src="${url}"><img src="img/empty.png">\n`);
    await until('the failure notification', () => api.errorNotifications().some(t => t.includes('were not uploaded') && t.includes('empty.png')));
  });

  it('with importRemote, a remote image is imported by Wix (fetched from a local server) and its links rewritten', async () => {
    const remote = makePng(6, 4, 64);
    const server = createServer((req, res) => {
      if (req.url === '/remote.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(remote); return; }
      res.writeHead(404); res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const text = `![r](${base}/remote.png) <img src="${base}/remote.png"> ![gone](${base}/gone.png)\n`;
      const doc = await textFile(`${dir}/import`, 'remote.md', text);
      const r = await vscode.commands.executeCommand<AssetsResult>('wixMedia.uploadDocumentAssets',
        { document: doc, preview: false, importRemote: true, folder: '/imported' });
      assert.strictEqual(r.status, 'partial', JSON.stringify(r));
      assert.strictEqual(r.imported, 1);
      const stored = emu.files.filter(f => f.via === 'import' && f.sha256 === sha256(remote));
      assert.strictEqual(stored.length, 1, 'imported once');
      assert.strictEqual(stored[0].folderPath, '/imported');
      const url = stored[0].descriptor.url;
      const now = vscode.workspace.textDocuments.find(d => d.uri.fsPath === doc.fsPath)!.getText();
      assert.strictEqual(now, `![r](${url}) <img src="${url}"> ![gone](${base}/gone.png)\n`);
      await until('the not-imported notification', () => api.errorNotifications().some(t => t.includes('gone.png') && t.includes('not imported')));
    } finally {
      server.close();
    }
  });

  it('a document without local files: nothing is uploaded and nothing changes', async () => {
    const doc = await textFile(`${dir}/none`, 'remote.md', '![r](https://example.com/a.png)\n`![x](./x.png)`\n');
    const r = await vscode.commands.executeCommand<AssetsResult>('wixMedia.uploadDocumentAssets', { document: doc, preview: false });
    assert.strictEqual(r.status, 'nothing', JSON.stringify(r));
    assert.deepStrictEqual(r.found, { references: 0, files: 0, remote: 1, missing: 0 });
    assert.strictEqual(emu.requests.length, 0);
  });
});
