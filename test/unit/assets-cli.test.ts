// `wix-media rewrite` against the emulator: what arrived at Wix (how many uploads, which bytes) and what the file
// holds afterwards, byte for byte.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256, tempDir, writeFile } from '../helpers/fixtures';
import { main } from '../../src/cli';

interface Run { code: number; stdout: string; stderr: string }

/** The Markdown file of the acceptance: 3 local images (one twice, one through ../ and a space), a remote
 * image, a missing file and an image in a fenced code block. */
const GUIDE = readFileSync(resolve(__dirname, '../../../test/fixtures/assets/guide.md'), 'utf8');

describe('cli: wix-media rewrite (in-process, against the emulator)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;
  let dir: string;
  let pngs: Record<string, Buffer>;

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });
  beforeEach(async () => {
    emu.reset();
    dir = tempDir('wix-rewrite-');
    pngs = { hero: makePng(8, 6, 10), diagram: makePng(5, 5, 10), logo: makePng(2, 2, 10) };
    await writeFile(dir, 'docs/img/hero.png', pngs.hero);
    await writeFile(dir, 'shared art/diagram one.png', pngs.diagram);
    await writeFile(dir, 'docs/img/logo.png', pngs.logo);
  });

  async function run(args: string[], env: NodeJS.ProcessEnv = { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl }): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      env,
      stdout: { write: (s: string) => { stdout += s; return true; } },
      stderr: { isTTY: false, columns: 80, write: (s: string) => { stderr += s; return true; } },
    });
    return { code, stdout, stderr };
  }

  const stored = (bytes: Buffer) => {
    const f = emu.files.filter(x => x.sha256 === sha256(bytes));
    assert.equal(f.length, 1, 'each file is stored exactly once');
    return f[0].descriptor;
  };

  it('the acceptance document: 3 uploads, 4 occurrences rewritten, the rest unchanged, the missing file on stderr, exit 1', async () => {
    const doc = await writeFile(dir, 'docs/guide.md', GUIDE);
    const r = await run(['rewrite', '--folder', '/docs/img', '--labels', 'docs,guide', doc]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(emu.files.length, 3, 'exactly 3 uploads');
    assert.equal(emu.requests.filter(q => q.method === 'PUT').length, 3, 'exactly 3 upload bodies sent');
    const [hero, diagram, logo] = [stored(pngs.hero), stored(pngs.diagram), stored(pngs.logo)];
    for (const f of emu.files) {
      assert.equal(f.folderPath, '/docs/img');
      assert.deepEqual(f.labels, ['docs', 'guide']);
    }
    const expected = GUIDE
      .replace('![Hero](./img/hero.png "Hero shot")', `![Hero](${hero.url} "Hero shot")`)
      .replace('![Hero again](img/hero.png)', `![Hero again](${hero.url})`)
      .replace('![Diagram](<../shared art/diagram one.png>)', `![Diagram](${diagram.url})`)
      .replace('<img src="./img/logo.png"', `<img src="${logo.url}"`);
    assert.notEqual(expected, GUIDE);
    assert.equal(readFileSync(doc, 'utf8'), expected);
    assert.ok(readFileSync(doc, 'utf8').includes('![In code](./img/hero.png)'), 'the fenced code is unchanged');
    assert.match(r.stderr, /docs\/guide\.md:13:12: \.\/img\/missing\.png: the file does not exist \(.*docs\/img\/missing\.png\); its link was left as it was\./);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `${doc}: rewrote 4 references to 3 files; 1 missing reference left as written; 1 remote left alone`,
    ]);
    assert.deepEqual(readdirSync(join(dir, 'docs')).filter(n => n.endsWith('.tmp')), [], 'no temp file left behind');
  });

  it('--dry-run uploads nothing, changes nothing, and prints what it would rewrite (no key needed)', async () => {
    const doc = await writeFile(dir, 'docs/guide.md', GUIDE);
    const r = await run(['rewrite', '--dry-run', doc], {});
    assert.equal(r.code, 1, r.stderr);
    assert.equal(emu.requests.length, 0);
    assert.equal(emu.files.length, 0);
    assert.equal(readFileSync(doc, 'utf8'), GUIDE);
    const out = r.stdout.trim().split('\n');
    assert.equal(out.length, 5, r.stdout);
    assert.match(out[0], /guide\.md:3:19: \.\/img\/hero\.png -> .*docs\/img\/hero\.png$/);
    assert.match(out[2], /guide\.md:7:12: \.\.\/shared art\/diagram one\.png -> .*shared art\/diagram one\.png$/);
    assert.equal(out[4], `${doc}: would rewrite 4 references to 3 local files; 1 missing reference left as written; 1 remote left alone (dry run: nothing uploaded or changed)`);
    assert.match(r.stderr, /missing\.png: the file does not exist/);
  });

  it('keeps a BOM and CRLF line endings, and writes wix: URIs with --style wix; exit 0 when all were rewritten', async () => {
    const text = '\ufeff# Page\r\n\r\n![Hero](img/hero.png)\r\n<img src="img/logo.png">\r\n';
    const doc = join(dir, 'docs/page.md');
    writeFileSync(doc, text, 'utf8');
    const r = await run(['rewrite', '--style', 'wix', doc]);
    assert.equal(r.code, 0, r.stderr);
    const [hero, logo] = [stored(pngs.hero), stored(pngs.logo)];
    const bytes = readFileSync(doc);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.equal(bytes.toString('utf8').slice(1),
      `# Page\r\n\r\n![Hero](wix:image://v1/${hero.id}/hero.png#originWidth=8&originHeight=6)\r\n`
      + `<img src="wix:image://v1/${logo.id}/logo.png#originWidth=2&amp;originHeight=2">\r\n`);
  });

  it('one upload for a file two documents share; a failed upload keeps its links and exits 1', async () => {
    const a = await writeFile(dir, 'docs/a.md', '![h](img/hero.png) ![e](img/empty.png)\n');
    const b = await writeFile(dir, 'b.css', '.x { background: url("docs/img/hero.png"); }\n');
    await writeFile(dir, 'docs/img/empty.png', '');   // Wix refuses empty files: this upload fails
    const r = await run(['rewrite', a, b, a]);   // a named twice: rewritten once
    assert.equal(r.code, 1, r.stderr);
    const hero = stored(pngs.hero);
    assert.equal(emu.files.length, 1);
    assert.equal(readFileSync(a, 'utf8'), `![h](${hero.url}) ![e](img/empty.png)\n`);
    assert.equal(readFileSync(b, 'utf8'), `.x { background: url("${hero.url}"); }\n`);
    assert.match(r.stderr, /empty\.png/);
    assert.equal(r.stdout.trim().split('\n').length, 2, r.stdout);
    assert.ok(!r.stderr.includes('not rewritten'), r.stderr);
  });

  it('--import-remote: Wix imports each remote URL once (fetched from a local server); a URL it cannot fetch keeps its link', async () => {
    const remotePng = makePng(6, 4, 20);
    const server = createServer((req, res) => {
      if (req.url === '/pics/remote.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(remotePng); return; }
      res.writeHead(404); res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const text = [
        '![Local](img/hero.png)', `![Remote](${base}/pics/remote.png)`, `<img src="${base}/pics/remote.png">`,
        `![Gone](${base}/gone.png)`, '![Data](data:image/png;base64,AAAA)', '',
      ].join('\n');
      const doc = await writeFile(dir, 'docs/remote.md', text);
      const r = await run(['rewrite', '--import-remote', '--folder', '/imported', doc]);
      assert.equal(r.code, 1, r.stderr);
      const hero = stored(pngs.hero);
      const imported = emu.files.filter(f => f.via === 'import' && f.sha256 === sha256(remotePng));
      assert.equal(imported.length, 1, 'each remote URL imported once');
      assert.equal(imported[0].folderPath, '/imported');
      assert.equal(imported[0].descriptor.operationStatus, 'READY');
      assert.equal(emu.requests.filter(q => q.path === '/site-media/v1/files/import').length, 2, 'remote.png once, gone.png once');
      const url = imported[0].descriptor.url;
      assert.equal(readFileSync(doc, 'utf8'), text
        .replace('(img/hero.png)', `(${hero.url})`)
        .replace(`(${base}/pics/remote.png)`, `(${url})`)
        .replace(`src="${base}/pics/remote.png"`, `src="${url}"`));
      assert.match(r.stderr, /remote\.md:4:9: http:\/\/127\.0\.0\.1:\d+\/gone\.png: not imported: .*; its links were left as they were\./);
      assert.match(r.stdout, /rewrote 3 references to 1 file and 2 imported remote; 2 remote left alone/);
    } finally {
      server.close();
    }
  });

  it('usage errors exit 2 before any request', async () => {
    for (const [args, re] of [
      [['rewrite'], /No files given/],
      [['rewrite', '--style', 'fancy', 'a.md'], /Unknown --style 'fancy'/],
      [['rewrite', '--format', 'json', 'a.md'], /--format is an option of 'wix-media upload' only/],
      [['upload', '--dry-run', 'a.png'], /--dry-run is an option of 'wix-media rewrite' only/],
    ] as [string[], RegExp][]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, re);
    }
    assert.equal(emu.requests.length, 0);
  });
});
