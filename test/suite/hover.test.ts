// Hovers on Wix references (vscode.executeHoverProvider): an image URL, a wix:image URI, a missing file; nothing
// is asked of Wix before a hover, and answers are cached for the session.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import { uploadViaPut } from '../helpers/emulator-client';
import { makePng } from '../helpers/fixtures';
import { formatBytes } from '../../src/wix/validate';
import { openEditor, uploadSuiteHooks } from './helpers';

describe('hovers on Wix references', () => {
  let emu: WixEmulator;
  uploadSuiteHooks('hover', s => ({ emu } = s));

  async function seed(name: string, w: number, h: number, filePath?: string) {
    const r = await uploadViaPut(emu, makePng(w, h), { mimeType: 'image/png', filename: name, filePath });
    assert.strictEqual(r.status, 200, JSON.stringify(r.json));
    return r.json.file as { id: string; url: string; sizeInBytes: string };
  }

  /** The Wix Media hover's markdown at the first occurrence of `needle` (+ offset) in the editor. */
  async function hoverText(ed: vscode.TextEditor, needle: string, offset = 5): Promise<string> {
    const at = ed.document.positionAt(ed.document.getText().indexOf(needle) + offset);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ed.document.uri, at);
    return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).filter(t => t.includes('Wix') || t.includes('wixMedia')).join('\n');
  }

  const gets = () => emu.requests.filter(r => r.path.startsWith('/site-media/v1/files/get-file-by-id')).length;

  it('an image URL in Markdown: the image, dimensions, size, folder, state and command links; cached for the session', async () => {
    const f = await seed('hover-hero.png', 40, 30, '/docs/img');
    const ed = await openEditor('markdown', `# Title\n\nSee ![hero](${f.url}) here.\n`);
    assert.strictEqual(gets(), 0, 'nothing is asked before a hover');
    const text = await hoverText(ed, f.url, 20);
    assert.match(text, /\*\*hover-hero\.png\*\*/);
    assert.ok(text.includes(`![hover-hero.png](${f.url}/v1/fit/w_320,h_240,al_c/hover-hero.png)`), text);
    assert.ok(text.includes('40 × 30 px'), text);
    assert.ok(text.includes(formatBytes(Number(f.sizeInBytes))), text);
    assert.ok(text.includes('folder /docs/img'), text);
    assert.ok(text.includes('ready'), text);
    assert.ok(text.includes('command:wixMedia.copyAs?'), text);
    assert.ok(text.includes(encodeURIComponent(JSON.stringify([{ fileId: f.id, format: 'markdown' }]))), 'copy as Markdown names the file');
    assert.ok(text.includes('command:wixMedia.revealInView?'), text);
    const asked = gets();
    assert.strictEqual(asked, 1);
    await hoverText(ed, f.url, 25);
    assert.strictEqual(gets(), asked, 'the second hover is answered from the session cache');

    // The copy link does what it says.
    const copied = await vscode.commands.executeCommand<{ copied?: string }>('wixMedia.copyAs', { fileId: f.id, format: 'markdown' });
    assert.strictEqual(copied.copied, `![hover-hero](${f.url})`);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied.copied);
    // And the reveal link finds the file in the Wix Media view.
    const revealed = await vscode.commands.executeCommand<{ revealed: boolean }>('wixMedia.revealInView', { fileId: f.id });
    assert.strictEqual(revealed.revealed, true);
    await vscode.commands.executeCommand('wixMedia.view.search', '');
  });

  it('a wix:image URI in any document (here plain text)', async () => {
    const f = await seed('velo.png', 12, 9);
    const uri = `wix:image://v1/${f.id}/velo.png#originWidth=12&originHeight=9`;
    const ed = await openEditor('plaintext', `const src = "${uri}";`);
    const text = await hoverText(ed, uri, 12);
    assert.match(text, /\*\*velo\.png\*\*/);
    assert.ok(text.includes('12 × 9 px'), text);
    assert.ok(text.includes('folder /'), text);
  });

  it('a file that is not on the site says so', async () => {
    const url = 'https://static.wixstatic.com/media/0a1b2c_00000000000000000000000000000000~mv2.png';
    const ed = await openEditor('markdown', `![gone](${url})`);
    const text = await hoverText(ed, url, 30);
    assert.match(text, /is not on this site/);
  });

  it('no hover away from a reference', async () => {
    const ed = await openEditor('markdown', 'plain words https://example.com/media/x.png');
    assert.strictEqual(await hoverText(ed, 'plain', 2), '');
    assert.strictEqual(gets(), 0);
  });
});
