// The wix-media CLI as a user runs it: the bundled script spawned with node, talking to the emulator over HTTP.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WixEmulator } from '../emulator/server';
import { bundleCli, runCli, type CliRun } from '../helpers/cli-bundle';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256, tempDir, writeFile } from '../helpers/fixtures';
import { main } from '../../src/cli';
import { formatBytes, progressText } from '../../src/cli/progress';

const ROOT = resolve(__dirname, '../../..');
const TOKEN_MARK = 'CLITOKENMARK';

type Run = CliRun;

describe('cli: wix-media upload (spawned, against the emulator)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;
  let cli: string;
  let dir: string;

  withEmulator({ readyDelayMs: 20, tokenPrefix: TOKEN_MARK }, e => { emu = e; });
  before(async () => {
    cli = await bundleCli(join(tempDir('wix-cli-build-'), 'cli.js'));
  });
  beforeEach(() => {
    emu.reset();
    dir = tempDir('wix-cli-');
  });

  function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const e: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl, ...extra,
    };
    for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
    return e;
  }

  function run(args: string[], opts: { env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void } = {}): Promise<Run> {
    return runCli(cli, args, { cwd: dir, env: opts.env ?? env(), onSpawn: opts.onSpawn });
  }

  const lines = (s: string) => s.split('\n').filter(l => l !== '');
  const storedByName = (name: string) => emu.files.find(f => f.descriptor.displayName === name)!;

  function assertNoSecrets(r: Run) {
    const all = r.stdout + r.stderr;
    assert.ok(!all.includes(emu.apiKey), 'the API key leaked');
    assert.ok(!all.includes(TOKEN_MARK), 'an upload token leaked');
  }

  it('prints one static URL per file in input order, folders expanded; the bytes arrive intact', async () => {
    const hero = makePng(3, 2);
    await writeFile(dir, 'hero.png', hero);
    await writeFile(dir, 'docs/b.txt', 'bee');
    await writeFile(dir, 'docs/a.txt', 'ay');
    await writeFile(dir, 'docs/sub/c.txt', 'see');
    await writeFile(dir, 'docs/.hidden', 'skip me');
    const r = await run(['upload', '--concurrency', '2', 'hero.png', 'docs']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const names = ['hero.png', 'a.txt', 'b.txt', 'c.txt'];
    assert.deepEqual(lines(r.stdout), names.map(n => storedByName(n).descriptor.url));
    assert.equal(emu.files.length, 4);
    assert.equal(storedByName('hero.png').sha256, sha256(hero));
    assert.equal(storedByName('c.txt').sha256, sha256('see'));
    assert.match(lines(r.stdout)[0], /^https:\/\/static\.wixstatic\.com\/media\/\w+_\w+~mv2\.png$/);
  });

  it('--format markdown and html', async () => {
    await writeFile(dir, 'hero shot.png', makePng(4, 3));
    await writeFile(dir, 'Spec [v2].pdf', '%PDF-1.4 fake');
    const md = await run(['upload', '--format', 'markdown', 'hero shot.png', 'Spec [v2].pdf']);
    assert.equal(md.code, 0, md.stderr);
    const [img, pdf] = ['hero shot.png', 'Spec [v2].pdf'].map(n => emu.files.filter(f => f.descriptor.displayName === n).at(-1)!.descriptor);
    assert.deepEqual(lines(md.stdout), [`![hero shot](${img.url})`, `[Spec \\[v2\\].pdf](${pdf.url})`]);

    // --wait: the size is known, so the <img> gets width and height.
    const html = await run(['upload', '--format=html', '--wait', 'hero shot.png']);
    assert.equal(html.code, 0, html.stderr);
    const img2 = emu.files.at(-1)!.descriptor;
    assert.deepEqual(lines(html.stdout), [`<img src="${img2.url}" alt="hero shot" width="4" height="3">`]);
  });

  it('--format wix waits for processing and prints wix: URIs', async () => {
    await writeFile(dir, 'logo mark.png', makePng(5, 7));
    await writeFile(dir, 'notes.pdf', '%PDF-1.4 fake');
    const r = await run(['upload', '--format', 'wix', 'logo mark.png', 'notes.pdf']);
    assert.equal(r.code, 0, r.stderr);
    const png = storedByName('logo mark.png').descriptor;
    const pdf = storedByName('notes.pdf').descriptor;
    assert.deepEqual(lines(r.stdout), [
      `wix:image://v1/${png.id}/logo%20mark.png#originWidth=5&originHeight=7`,
      `wix:document://v1/${pdf.id}/notes.pdf`,
    ]);
  });

  it('--format json: one object per line; --folder, --labels and --private reach Wix', async () => {
    await writeFile(dir, 'x.png', makePng(2, 2));
    await writeFile(dir, 'y.txt', 'why');
    const r = await run(['upload', '--format', 'json', '--folder', 'site/img', '--labels', 'one, two', '--private', 'x.png', 'y.txt']);
    assert.equal(r.code, 0, r.stderr);
    const objs = lines(r.stdout).map(l => JSON.parse(l));
    assert.equal(objs.length, 2);
    for (const [i, name] of ['x.png', 'y.txt'].entries()) {
      const d = storedByName(name).descriptor;
      // A private file's static URL answers 403: its url is the download link from generate-file-download-url (issue 10).
      assert.match(objs[i].url, new RegExp(`^${emu.baseUrl}/download/media/`));
      assert.equal(emu.urlStatus(objs[i].url), 200);
      assert.deepEqual(objs[i], {
        file: name, id: d.id, name, url: objs[i].url, wixUri: objs[i].wixUri, mediaType: d.mediaType,
        sizeInBytes: d.sizeInBytes, operationStatus: objs[i].operationStatus, reused: false,
      });
    }
    for (const name of ['x.png', 'y.txt']) {
      const stored = storedByName(name);
      assert.equal(stored.folderPath, '/site/img');
      assert.deepEqual(stored.labels, ['one', 'two']);
      assert.equal(stored.private, true);
    }
    assert.equal(objs[0].mediaType, 'IMAGE');
    assert.equal(objs[0].sizeInBytes, String(makePng(2, 2).length));
  });

  it('uses the resumable upload above --threshold-mb, with the same output', async () => {
    const big = makePng(2, 2, 300 * 1024);
    await writeFile(dir, 'big.png', big);
    const r = await run(['upload', '--threshold-mb', '0.1', 'big.png']);
    assert.equal(r.code, 0, r.stderr);
    const s = storedByName('big.png');
    assert.equal(s.via, 'tus');
    assert.equal(s.sha256, sha256(big));
    assert.deepEqual(lines(r.stdout), [s.descriptor.url]);
  });

  it('bad files fail one line each on stderr, the good ones still upload, exit 1', async () => {
    await writeFile(dir, 'good1.txt', 'one');
    await writeFile(dir, 'empty.txt', '');
    await writeFile(dir, 'big.txt', 'x'.repeat(3 * 1024 * 1024));
    await writeFile(dir, 'folder/good2.txt', 'two');
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'folder/dangling.txt'));
    await writeFile(dir, 'refused.txt', 'refused');
    // The emulator refuses the first upload URL request: refused.txt's (the queue runs one at a time).
    emu.inject({ type: 'status', route: 'generate', status: 403 });
    const r = await run(['upload', '--concurrency', '1', '--max-size-mb', '2',
      'refused.txt', 'good1.txt', 'missing.png', 'empty.txt', 'big.txt', 'folder']);
    assert.equal(r.code, 1);
    const err = lines(r.stderr);
    const about = (name: string) => err.filter(l => l.includes(`"${name}"`));
    assert.equal(about('missing.png').length, 1, r.stderr);
    assert.match(about('missing.png')[0], /does not exist/);
    assert.equal(about('folder/dangling.txt').length, 1, r.stderr);
    assert.equal(about('empty.txt').length, 1, r.stderr);
    assert.match(about('empty.txt')[0], /empty/);
    assert.equal(about('big.txt').length, 1, r.stderr);
    assert.match(about('big.txt')[0], /FILE_SIZE_OVER_LIMIT/);
    assert.equal(about('good1.txt').length, 0);
    assert.equal(about('refused.txt').length, 1, r.stderr);
    assert.match(about('refused.txt')[0], /403/);
    assert.equal(err.length, 5, r.stderr);
    assert.deepEqual(lines(r.stdout), [storedByName('good1.txt').descriptor.url, storedByName('good2.txt').descriptor.url]);
    assert.equal(emu.files.length, 2);
    assertNoSecrets(r);
  });

  it('exit 2 for usage errors, with a message that says what to fix', async () => {
    await writeFile(dir, 'a.png', makePng(1, 1));
    const cases: [string[], NodeJS.ProcessEnv | undefined, RegExp][] = [
      [['upload', '--bogus', 'a.png'], undefined, /Unknown option '--bogus'/],
      [['upload', 'a.png'], env({ WIX_API_KEY: undefined }), /Missing WIX_API_KEY: set WIX_API_KEY/],
    ];
    for (const [args, e, expected] of cases) {
      const r = await run(args, { env: e });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected, args.join(' '));
      assert.equal(r.stdout, '');
      assertNoSecrets(r);
    }
    assert.equal(emu.requests.length, 0, 'no usage error reaches Wix');
  });

  it('--help and --version exit 0', async () => {
    const h = await run(['--help'], { env: { PATH: process.env.PATH } });
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Usage: wix-media upload/);
    assert.match(h.stdout, /WIX_API_KEY/);
    assert.match(h.stdout, /expanded recursively/);
    const v = await run(['--version'], { env: { PATH: process.env.PATH } });
    assert.equal(v.code, 0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.equal(v.stdout.trim(), require(join(ROOT, 'package.json')).version);
  });

  it('--verbose logs leak no key or token; a rejected API key is reported once and stops the rest', async () => {
    await writeFile(dir, 'a.png', makePng(1, 1));
    const good = await run(['upload', '--verbose', '--threshold-mb', '0.0001', 'a.png']);
    assert.equal(good.code, 0, good.stderr);
    assert.ok(good.stderr.length > 0, 'verbose logs something');
    assertNoSecrets(good);

    await writeFile(dir, 'b.png', makePng(1, 2));
    await writeFile(dir, 'c.png', makePng(1, 3));
    const r = await run(['upload', '--concurrency', '1', 'a.png', 'b.png', 'c.png'], { env: env({ WIX_API_KEY: 'IST.wrong-key-1234567890' }) });
    assert.equal(r.code, 1);
    // One line for the file that met the rejection, one saying the rest were not tried; CLI advice, not VS Code's.
    assert.deepEqual(lines(r.stderr).map(l => l.replace(/\(401.*$/, '')), [
      '"a.png": The Wix API key was rejected ',
      'wix-media: stopping, since Wix rejected the API key; 2 more file(s) not uploaded.',
    ]);
    assert.match(r.stderr, /set WIX_API_KEY/);
    assert.ok(!r.stderr.includes('Wix Media: Set API Key'));
    assert.equal(r.stdout, '');
    assert.ok(!(r.stdout + r.stderr).includes('wrong-key-1234567890'));
  });

  it('Ctrl-C cancels the uploads in flight and exits 130', async () => {
    await writeFile(dir, 'slow.png', makePng(1, 1));
    await writeFile(dir, 'queued.png', makePng(1, 2));
    emu.inject({ type: 'hang', route: 'put' });
    const r = await run(['upload', '--concurrency', '1', 'slow.png', 'queued.png'], {
      onSpawn: child => {
        const poll = setInterval(() => {
          if (emu.requests.some(q => q.method === 'PUT')) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 10);
      },
    });
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /Cancelling/);
    assert.equal(r.stdout, '');
    assert.equal(emu.files.length, 0);
    assert.equal(emu.requests.filter(q => q.method === 'PUT').length, 1, 'the queued file was never sent');
  });
});

