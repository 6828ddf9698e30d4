// Issue 5, Bad input: every kind of bad file in one batch beside good ones, through the queue and the CLI.
// Each bad file gets a specific error naming it and sends nothing; the good files still upload, once each.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { main } from '../../src/cli';
import { failedEntry, UploadQueue } from '../../src/upload/queue';
import { formatReference, stripExtension, wixUri } from '../../src/upload/reference';
import type { ItemOptions, QueueEntry } from '../../src/upload/types';
import { WixMediaClient } from '../../src/wix/client';
import type { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import { type WixEmulator, type RecordedRequest } from '../emulator/server';
import { bundleCli } from '../helpers/cli-bundle';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256, tempDir, writeFile } from '../helpers/fixtures';

const NOBODY = 65534;

/** Every request that concerns the file `name` (generate bodies name it; PUTs carry ?filename=). */
const about = (name: string) => (r: RecordedRequest) => r.body?.fileName === name || r.query.filename === name;
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

/** The way the CLI and the VS Code face make queue entries: a file that can't be opened enters already failed. */
async function entry(path: string, label: string, options: ItemOptions = {}): Promise<QueueEntry> {
  try {
    return { source: await fileSourceFromPath(path, basename(path)), label, options };
  } catch (e) {
    return { ...failedEntry(label, e as Error), options };
  }
}

