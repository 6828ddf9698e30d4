'use strict';
// Wix Media view and hovers, driven through the real workbench as a person does: hover a Wix URL in a
// Markdown file and see the preview; search the view, right-click a file and insert it at the cursor.
// The file is put on the emulator over its REST API first (generate-upload-url + PUT), as another
// teammate's upload would be.
const fs = require('fs');
const path = require('path');

const reEscape = s => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

module.exports = async function scenarios(kit, { assert, ws, emu, page }) {
  const abs = rel => path.join(ws, rel);
  const setKey = async key => {
    // On a loaded machine the extension's commands reach the palette some seconds after the workbench shows.
    await kit.waitUntil('the Wix Media commands in the palette', async () => {
      try { await kit.palette('Wix Media: Set API Key'); return true; } catch { await page.keyboard.press('Escape'); return false; }
    }, 90000, 1000);
    await kit.inputBox(key, { password: true, title: 'Wix Media: API key', prompt: /API Keys Manager/ });
    await kit.notification(/Wix Media: The API key works for site/, { timeout: 30000 });
  };
  const headers = { authorization: emu.apiKey, 'wix-site-id': emu.siteId, 'content-type': 'application/json' };
  async function seedOnSite(rel, name) {
    const bytes = fs.readFileSync(abs(rel));
    const gen = await fetch(`${emu.baseUrl}/site-media/v1/files/generate-upload-url`, {
      method: 'POST', headers, body: JSON.stringify({ mimeType: 'image/png', fileName: name, sizeInBytes: String(bytes.length), filePath: '/team' }),
    });
    const { uploadUrl } = await gen.json();
    const put = await fetch(`${uploadUrl}?filename=${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: bytes });
    return (await put.json()).file;
  }

  await kit.test('hover a static.wixstatic.com URL in Markdown: the preview shows the image, its size, folder and state (screenshot)', async () => {
    await setKey(emu.apiKey);
    const file = await seedOnSite('images/logo.png', 'team-logo.png');
    // Wix's CDN, played offline: the hover's image (a /v1/fit/… rendition) is answered with the uploaded bytes,
    // so the screenshot shows the picture and nothing leaves 127.0.0.1. Page routes come before the harness's
    // context route, which would otherwise block (and report) the request.
    const cdn = [];
    await page.route('https://static.wixstatic.com/media/**', route => {
      cdn.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(abs('images/logo.png')) });
    });
    fs.writeFileSync(abs('hover.md'), `# Hover\n\n![logo](${file.url})\n`);
    await kit.openFile('hover.md');
    const line = kit.activeEditor.locator('.view-line', { hasText: 'static.wixstatic.com' }).first();
    await line.waitFor({ state: 'visible', timeout: 10000 });
    const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'team-logo.png' }).first();
    // Over the URL: past "![logo](" and well inside the long URL. A hover asked for while the workbench is
    // still busy (the key's notification, the first load of the core) can be dropped; a person moves the
    // mouse off and back on, and so does this.
    let tries = 0;
    await kit.waitUntil('the hover over the URL', async () => {
      // Where the line is now: the editor re-renders its lines (e.g. once the Markdown extension is up), and an
      // element measured before that is detached (no box).
      const box = await line.boundingBox();
      if (!box) return false;
      await page.mouse.move(box.x + 150 + 10 * (tries++ % 3), box.y + box.height / 2);
      return hover.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, async () => {
        await page.mouse.move(box.x + 160, box.y + 200);
        return false;
      });
    }, 30000, 500);
    const text = await hover.innerText();
    assert.match(text, /128 × 128 px/);
    assert.match(text, /folder \/team/);
    assert.match(text, /ready/);
    assert.match(text, /Copy as:/);
    const img = hover.locator('img').first();
    assert.match(await img.getAttribute('src'), new RegExp(`^${reEscape(file.url)}/v1/fit/w_320,h_240,al_c/team-logo\\.png$`));
    await kit.waitUntil('the preview image to load', () => img.evaluate(el => el.complete && el.naturalWidth === 128));
    // VS Code's own Markdown hover (its language server previews any image link, 300 px wide) may join ours
    // once that server is up, and it fetches the linked URL itself, the whole file: that fetch is VS Code's.
    // Ours shows the rendition only, and nothing else of the CDN was asked for. Which addresses, not how many times:
    // a hover shown again (the mouse moved off and back on above) may fetch its image again.
    const rendition = `${file.url}/v1/fit/w_320,h_240,al_c/team-logo.png`;
    const ours = await hover.locator('.hover-row').filter({ hasText: 'team-logo.png' }).locator('img').evaluateAll(els => els.map(e => e.src));
    assert.deepStrictEqual(ours, [rendition], 'our hover shows only the rendition');
    assert.deepStrictEqual([...new Set(cdn.filter(u => u !== file.url))], [rendition], 'only the hover\'s rendition was fetched (besides VS Code\'s own preview)');
    await kit.shot('hover preview');
    fs.copyFileSync(path.join(kit.shotsDir, fs.readdirSync(kit.shotsDir).filter(f => f.includes('hover_preview')).pop()), path.join(kit.shotsDir, 'hover-preview.png'));
    await page.keyboard.press('Escape');
  });

  await kit.test('open the Wix Media view, search, right-click the file > Insert at Cursor -> its Markdown reference in README.md', async () => {
    await kit.openFile('README.md');
    await kit.gotoLine(5, 1);
    const before = await kit.editorText();
    await kit.palette('Wix Media: Search Files');
    await kit.inputBox('team-logo', { title: 'Search Files' });
    const row = page.locator('.pane-body .monaco-list-row[aria-label*="team-logo.png"]').first();
    await row.waitFor({ state: 'visible', timeout: 20000 });
    await kit.shot('view with search result');
    // The editor keeps its cursor while the view has the focus.
    const filesBefore = (await kit.emuState()).files;
    const stored = filesBefore.find(f => f.descriptor.displayName === 'team-logo.png');
    const ref = `![team-logo](${stored.descriptor.url})`;
    await kit.contextMenu(row, 'Insert at Cursor');
    const text = await kit.waitEditorText('the reference in README.md', t => t.includes(ref));
    assert.strictEqual(text.replace(ref, ''), before);
    // Read once the reference is in: an upload the insert had started would be there by now.
    assert.deepStrictEqual((await kit.emuState()).files.map(f => f.descriptor.id), filesBefore.map(f => f.descriptor.id), 'inserting uploads nothing');
    assert.strictEqual(filesBefore.length, 1);
    await kit.shot('inserted from the view');
  });
};
