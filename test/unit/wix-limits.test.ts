// Issue 10, Wix as it really is: rate limits, lost answers, a slow finalize, upload-host errors and private files,
// each against the emulator mode that models it (test/emulator/README.md). Judged by what reached the emulator.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli';
import { UploadQueue } from '../../src/upload/queue';
import type { ItemOptions, UploadItem } from '../../src/upload/types';
import type { FileSource } from '../../src/wix/contract';
import { WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { type WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { describeError } from '../../src/wix/messages';
import { CLOCK_TOLERANCE_MS } from '../../src/wix/lookup';
import { WixEmulator, type RecordedRequest } from '../emulator/server';
import { uploadViaPut } from '../helpers/emulator-client';
import { makePng, tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';

const KB = 1024;
const MiB = 1024 * KB;

function mem(name: string, body: Buffer | string): FileSource {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { name, size: b.length, open: (start = 0) => Readable.from([b.subarray(start)]) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => { lines.push(`${level}: ${m}`); };
  return { lines, trace: () => {}, debug: () => {}, info: at('info'), warn: at('warn'), error: at('error') };
}

const isGenerate = (r: RecordedRequest) => r.path === '/site-media/v1/files/generate-upload-url';
const isPlainPut = (r: RecordedRequest) => r.method === 'PUT' && r.path.startsWith('/upload/') && !r.path.startsWith('/upload/tus');
const isFinalize = (r: RecordedRequest) => r.method === 'PUT' && r.path.startsWith('/upload/tus/');
const isListFiles = (r: RecordedRequest) => r.method === 'GET' && r.path === '/site-media/v1/files';
const isApi = (r: RecordedRequest) => r.path.startsWith('/site-media/') || r.path.startsWith('/site-list/');

describe('wix limits: rate limit, lost answers, slow finalize, upload-host errors, private links (issue 10)', function () {
  this.timeout(90_000);
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  function client(emu: WixEmulator, extra: Partial<WixClientOptions> = {}): WixMediaClient {
    const c = new WixMediaClient({
      apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 }, readyPoll: { initialDelayMs: 10, maxDelayMs: 40 },
      ...extra,
    });
    open.push(c);
    return c;
  }

  async function batch(c: WixMediaClient, n: number, concurrency: number, options?: ItemOptions): Promise<readonly UploadItem[]> {
    const queue = new UploadQueue(c, { concurrency });
    const entries = Array.from({ length: n }, (_, i) => ({ source: mem(`f-${String(i).padStart(3, '0')}.txt`, `file ${i}`), options }));
    return queue.enqueue(entries).done;
  }

  function eachStoredOnce(emu: WixEmulator, items: readonly UploadItem[]): void {
    for (const item of items) {
      assert.equal(item.state, 'done', item.message);
      const stored = emu.files.filter((f) => f.descriptor.displayName === item.source.name);
      assert.equal(stored.length, 1, `${item.source.name} stored ${stored.length} times`);
      assert.equal(item.descriptor?.id, stored[0].descriptor.id, `${item.source.name}: the reference is the stored file`);
    }
  }

  describe('rate-limit mode', () => {
    it('24 files at concurrency 8 under 8 calls per 2 s: each stored once, none fails, a bounded number of 429s', async () => {
      const emu = await WixEmulator.start({ readyDelayMs: 0, rateLimit: { calls: 8, windowMs: 2000 } });
      open.push({ close: () => emu.stop() });
      // The client knows only Wix's documented rate (200 per window; the minute scaled to 2 s): it must adapt.
      const log = recordingLogger();
      const c = client(emu, { rateLimit: { requestsPerWindow: 200, windowMs: 2000 }, logger: log });
      const items = await batch(c, 24, 8);
      eachStoredOnce(emu, items);
      assert.equal(emu.files.length, 24);
      assert.ok(emu.rateLimited >= 1, 'the mode really limited');
      // Each slow-down costs at most the calls already in flight (concurrency 8); a client that kept hammering
      // would pile up refusals without slowing down.
      const throttles = c.limiter!.throttles;
      assert.ok(throttles >= 1);
      assert.ok(emu.rateLimited <= 8 * throttles, `${emu.rateLimited} calls refused in ${throttles} slow-downs: the client kept hammering`);
      assert.ok(emu.requests.filter(isGenerate).length <= 24 + emu.rateLimited, 'only refused calls were sent again');
      assert.equal(emu.requests.filter(isPlainPut).length, 24, 'upload-host calls are not held back or repeated');
      assert.ok(log.lines.some((l) => /limiting the request rate \(429\); pausing/.test(l)), log.lines.join('\n'));
      assert.ok(!items.some((i) => /retries did not get through/.test(i.message ?? '')));
    });

    it('300 files under 200 calls per minute (scaled to 2 s): each stored once, none fails, almost no 429s', async () => {
      const emu = await WixEmulator.start({ readyDelayMs: 0, rateLimit: { calls: 200, windowMs: 2000 } });
      open.push({ close: () => emu.stop() });
      const c = client(emu, { rateLimit: { requestsPerWindow: 200, windowMs: 2000 } });
      const items = await batch(c, 300, 8);
      eachStoredOnce(emu, items);
      assert.equal(emu.files.length, 300);
      // Paced under the documented rate, so Wix's limit is met at most once (a call delayed on a loaded machine can
      // land in the next window), and then only by the calls in flight: never a storm of refusals.
      assert.ok(c.limiter!.throttles <= 1, `${c.limiter!.throttles} slow-downs`);
      assert.ok(emu.rateLimited <= 8, `${emu.rateLimited} calls refused`);
      assert.ok(emu.requests.filter(isGenerate).length <= 300 + emu.rateLimited, 'only refused calls were sent again');
    });

    it('a READY poll that stays limited ends done with the static URL and a log line', async () => {
      // generate-upload-url and the first poll get through; every later poll is refused for a minute.
      const emu = await WixEmulator.start({ readyDelayMs: 60_000, rateLimit: { calls: 2, windowMs: 60_000 } });
      open.push({ close: () => emu.stop() });
      const log = recordingLogger();
      const c = client(emu, { rateLimit: { requestsPerWindow: 200, windowMs: 300 }, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
      const queue = new UploadQueue(c, { logger: log });
      const [item] = await queue.enqueue([{ source: mem('poll.png', makePng(4, 3)), options: { waitForReady: true, readyTimeoutMs: 30_000 } }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(item.readyTimedOut, true);
      assert.equal(emu.files.length, 1);
      assert.equal(item.descriptor?.url, emu.files[0].descriptor.url);
      assert.match(item.descriptor!.url, /^https:\/\/static\.wixstatic\.com\/media\//);
      assert.ok(emu.rateLimited > 0);
      assert.ok(log.lines.some((l) => /poll\.png was uploaded as .*using its static URL/.test(l)), log.lines.join('\n'));
      // Retry never uploads it again: it is done, and a queue retry of a done item does nothing.
      assert.equal(queue.retry(item.id), undefined);
      assert.equal(emu.requests.filter(isPlainPut).length, 1);
    });

    it('a READY poll that keeps failing (503) ends done with the static URL', async () => {
      const emu = await WixEmulator.start({ readyDelayMs: 60_000 });
      open.push({ close: () => emu.stop() });
      emu.inject({ type: 'status', route: 'get-file', status: 503, times: 100 });
      const c = client(emu, { rateLimit: false, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('fail.png', makePng(4, 3)), options: { waitForReady: true } }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(item.readyTimedOut, true);
      assert.equal(item.descriptor?.url, emu.files[0].descriptor.url);
    });

    it('counts API-host calls only: the upload host is never refused', async () => {
      const emu = await WixEmulator.start({ readyDelayMs: 0, rateLimit: { calls: 1, windowMs: 60_000 } });
      open.push({ close: () => emu.stop() });
      const c = client(emu, { rateLimit: false, retry: { maxAttempts: 1 } });
      const d = await c.uploadFile(mem('one.txt', 'one'));
      assert.equal(d.displayName, 'one.txt');
      const e = await c.uploadFile(mem('two.txt', 'two')).then(() => undefined, (x: unknown) => x as WixError);
      assert.equal(e?.status, 429);
      const refused = emu.requests.find((r) => r.status === 429)!;
      assert.ok(isApi(refused));
      assert.equal(refused.headers['retry-after'], undefined);
    });
  });

  describe('exactly once after an ambiguous answer', () => {
    let emu: WixEmulator;
    before(async () => { emu = await WixEmulator.start({ readyDelayMs: 0 }); });
    after(async () => { await emu.stop(); });
    beforeEach(() => emu.reset());

    it('a lost PUT answer: the stored file is found in its folder and adopted; one file, that reference', async () => {
      const log = recordingLogger();
      const c = client(emu, { rateLimit: false, logger: log });
      // A teammate's older file of the same name and size (stored by someone else, so this client never saw it),
      // and another file in the folder: neither may be taken for it.
      const decoy = await uploadViaPut(emu, Buffer.from('the lost body'), { mimeType: 'text/plain', filename: 'lost.txt', filePath: '/docs/lost' });
      assert.equal(decoy.status, 200);
      await uploadViaPut(emu, Buffer.from('other'), { mimeType: 'text/plain', filename: 'other.txt', filePath: '/docs/lost' });
      // Older than the look-up's clock tolerance (2 s, plus up to 1 s from the Date header's whole seconds).
      await new Promise((r) => setTimeout(r, CLOCK_TOLERANCE_MS + 1500));
      emu.requests.length = 0;
      const started = Date.now();
      emu.inject({ type: 'lose-answer', route: 'put' });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('lost.txt', 'the lost body'), options: { filePath: '/docs/lost' } }]).done;
      assert.equal(item.state, 'done', item.message);
      const copies = emu.files.filter((f) => f.descriptor.displayName === 'lost.txt');
      assert.equal(copies.length, 2, 'the teammate\'s and the one whose answer was lost; no third');
      const fresh = copies.find((f) => Date.parse(f.descriptor.createdDate!) >= started - 1)!;
      assert.notEqual(fresh.descriptor.id, decoy.json.file.id);
      assert.equal(item.descriptor?.id, fresh.descriptor.id, 'the reference is the file this attempt stored');
      assert.equal(emu.requests.filter(isPlainPut).length, 1, 'not uploaded again');
      const list = emu.requests.find(isListFiles)!;
      assert.equal(list.query['sort.fieldName'], 'updatedDate');
      assert.equal(list.query['sort.order'], 'DESC');
      assert.equal(list.query.parentFolderId, fresh.descriptor.parentFolderId);
      assert.ok(log.lines.some((l) => /Wix had stored it as/.test(l)));
    });

    it('a PUT answer that times out while Wix is still storing it: looked for again after pauses; one file, that reference', async () => {
      const c = client(emu, { rateLimit: false, uploadIdleTimeoutMs: 800 });
      // The answer comes 2.5 s after the body; the client gives up after 0.8 s, before the file is stored.
      emu.inject({ type: 'delay', route: 'put', ms: 2500 });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('late.txt', 'stored late') }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 1, 'stored once');
      assert.equal(item.descriptor?.id, emu.files[0].descriptor.id, 'the reference is that file');
      assert.equal(emu.requests.filter(isPlainPut).length, 1, 'not uploaded again');
      assert.ok(emu.requests.filter(isListFiles).length >= 2, 'looked again after a pause');
    });

    it('a connection reset after the whole body, with nothing stored: uploaded again, exactly one file; a teammate\'s same-name file is not adopted', async () => {
      const c = client(emu, { rateLimit: false });
      const body = 'y'.repeat(3000);
      // A teammate's file of the same name and size from a few seconds before: not this upload, never adopted.
      const decoy = await uploadViaPut(emu, Buffer.from(body), { mimeType: 'text/plain', filename: 'reset.txt' });
      assert.equal(decoy.status, 200);
      await new Promise((r) => setTimeout(r, CLOCK_TOLERANCE_MS + 1500));
      emu.requests.length = 0;
      emu.inject({ type: 'reset', route: 'put', afterBytes: body.length });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('reset.txt', body) }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 2, 'the teammate\'s file and this one');
      const mine = emu.files.find((f) => f.descriptor.id !== decoy.json.file.id)!;
      assert.equal(item.descriptor?.id, mine.descriptor.id, 'the reference is the file uploaded again, not the teammate\'s');
      const puts = emu.requests.filter(isPlainPut);
      assert.equal(puts.length, 2, 'the first PUT stored nothing, so it was sent again');
      assert.equal(puts[0].bytesReceived, body.length, 'the whole body had arrived before the reset');
      assert.ok(emu.requests.some(isListFiles), 'it looked before uploading again');
    });

    it('a PUT dropped mid-body: nothing was stored, so the look-up finds nothing and it is uploaded again, once', async () => {
      const c = client(emu, { rateLimit: false });
      emu.inject({ type: 'reset', route: 'put', afterBytes: 100 });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('cut.txt', 'x'.repeat(5000)) }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 1);
      assert.equal(item.descriptor?.id, emu.files[0].descriptor.id);
      assert.equal(emu.requests.filter(isPlainPut).length, 2);
    });

    it('a lost finalize answer: one file, and the reference is that file', async () => {
      const dir = tempDir('wix-limits-');
      const path = await writeRandomFile(join(dir, 'big.bin'), 600 * KB);
      const c = client(emu, { rateLimit: false });
      emu.inject({ type: 'lose-answer', route: 'tus-finalize' });
      const [item] = await new UploadQueue(c).enqueue([{ source: await fileSourceFromPath(path), options: { resumableThresholdBytes: 100 * KB } }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 1);
      assert.equal(item.descriptor?.id, emu.files[0].descriptor.id);
      assert.equal(emu.requests.filter(isFinalize).length, 1);
    });

    it('a lost finalize answer whose look-up fails: the retried finalize is refused as used, then the file is found', async () => {
      const dir = tempDir('wix-limits-');
      const path = await writeRandomFile(join(dir, 'big2.bin'), 300 * KB);
      const c = client(emu, { rateLimit: false, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
      emu.inject({ type: 'lose-answer', route: 'tus-finalize' });
      emu.inject({ type: 'status', route: 'get-file', status: 500, times: 2 }); // the first look-up's List Files
      const [item] = await new UploadQueue(c).enqueue([{ source: await fileSourceFromPath(path), options: { resumableThresholdBytes: 100 * KB } }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 1);
      assert.equal(item.descriptor?.id, emu.files[0].descriptor.id);
      const finals = emu.requests.filter(isFinalize);
      assert.equal(finals.length, 2);
      assert.equal(finals[1].status, 429, 'the single-use token was refused');
    });

    it('a slow finalize of a large file waits longer than the request timeout: one finalize, done', async () => {
      const dir = tempDir('wix-limits-');
      const path = await writeRandomFile(join(dir, 'large.bin'), 12 * MiB);
      // The finalize answers after 4 s, twice the request timeout and half the 8 s a 12 MiB file's finalize gets.
      const c = client(emu, { rateLimit: false, requestTimeoutMs: 2000 });
      emu.inject({ type: 'delay', route: 'tus-finalize', ms: 4000 });
      const [item] = await new UploadQueue(c).enqueue([{ source: await fileSourceFromPath(path), options: { resumableThresholdBytes: MiB, tusChunkSizeBytes: 4 * MiB } }]).done;
      assert.equal(item.state, 'done', item.message);
      assert.equal(emu.files.length, 1);
      assert.equal(emu.requests.filter(isFinalize).length, 1, 'the finalize was not given up on');
    });
  });

  describe('upload-host errors and private files', () => {
    let emu: WixEmulator;
    before(async () => { emu = await WixEmulator.start({ readyDelayMs: 0 }); });
    after(async () => { await emu.stop(); });
    beforeEach(() => emu.reset());

    it('a plain 403 from the upload host gets the upload-host message, not the key-permission one', async () => {
      const c = client(emu, { rateLimit: false });
      emu.inject({ type: 'status', route: 'put', status: 403, times: 2 });
      const [item] = await new UploadQueue(c).enqueue([{ source: mem('host403.txt', 'x'), label: 'docs/host403.txt' }]).done;
      assert.equal(item.state, 'failed');
      const e = item.error as WixError;
      assert.equal(e.status, 403);
      assert.equal(e.code, 'UPLOAD_HOST_REFUSED');
      assert.match(item.message!, /^"docs\/host403\.txt": Wix's upload server refused the file's bytes/);
      assert.doesNotMatch(item.message!, /Manage Media Manager|permission" /);
      assert.doesNotMatch(describeError(e), /Check that the API key has/);
      assert.equal(emu.requests.filter(isPlainPut).length, 2, 'one fresh URL, then stop');
    });

    it('--private prints a download link that works, says when it expires, and the emulator saw generate-file-download-url', async () => {
      const dir = tempDir('wix-private-');
      const file = await writeFile(dir, 'secret.png', makePng(5, 4));
      let out = '';
      let err = '';
      const code = await main(['upload', '--private', '--link-expiry-minutes', '90', file], {
        env: { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl },
        stdout: { write: (s: string) => { out += s; return true; } },
        stderr: { isTTY: false, columns: 80, write: (s: string) => { err += s; return true; } },
      });
      assert.equal(code, 0, err);
      const url = out.trim();
      assert.equal(emu.files.length, 1);
      const stored = emu.files[0].descriptor;
      assert.equal(stored.private, true);
      const asked = emu.requests.filter((r) => r.path === '/site-media/v1/files/generate-file-download-url');
      assert.equal(asked.length, 1);
      assert.deepEqual(asked[0].body, { fileId: stored.id, expirationInMinutes: 90 });
      assert.ok(url.startsWith(`${emu.baseUrl}/download/media/`), url);
      assert.equal(emu.urlStatus(url), 200, 'the printed link works');
      assert.equal(emu.urlStatus(stored.url), 403, 'the static URL it replaced would not');
      assert.ok(!out.includes(stored.url));
      assert.match(err, /secret\.png: a private file; its download link works until \d{4}-\d\d-\d\dT/);
      assert.equal((await fetch(url)).status, 200);
    });
  });
});