describe('reliability: bad input (issue 5)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });
  beforeEach(() => emu.reset());

  describe('one batch through the queue', () => {
    let client: WixMediaClient;
    beforeEach(() => {
      client = new WixMediaClient({
        apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, rateLimit: false,
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 }, readyPoll: { initialDelayMs: 20, maxDelayMs: 50 },
      });
    });
    afterEach(() => client.close());

    it('empty, missing, a folder, over the size limit, a long folder path, 51 labels, a long label: each refused by name before any request; the good files upload', async () => {
      const dir = tempDir('wix-bad-input-');
      const good = ['good one.txt', 'good two.png'];
      await writeFile(dir, good[0], 'the first good file');
      await writeFile(dir, good[1], makePng(3, 3));
      await writeFile(dir, 'empty.txt', '');
      await writeFile(dir, 'too big.bin', Buffer.alloc(3000, 1));
      await writeFile(dir, 'long path.txt', 'x');
      await writeFile(dir, 'many labels.txt', 'x');
      await writeFile(dir, 'long label.txt', 'x');
      mkdirSync(join(dir, 'a folder'));
      const bad: { name: string; code: string; says: RegExp; options?: ItemOptions }[] = [
        { name: 'empty.txt', code: 'ZERO_FILE_SIZE', says: /The file is empty \(0 bytes\).*Add content to it or leave it out/ },
        { name: 'missing.png', code: 'FILE_NOT_FOUND', says: /The file does not exist: .*missing\.png.*Check the path/ },
        { name: 'a folder', code: 'NOT_A_FILE', says: /It is a folder .*not a file.*Choose files/ },
        { name: 'too big.bin', code: 'FILE_SIZE_OVER_LIMIT', options: { maxFileSizeBytes: 2000 },
          says: /The file is 2\.9 KB, above the maximum upload size of 2\.0 KB \(FILE_SIZE_OVER_LIMIT\).*raise the maximum upload size/ },
        { name: 'long path.txt', code: 'FILE_PATH_TOO_LONG', options: { filePath: `/${'f'.repeat(100)}` },
          says: /folder path "\/f+" is 101 characters long; Wix accepts at most 100.*at most 100 characters/ },
        { name: 'many labels.txt', code: 'TOO_MANY_LABELS', options: { labels: Array.from({ length: 51 }, (_, i) => `l${i}`) },
          says: /51 labels were given; Wix accepts at most 50.*Use fewer labels/ },
        { name: 'long label.txt', code: 'LABEL_TOO_LONG', options: { labels: ['ok', 'x'.repeat(201)] },
          says: /The label "x+…" is 201 characters long; Wix accepts at most 200.*Shorten each label/ },
      ];
      const entries: QueueEntry[] = [];
      entries.push(await entry(join(dir, good[0]), `in/${good[0]}`, { labels: ['x'.repeat(200)] }));
      for (const b of bad) entries.push(await entry(join(dir, b.name), `in/${b.name}`, b.options));
      entries.push(await entry(join(dir, good[1]), `in/${good[1]}`, { filePath: `/${'g'.repeat(99)}`, labels: Array.from({ length: 50 }, (_, i) => `l${i}`) }));

      const items = await new UploadQueue(client, { concurrency: 2 }).enqueue(entries).done;
      const byName = new Map(items.map((i) => [i.label.slice(3), i]));
      for (const b of bad) {
        const item = byName.get(b.name)!;
        assert.equal(item.state, 'failed', b.name);
        assert.equal((item.error as WixError).code, b.code, b.name);
        assert.equal((item.error as WixError).kind, 'local', b.name);
        assert.ok(item.message!.startsWith(`"in/${b.name}": `), item.message);
        assert.match(item.message!, b.says, b.name);
        assert.equal(emu.requests.filter(about(b.name)).length, 0, `${b.name} reached Wix`);
      }
      // Good files at the limits (a 200-character label, 50 labels, a 100-character path) go through, once each.
      for (const name of good) assert.equal(byName.get(name)!.state, 'done', byName.get(name)!.message);
      assert.deepEqual(emu.files.map((f) => f.descriptor.displayName).sort(), [...good].sort());
      assert.equal(emu.files.find((f) => f.fileName === good[0])!.sha256, sha256('the first good file'));
      assert.equal(emu.files.find((f) => f.fileName === good[1])!.folderPath, `/${'g'.repeat(99)}`);
      assert.equal(emu.requests.filter((r) => r.method === 'PUT').length, 2, 'no bytes sent for any bad file');
      assert.equal(emu.stats.generateCalls, 2);
    });

    it('an unknown extension goes as application/octet-stream; names with spaces, #, ?, % and non-ASCII arrive intact and their references parse back', async () => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const MarkdownIt = require('markdown-it');
      const md = new MarkdownIt({ html: true });
      const cheerio = require('cheerio');
      const dir = tempDir('wix-names-');
      const names = ['with space.png', 'hash#tag.png', 'what?.png', '100% real %41.png', 'naïve 日本語 ü.png', 'a [b] (c).png', "it's & <ok>.txt"];
      const bodies = new Map<string, Buffer>();
      for (const [i, name] of names.entries()) {
        bodies.set(name, name.endsWith('.png') ? makePng(2 + i, 3) : Buffer.from(`text of ${name}`));
        await writeFile(dir, name, bodies.get(name)!);
      }
      await writeFile(dir, 'data.zzzunknown', 'bytes of no known type');
      const entries = await Promise.all([...names, 'data.zzzunknown'].map((n) => entry(join(dir, n), n, { waitForReady: true })));
      const items = await new UploadQueue(client).enqueue(entries).done;
      assert.deepEqual(items.map((i) => i.state), items.map(() => 'done'), items.map((i) => i.message).join('\n'));

      const unknown = emu.files.find((f) => f.fileName === 'data.zzzunknown')!;
      assert.equal(emu.requests.find(about('data.zzzunknown'))!.body.mimeType, 'application/octet-stream');
      assert.equal(unknown.contentType, 'application/octet-stream');
      assert.equal(unknown.sha256, sha256('bytes of no known type'));

      for (const item of items.slice(0, names.length)) {
        const name = item.label;
        const stored = emu.files.filter((f) => f.sha256 === sha256(bodies.get(name)!));
        assert.equal(stored.length, 1, name);
        assert.equal(stored[0].filenameParam, name, 'the ?filename= parameter decodes to the name');
        assert.equal(stored[0].fileName, name, 'generate-upload-url got the name as it is');
        const d = item.descriptor!;
        assert.equal(d.displayName, name);
        if (name.endsWith('.png')) {
          for (const style of ['url', 'wixUri'] as const) {
            const ref = formatReference(d, { languageId: 'markdown', style });
            const img = cheerio.load(md.render(ref))('img');
            assert.equal(img.length, 1, ref);
            const expected = style === 'url' ? d.url : wixUri(d)!;
            assert.ok(expected.startsWith(style === 'url' ? 'https://static.wixstatic.com/media/' : 'wix:image://v1/'), expected);
            assert.equal(decodeURI(img.attr('src')), decodeURI(expected), ref);
            const token = md.parseInline(ref, {})[0].children.find((t: { type: string }) => t.type === 'image');
            assert.equal(token.children.map((c: { content: string }) => c.content).join(''), stripExtension(name), ref);
          }
          const $ = cheerio.load(formatReference(d, { languageId: 'html' }));
          assert.equal($('img').attr('src'), d.url);
          assert.equal($('img').attr('alt'), stripExtension(name));
        } else {
          const a = cheerio.load(md.render(formatReference(d, { languageId: 'markdown' })))('a');
          assert.equal(a.text(), name);
          assert.equal(a.attr('href'), d.url);
          const $ = cheerio.load(formatReference(d, { languageId: 'html' }));
          assert.equal($('a').text(), name);
          assert.equal($('a').attr('href'), d.url);
        }
      }
    });
  });

  it('a folder of 1,000 files (collect + queue, via the CLI in-process): all arrive once, in order, never more than --concurrency PUTs at once', async () => {
    const dir = tempDir('wix-thousand-');
    const names = Array.from({ length: 1000 }, (_, i) => `f${String(i).padStart(4, '0')}.txt`);
    mkdirSync(join(dir, 'many'));
    for (const n of names) writeFileSync(join(dir, 'many', n), `body of ${n}`);
    let out = '';
    let err = '';
    const code = await main(['upload', '--concurrency', '4', join(dir, 'many')], {
      // The emulator has no rate limit: tell the CLI so, or it paces 1,000 calls under Wix's 200 a minute.
      env: { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl, WIX_API_RATE_LIMIT: '1000000/60000' },
      stdout: { write: (s: string) => { out += s; return true; } },
      stderr: { write: (s: string) => { err += s; return true; } },
    });
    assert.equal(code, 0, err);
    assert.equal(err, '');
    assert.equal(emu.files.length, 1000);
    const byName = new Map(emu.files.map((f) => [f.fileName, f]));
    for (const n of names) assert.equal(byName.get(n)?.sha256, sha256(`body of ${n}`), n);
    assert.deepEqual(lines(out), names.map((n) => byName.get(n)!.descriptor.url), 'one URL per file, in name order');
    assert.equal(emu.stats.generateCalls, 1000, 'no retries');
    assert.ok(emu.stats.maxUploadsInFlight <= 4, `${emu.stats.maxUploadsInFlight} PUTs at once`);
    assert.ok(emu.stats.maxUploadsInFlight >= 1);
  });

  describe('the CLI, spawned', () => {
    let cli: string;
    before(async () => {
      // Bundled as esbuild.js does, into a directory any user can read (the unreadable-file run is not root).
      const out = tempDir('wix-bad-input-cli-');
      chmodSync(out, 0o755);
      cli = await bundleCli(join(out, 'cli.js'));
      chmodSync(cli, 0o644);
    });

    function run(args: string[], cwd: string, as?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((res, rej) => {
        const child = spawn(process.execPath, [cli, ...args], {
          cwd, stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH, WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl },
          ...(as === undefined ? {} : { uid: as, gid: as }),
        });
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d) => { stdout += d; });
        child.stderr!.on('data', (d) => { stderr += d; });
        child.on('error', rej);
        child.on('close', (code) => res({ code, stdout, stderr }));
      });
    }

    it('a symlink loop inside a selected folder is reported by name; every real file uploads exactly once', async () => {
      const dir = tempDir('wix-loop-');
      await writeFile(dir, 'site/a.png', makePng(2, 2));
      await writeFile(dir, 'site/sub/b.txt', 'bee');
      symlinkSync('..', join(dir, 'site/sub/up'));              // site/sub/up -> site: a loop
      symlinkSync('self', join(dir, 'site/self'));              // a link to itself
      symlinkSync(join(dir, 'site/a.png'), join(dir, 'site/sub/alias.png')); // the same file again
      const r = await run(['upload', 'site'], dir);
      assert.equal(r.code, 1, r.stderr);
      const err = lines(r.stderr);
      assert.equal(err.length, 2, r.stderr);
      assert.match(err.find((l) => l.startsWith('"site/self"'))!, /points back to itself/);
      assert.match(err.find((l) => l.startsWith('"site/sub/up"'))!, /symbolic link back to a folder that contains it .*it was skipped/);
      assert.deepEqual(emu.files.map((f) => f.fileName).sort(), ['a.png', 'b.txt']);
      assert.deepEqual(lines(r.stdout), ['a.png', 'b.txt'].map((n) => emu.files.find((f) => f.fileName === n)!.descriptor.url));
    });

    it('an unreadable file (CLI run as an unprivileged user) is refused by name; the good file beside it uploads', async function () {
      const dir = tempDir('wix-unreadable-');
      chmodSync(dir, 0o755);
      await writeFile(dir, 'good.txt', 'readable');
      await writeFile(dir, 'locked.txt', 'secret stuff');
      await writeFile(dir, 'closed/inner.txt', 'behind a closed folder');
      chmodSync(join(dir, 'good.txt'), 0o644);
      chmodSync(join(dir, 'locked.txt'), 0o000);
      chmodSync(join(dir, 'closed'), 0o000);
      const root = process.getuid?.() === 0;
      if (!root && process.platform === 'win32') this.skip(); // no POSIX permission bits to take away
      // Root reads through permission bits, so the CLI runs as nobody there; anyone else is refused as themselves.
      const r = await run(['upload', 'good.txt', 'locked.txt', 'closed'], dir, root ? NOBODY : undefined);
      chmodSync(join(dir, 'closed'), 0o755);  // so the temp dir can be removed
      assert.equal(r.code, 1, r.stderr);
      const err = lines(r.stderr);
      assert.equal(err.length, 2, r.stderr);
      assert.match(err[0], /^"locked\.txt": The file cannot be read: permission denied \(.*locked\.txt\)\. Give your user read permission on it/);
      assert.match(err[1], /^"closed": The folder cannot be read: permission denied/);
      assert.equal(emu.files.length, 1);
      assert.equal(emu.files[0].fileName, 'good.txt');
      assert.equal(emu.files[0].sha256, sha256('readable'));
      assert.deepEqual(lines(r.stdout), [emu.files[0].descriptor.url]);
      assert.equal(emu.requests.filter(about('locked.txt')).length, 0);
    });
  });
});
