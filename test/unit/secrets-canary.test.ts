// Issue 5, Secrets: upload with a recognisable API key and recognisable upload tokens, through the client, the queue
// and the spawned CLI, at trace level and down every failure path; then scan everything that was written (log
// lines, item messages, describeError output, thrown errors' message, stack, JSON and inspect, CLI stdout and
// stderr, and every file the test wrote) for either canary.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { UploadQueue } from '../../src/upload/queue';
import type { ItemOptions } from '../../src/upload/types';
import type { FileSource } from '../../src/wix/contract';
import { type WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { describeError } from '../../src/wix/messages';
import { type WixEmulator, type Fault } from '../emulator/server';
import { bundleCli } from '../helpers/cli-bundle';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

const KEY = 'IST.SECRET-KEY-CANARY-5e0c1a9f7b3d4e2a8c6f0b1d3e5a7c9f';
const KEY_MARK = 'SECRET-KEY-CANARY';
const TOKEN_MARK = 'TOKCANARY';

/** Every way an error reaches a person or a log: its message, stack, JSON, inspect (with causes), describeError. */
function renderings(e: unknown): string[] {
  const err = e as Error;
  return [describeError(e), String(e), err?.message ?? '', err?.stack ?? '', JSON.stringify(e) ?? '', inspect(e, { depth: 8 })];
}

function leaks(text: string): string[] {
  return [KEY_MARK, TOKEN_MARK].filter((m) => text.includes(m));
}

/** Fails naming the first place a canary shows, with a little context around it. */
function assertClean(where: string, texts: readonly string[]): void {
  for (const t of texts) {
    const found = leaks(t);
    if (found.length) {
      const i = t.indexOf(found[0]);
      assert.fail(`${where}: ${found.join(' and ')} leaked in …${t.slice(Math.max(0, i - 80), i + 60)}…`);
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('secrets: canary key and tokens never show (issue 5)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;
  let dir: string;
  const written: string[] = [];   // everything the product wrote, gathered for the scan
  const lines: string[] = [];
  const logger: Logger = {
    trace: (m) => lines.push(`trace ${m}`), debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`),
  };
  const clients = emulatorClients(() => emu, () => ({
    apiKey: KEY, logger,
    retry: { maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 10 },
    requestTimeoutMs: 1000, readyPoll: { initialDelayMs: 10, maxDelayMs: 20 },
  }));
  const client = (extra: Partial<WixClientOptions> = {}): WixMediaClient => clients.client(extra);
  const mem = (name: string, body: Buffer | string): FileSource => {
    const b = Buffer.from(body);
    return { name, size: b.length, open: (start = 0) => Readable.from([b.subarray(start)]) };
  };

  withEmulator({ apiKey: KEY, tokenPrefix: TOKEN_MARK, readyDelayMs: 10 }, e => { emu = e; });
  before(async () => {
    dir = tempDir('wix-secrets-canary-');
  });
  after(async () => {
    await clients.closeAll();
  });

  it('the scan can fail: it finds each canary, plain or inside a longer text', () => {
    assert.throws(() => assertClean('self-test', [`Authorization: ${KEY}`]), /SECRET-KEY-CANARY leaked/);
    assert.throws(() => assertClean('self-test', ['PUT /upload/eyJxTOKCANARYabc']), /TOKCANARY leaked/);
    assertClean('self-test', ['PUT /upload/***?filename=a.png']);
  });

  it('through the client and the queue at trace level: every success and failure path', async () => {
    const c = client();
    const queueLines: string[] = [];
    const qlog: Logger = {
      trace: (m) => queueLines.push(m), debug: (m) => queueLines.push(m), info: (m) => queueLines.push(m),
      warn: (m) => queueLines.push(m), error: (m) => queueLines.push(m),
    };
    const queue = new UploadQueue(c, { concurrency: 1, logger: qlog });
    const big = await fileSourceFromPath(await writeRandomFile(join(dir, 'big.bin'), 700 * 1024));
    const tus: ItemOptions = { resumableThresholdBytes: 100 * 1024, tusChunkSizeBytes: 256 * 1024 };

    // Each case: faults to inject, then one file through the queue. Outcomes are checked so every path really ran.
    const cases: { name: string; faults: Fault[]; source: FileSource; options?: ItemOptions; state: 'done' | 'failed'; says?: RegExp }[] = [
      { name: 'plain', faults: [], source: mem('plain.txt', 'plain'), state: 'done' },
      { name: 'spent URL', faults: [{ type: 'spent-url' }], source: mem('spent.txt', 'spent'), state: 'done' },
      { name: 'reset mid-PUT', faults: [{ type: 'reset', route: 'put', afterBytes: 100 }], source: mem('reset.txt', 'r'.repeat(5000)), state: 'done' },
      { name: 'tus, PATCH reset', faults: [{ type: 'reset', route: 'tus-patch', afterBytes: 1000 }], source: big, options: tus, state: 'done' },
      { name: 'tus, finalize 500', faults: [{ type: 'status', route: 'tus-finalize', status: 500 }], source: big, options: tus, state: 'done' },
      { name: 'waits for READY', faults: [], source: mem('pic.png', makePng(3, 3)), options: { waitForReady: true }, state: 'done' },
      { name: '401', faults: [{ type: 'status', route: 'generate', status: 401 }], source: mem('a401.txt', 'x'), state: 'failed' },
      { name: '403 echoing the key', faults: [{ type: 'status', route: 'generate', status: 403, body: { message: `key ${KEY} may not` } }], source: mem('a403.txt', 'x'), state: 'failed', says: /key \*\*\* may not/ },
      // An upload host that echoes a token it was never told about: only the URL and JWT patterns can catch it.
      { name: '403 on the upload URL, echoing tokens', faults: [{ type: 'status', route: 'put', status: 403, times: 2, body: {
        message: `${emu.baseUrl}/upload/eyJhbGciOiJIUzI1NiJ9.eyJ${TOKEN_MARK}x.sig?filename=a and token eyJhbGciOiJIUzI1NiJ9.eyJ${TOKEN_MARK}y.sig expired`,
      } }], source: mem('put403.txt', 'x'), state: 'failed', says: /\/upload\/\*\*\*\?filename=a and token \*\*\* expired/ },
      { name: '5xx exhausted', faults: [{ type: 'status', route: 'put', status: 503, times: 5 }], source: mem('a503.txt', 'x'), state: 'failed' },
      { name: 'spent every time', faults: [{ type: 'spent-url', times: 5 }], source: mem('spent2.txt', 'x'), state: 'failed' },
      { name: 'tus PATCH refused', faults: [{ type: 'status', route: 'tus-patch', status: 403 }], source: big, options: tus, state: 'failed' },
      { name: 'processing FAILED', faults: [{ type: 'fail-processing' }], source: mem('bad.png', makePng(2, 2)), options: { waitForReady: true }, state: 'failed' },
    ];
    for (const k of cases) {
      emu.clearFaults();
      for (const f of k.faults) emu.inject(f);
      const [item] = await queue.enqueue([{ source: k.source, label: `canary/${k.source.name}`, options: k.options }]).done;
      assert.equal(item.state, k.state, `${k.name}: ${item.message}`);
      if (k.says) assert.match(item.message!, k.says, k.name);
      if (item.message) written.push(item.message);
      if (item.error) written.push(...renderings(item.error));
      written.push(JSON.stringify({ ...item, source: undefined }));
    }

    // A cancel mid-PUT, and errors thrown straight from the client (not through the queue).
    emu.clearFaults();
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 64 * 1024 });
    const ac = new AbortController();
    const cancelled = await c.uploadFile(mem('cancel.bin', Buffer.alloc(512 * 1024, 1)), { signal: ac.signal, onProgress: (n) => { if (n > 0) ac.abort(); } })
      .then(() => undefined, (e: unknown) => e);
    assert.equal((cancelled as { kind?: string }).kind, 'cancelled');
    written.push(...renderings(cancelled));
    emu.clearFaults();
    emu.inject({ type: 'status', route: 'generate', status: 400, body: { message: `echo ${KEY} and Authorization: ${KEY}` } });
    const thrown = await c.uploadFile(mem('echo.txt', 'x')).then(() => undefined, (e: unknown) => e);
    assert.ok(thrown instanceof Error);
    written.push(...renderings(thrown));
    // Hangs, on a client with a short time bound: one survived, one that runs out of attempts.
    const quick = client({ requestTimeoutMs: 250, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    emu.inject({ type: 'hang', route: 'put' });
    await quick.uploadFile(mem('hang.txt', 'hang'));
    emu.inject({ type: 'hang', route: 'generate', times: 2 });
    const late = await quick.uploadFile(mem('late.txt', 'x')).then(() => undefined, (e: unknown) => e);
    assert.equal((late as { kind?: string }).kind, 'timeout');
    written.push(...renderings(late));
    const wrong = client({ apiKey: `${KEY}-WRONG` });
    const rejected = await wrong.uploadFile(mem('wrong.txt', 'x')).then(() => undefined, (e: unknown) => e);
    assert.equal((rejected as { status?: number }).status, 401);
    written.push(...renderings(rejected));
    emu.clearFaults();

    // The canaries were live: the key went to Wix, and the tokens carried the mark.
    assert.ok(emu.requests.some((r) => r.headers.authorization === KEY));
    assert.ok(emu.requests.some((r) => r.path.includes(TOKEN_MARK)), 'upload URLs carried the token mark');
    // The logs are not trivially empty: requests at debug, response bodies (with upload URLs) at trace.
    assert.ok(lines.some((l) => l.startsWith('debug HTTP PUT') && l.includes('/upload/***?filename=')), 'upload requests logged');
    assert.ok(lines.some((l) => l.startsWith('trace') && l.includes('"uploadUrl"')), 'response bodies at trace');
    assert.ok(lines.some((l) => l.startsWith('trace') && l.includes('"uploadToken"')), 'resumable answers at trace');
    assert.ok(queueLines.length > cases.length);
    assertClean('client log', lines);
    assertClean('queue log', queueLines);
    assertClean('messages and errors', written);
  });

  describe('the CLI, spawned with --verbose', () => {
    let cli: string;
    before(async () => {
      cli = await bundleCli(join(tempDir('wix-secrets-cli-'), 'cli.js'));
    });

    function run(args: string[], key = KEY): Promise<{ code: number | null; out: string }> {
      return new Promise((res, rej) => {
        const child = spawn(process.execPath, [cli, ...args], {
          cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH, WIX_API_KEY: key, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl },
        });
        let out = '';
        child.stdout!.on('data', (d) => { out += d; });
        child.stderr!.on('data', (d) => { out += d; });
        child.on('error', rej);
        child.on('close', (code) => res({ code, out }));
      });
    }

    it('successes, retries and failures (401, 403, 5xx exhausted, reset, spent URL, tus): stdout and stderr are clean', async () => {
      emu.reset();
      const names = ['first.txt', 'second.txt', 'third.png', 'fourth.bin'];
      await writeFile(dir, 'cli/first.txt', 'first');
      await writeFile(dir, 'cli/second.txt', 'second');
      await writeFile(dir, 'cli/third.png', makePng(2, 3));
      await writeRandomFile(join(dir, 'cli/fourth.bin'), 300 * 1024);
      // One at a time, so the faults meet the files in order: the first file's URL request is refused (403), the
      // second file's PUTs all answer 503, the third meets a spent URL then a reset, the fourth a tus PATCH reset.
      emu.inject({ type: 'status', route: 'generate', status: 403, body: { message: `no, ${KEY}` } });
      emu.inject({ type: 'status', route: 'put', status: 503, times: 4, retryAfter: 0 });
      emu.inject({ type: 'spent-url' });
      emu.inject({ type: 'reset', route: 'put', afterBytes: 10 });
      emu.inject({ type: 'reset', route: 'tus-patch', afterBytes: 1000 });
      const r = await run(['upload', '--verbose', '--concurrency', '1', '--threshold-mb', '0.1', ...names.map((n) => `cli/${n}`)]);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /"cli\/first\.txt": Wix refused access \(403 FORBIDDEN/);
      assert.match(r.out, /"cli\/second\.txt": Wix had a server error \(503 SERVICE_UNAVAILABLE\)/);
      assert.deepEqual(emu.files.map((f) => f.fileName).sort(), ['fourth.bin', 'third.png']);
      assert.match(r.out, /\[trace\] HTTP POST .*generate-upload-url response: .*"uploadUrl"/);
      assert.match(r.out, /\[warn\] Resumable upload of fourth\.bin/);
      assert.ok(emu.requests.some((q) => q.path.includes(TOKEN_MARK)));
      written.push(r.out);

      const wrong = await run(['upload', '--verbose', 'cli/first.txt', 'cli/third.png'], `${KEY}-WRONG`);
      assert.equal(wrong.code, 1, wrong.out);
      assert.match(wrong.out, /The Wix API key was rejected \(401/);
      written.push(wrong.out);
      assertClean('CLI output', written.slice(-2));
    });

    it('nothing the tests wrote to disk holds a canary (a log snapshot of all of the above included)', async () => {
      await writeFile(dir, 'snapshot/everything.log', [...lines, ...written].join('\n'));
      const files = filesUnder(dir);
      assert.ok(files.length >= 6, files.join('\n'));
      for (const f of files) assertClean(f, [readFileSync(f, 'latin1'), readFileSync(f, 'utf8')]);
    });
  });
});