describe('cli: main() in-process', () => {
  let emu: WixEmulator;
  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });

  it('draws a progress line only when stderr is a terminal', async () => {
    const dir = tempDir('wix-cli-tty-');
    mkdirSync(join(dir, 'imgs'));
    await writeFile(dir, 'imgs/a.png', makePng(1, 1));
    symlinkSync(join(dir, 'nowhere.png'), join(dir, 'imgs/dangling.png'));   // an error line before the queue exists
    const env = { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl };
    for (const isTTY of [true, false]) {
      let out = '';
      let err = '';
      const code = await main(['upload', join(dir, 'imgs')], {
        env,
        stdout: { write: (s: string) => { out += s; return true; } },
        stderr: { isTTY, columns: 80, write: (s: string) => { err += s; return true; } },
      });
      assert.equal(code, 1, err);
      assert.equal(lines(out).length, 1);
      const dangling = `"${join(dir, 'imgs/dangling.png')}": It is a symbolic link`;
      if (isTTY) {
        // Throttled, so which state gets drawn depends on speed; that a line is drawn and cleared does not.
        // eslint-disable-next-line no-control-regex -- the progress line's ANSI erase-line sequence
        assert.match(err, /\r\x1b\[2K(Looking at the files…|Uploading \d\/1 files)/);
        assert.ok(err.includes(dangling));
        assert.ok(err.endsWith('\r\x1b[2K'), 'the line is cleared at the end');
      } else {
        assert.ok(err.startsWith(dangling), err);
        assert.equal(lines(err).length, 1, 'only the failure, no progress');
        assert.ok(!err.includes('\r'));
      }
    }
  });

  const lines = (s: string) => s.split('\n').filter(l => l !== '');

  it('progress text counts files, bytes, processing and failures', () => {
    const counts = { queued: 2, uploading: 1, processing: 1, done: 3, failed: 1, cancelled: 0 };
    assert.equal(progressText({ counts, bytesSent: 1536, bytesTotal: 5 * 1024 * 1024 }, 'img/a.png'),
      'Uploading 4/8 files, 1.5 KB of 5.0 MB, 1 processing, 1 failed - img/a.png');
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(300 * 1024 * 1024), '300 MB');
  });

  it('usage errors: exit 2 with a specific message, before any request', async () => {
    const env = { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl };
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['upload'], env, /No files given/],
      [[], env, /Missing command/],
      [['download', 'a.png'], env, /Unknown command 'download'/],
      [['upload', '--format', 'pdf', 'a.png'], env, /Unknown --format 'pdf'.*url, markdown, html, wix, json/],
      [['upload', '--format'], env, /--format/],
      [['upload', '--concurrency', 'many', 'a.png'], env, /--concurrency needs a whole number from 1 to 32, not 'many'/],
      [['upload', '--concurrency', '0', 'a.png'], env, /--concurrency needs a whole number/],
      [['upload', '--concurrency', '2.5', 'a.png'], env, /--concurrency needs a whole number/],
      [['upload', '--threshold-mb=-1', 'a.png'], env, /--threshold-mb needs a positive number/],
      [['upload', '--max-size-mb', 'lots', 'a.png'], env, /--max-size-mb needs a positive number/],
      [['upload', '--folder', ' ', 'a.png'], env, /--folder needs a folder path/],
      [['upload', 'a.png'], { ...env, WIX_API_KEY: undefined, WIX_SITE_ID: undefined }, /Missing WIX_API_KEY and WIX_SITE_ID/],
      [['upload', 'a.png'], { ...env, WIX_SITE_ID: '' }, /Missing WIX_SITE_ID: set WIX_SITE_ID to the site's ID/],
      [['upload', 'a.png'], { ...env, WIX_API_BASE_URL: 'not a url' }, /WIX_API_BASE_URL is not a URL/],
      [['upload', 'a.png'], { ...env, WIX_API_BASE_URL: 'ftp://x' }, /WIX_API_BASE_URL must be an http/],
    ];
    const before = emu.requests.length;
    for (const [args, e, expected] of cases) {
      let out = '';
      let err = '';
      const code = await main(args, {
        env: e,
        stdout: { write: (s: string) => { out += s; return true; } },
        stderr: { write: (s: string) => { err += s; return true; } },
      });
      assert.equal(code, 2, `${args.join(' ')}: ${err}`);
      assert.match(err, expected, args.join(' '));
      assert.match(err, /^wix-media: /);
      assert.equal(out, '');
    }
    assert.equal(emu.requests.length, before);
  });
});
