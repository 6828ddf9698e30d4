// Issue 5, Faults: the queue and the client under injected faults, judged only by what reached the emulator.
// Every file ends uploaded exactly once or failed with its cause; retries are bounded; cancel works at every
// stage; a 4xx is never retried into a storm.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { formatReference } from '../../src/upload/reference';
import { UploadQueue } from '../../src/upload/queue';
import type { ItemOptions } from '../../src/upload/types';
import { outputLine } from '../../src/cli/output';
import type { FileSource } from '../../src/wix/contract';
import { type WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { type WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { type WixEmulator, type Fault, type RecordedRequest } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256, sha256File, tempDir, writeRandomFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

const KB = 1024;
const MB = 1024 * KB;

function memorySource(name: string, body: Buffer): FileSource {
  return { name, size: body.length, open: (start = 0) => Readable.from([body.subarray(start)]) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => { lines.push(`${level}: ${m}`); };
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Polls until `cond` holds (the emulator has seen something); the mocha timeout bounds it. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

const isGenerate = (r: RecordedRequest) => r.path === '/site-media/v1/files/generate-upload-url';
const isPlainPut = (r: RecordedRequest) => r.method === 'PUT' && r.path.startsWith('/upload/') && !r.path.startsWith('/upload/tus');
const isFinalize = (r: RecordedRequest) => r.method === 'PUT' && r.path.startsWith('/upload/tus/');
const isPatch = (r: RecordedRequest) => r.method === 'PATCH';
/** Every request that concerns the file `name` (generate bodies name it; PUTs and finalizes carry ?filename=). */
const about = (name: string) => (r: RecordedRequest) => r.body?.fileName === name || r.query.filename === name;

describe('reliability: faults (issue 5)', function () {
  this.timeout(30_000);
  let emu: WixEmulator;
  let dir: string;
  const clients = emulatorClients(() => emu, () => ({
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 },
    // Long enough that a loaded CI machine never times out a healthy request; a hang costs this much once.
    requestTimeoutMs: 1500,
    readyPoll: { initialDelayMs: 20, maxDelayMs: 50 },
  }));
  const client = (logger?: Logger, extra: Partial<WixClientOptions> = {}): WixMediaClient => clients.client({ logger, ...extra });

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });
  before(async () => {
    dir = tempDir('wix-reliability-faults-');
  });
  beforeEach(() => emu.reset());
  afterEach(async () => {
    emu.clearFaults();
    await clients.closeAll();
  });

  it('a mixed batch under every fault at once: each file is stored exactly once or failed with its cause; retries are bounded', async () => {
    const bodies = new Map<string, Buffer>();
    const entries: { source: FileSource; label: string; options: ItemOptions }[] = [];
    const opts: ItemOptions = { waitForReady: true, readyTimeoutMs: 10_000, resumableThresholdBytes: 1 * MB, tusChunkSizeBytes: 512 * KB };
    const add = (name: string, body: Buffer) => {
      bodies.set(name, body);
      entries.push({ source: memorySource(name, body), label: `batch/${name}`, options: opts });
    };
    for (let i = 0; i < 6; i++) add(`doc-${i}.txt`, Buffer.alloc(64 * KB + i, `doc ${i} `));
    add('photo.png', makePng(8, 6, 32 * KB));
    add('shot.png', makePng(5, 9, 40 * KB));
    const bigPath = await writeRandomFile(`${dir}/big.bin`, 2 * MB + 77);
    const big = await fileSourceFromPath(bigPath);
    bodies.set('big.bin', Buffer.alloc(0));
    entries.push({ source: big, label: 'batch/big.bin', options: opts });
    const bigSha = await sha256File(bigPath);
    const shaOf = (name: string) => (name === 'big.bin' ? bigSha : sha256(bodies.get(name)!));

    const faults: Fault[] = [
      { type: 'status', route: 'generate', status: 500 },
      { type: 'status', route: 'generate', status: 429, retryAfter: 0.05 },
      { type: 'reset', route: 'put', afterBytes: 10 * KB },
      { type: 'hang', route: 'put' },
      { type: 'spent-url' },
      { type: 'status', route: 'tus-patch', status: 500 },
      { type: 'reset', route: 'tus-patch', afterBytes: 100 * KB },
      { type: 'status', route: 'get-file', status: 503 },
      { type: 'fail-processing' },
    ];
    for (const f of faults) emu.inject(f);

    const logger = recordingLogger();
    const queue = new UploadQueue(client(logger), { concurrency: 3, logger });
    const items = await queue.enqueue(entries).done;

    // Exactly one item fails, the one Wix could not process; its cause is named.
    const failed = items.filter((i) => i.state !== 'done');
    assert.equal(failed.length, 1, items.map((i) => `${i.label}: ${i.state} ${i.message ?? ''}`).join('\n'));
    assert.equal(failed[0].state, 'failed');
    assert.equal((failed[0].error as WixError).code, 'PROCESSING_FAILED');
    assert.match(failed[0].message!, new RegExp(`^"${failed[0].label}": Wix received the file but could not process it`));

    // Nothing lost, nothing duplicated: one stored file per item, bytes intact (the failed one's bytes did arrive).
    assert.equal(emu.files.length, entries.length);
    for (const item of items) {
      const name = item.source.name;
      const stored = emu.files.filter((f) => f.sha256 === shaOf(name));
      assert.equal(stored.length, 1, `${name} stored ${stored.length} times`);
      assert.equal(stored[0].descriptor.displayName, name);
      if (item.state === 'done') {
        assert.equal(item.descriptor!.id, stored[0].descriptor.id);
        assert.equal(item.descriptor!.operationStatus, 'READY');
      }
    }
    assert.equal(emu.files.find((f) => f.descriptor.displayName === 'big.bin')!.via, 'tus');

    // Bounded retries, counted at the emulator. Each fault costs a known number of extra requests: 500 and 429 on
    // generate one generate each; the PUT reset and hang one generate + one PUT each; the spent URL one generate +
    // one PUT when a plain PUT met it, or one finalize when the tus finalize met it.
    const gen = emu.requests.filter(isGenerate).length;
    const puts = emu.requests.filter(isPlainPut).length;
    const finals = emu.requests.filter(isFinalize).length;
    assert.equal(gen, emu.stats.generateCalls);
    assert.equal(puts, gen - 2, 'every generated URL was PUT to exactly once');
    assert.equal(gen + finals, 8 + 2 + 2 + 1 + 1, `generate ${gen}, finalize ${finals}`);
    assert.equal(emu.stats.resumableGenerateCalls, 1);
    assert.equal(emu.stats.tusCreates, 1, 'tus resumed, never re-created');
    assert.ok(emu.stats.tusPatchBytes - big.size <= 512 * KB, `re-sent ${emu.stats.tusPatchBytes - big.size} tus bytes`);
    // Each retry is logged as a warning that names what failed; there are as many as faults that cost a retry.
    const retries = logger.lines.filter((l) => l.startsWith('warn: ') && /attempt \d of 4|resuming \(retry/.test(l));
    assert.ok(retries.length >= 7 && retries.length <= 8, retries.join('\n'));
    assert.ok(emu.stats.maxUploadsInFlight <= 3, `${emu.stats.maxUploadsInFlight} uploads at once with concurrency 3`);
    // The hung PUT the client gave up on is over at the server too (no socket left half-open).
    await until(() => emu.stats.uploadsInFlight === 0);
  });

  it('a tus PATCH failing twice resumes from the offset the server reports; bytes re-sent ≤ one chunk', async () => {
    const chunk = 512 * KB;
    const path = await writeRandomFile(`${dir}/resume.bin`, 3 * MB + 5);
    // The 500 meets the first PATCH at the door; the reset cuts the third mid-body, after two acknowledged chunks.
    emu.inject({ type: 'status', route: 'tus-patch', status: 500 });
    emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: 1 * MB + 300 * KB });
    const logger = recordingLogger();
    await client(logger).uploadFile(await fileSourceFromPath(path), { resumableThresholdBytes: 1 * MB, tusChunkSizeBytes: chunk });

    assert.equal(emu.files.length, 1);
    assert.equal(emu.files[0].sha256, await sha256File(path));
    assert.equal(emu.stats.tusCreates, 1);
    const tus = emu.requests.filter((r) => r.path.startsWith('/upload/tus/') && r.method !== 'PUT');
    const patches = tus.filter(isPatch);
    const offsetOf = (r: RecordedRequest) => Number(r.headers['upload-offset']);
    // After each failure the client asked the server (HEAD) where it stood, then went on from there: never from 0,
    // never from before what the server had acknowledged.
    const acknowledged = (upTo: number) => patches.slice(0, upTo).filter((r) => r.status === 204).reduce((n, r) => n + r.bytesReceived, 0);
    for (let i = 1; i < patches.length; i++) {
      const prev = patches[i - 1];
      if (prev.status === 204) {
        assert.equal(offsetOf(patches[i]), offsetOf(prev) + prev.bytesReceived, 'a clean PATCH is followed by the next slice');
        continue;
      }
      const between = tus.slice(tus.indexOf(prev) + 1, tus.indexOf(patches[i]));
      assert.ok(between.some((r) => r.method === 'HEAD'), `PATCH ${i} was not preceded by a HEAD for the offset`);
      assert.ok(offsetOf(patches[i]) >= offsetOf(prev), `PATCH ${i} went back before the failed one`);
      assert.ok(offsetOf(patches[i]) <= offsetOf(prev) + prev.bytesReceived, `PATCH ${i} skipped bytes the server never had`);
      assert.ok(offsetOf(patches[i]) >= acknowledged(i), `PATCH ${i} re-sent acknowledged bytes`);
    }
    assert.equal(patches.filter((r) => r.status !== 204).length, 2, 'two failures');
    assert.ok(patches.some((r, i) => r.status !== 204 && r.bytesReceived > 0 && acknowledged(i) > 0), 'one failure came mid-body, after acknowledged chunks');
    assert.ok(emu.stats.tusPatchBytes - (3 * MB + 5) <= chunk, `re-sent ${emu.stats.tusPatchBytes - (3 * MB + 5)} bytes`);
    assert.equal(logger.lines.filter((l) => /^warn: Resumable upload of resume\.bin: .*resuming/.test(l)).length, 2, logger.lines.join('\n'));
  });

  it('a descriptor staying PENDING past the bound: the item is done with readyTimedOut, the reference uses the static URL, the log says so', async () => {
    emu.inject({ type: 'stay-pending' });
    const logger = recordingLogger();
    const queue = new UploadQueue(client(logger), { logger });
    const png = makePng(4, 3);
    const [item] = await queue.enqueue([
      { source: memorySource('slow.png', png), label: 'img/slow.png', options: { waitForReady: true, readyTimeoutMs: 150 } },
    ]).done;

    assert.equal(item.state, 'done', item.message);
    assert.equal(item.readyTimedOut, true);
    const d = item.descriptor!;
    assert.equal(d.operationStatus, 'PENDING');
    assert.equal(emu.files.length, 1);
    assert.equal(emu.files[0].sha256, sha256(png));
    assert.match(d.url, /^https:\/\/static\.wixstatic\.com\/media\//);
    // Whatever style was asked for, the reference points at the static URL (no wix: URI without the size).
    assert.equal(formatReference(d, { languageId: 'markdown', style: 'wixUri' }), `![slow](${d.url})`);
    assert.equal(formatReference(d, { languageId: 'html' }), `<img src="${d.url}" alt="slow">`);
    const cli = outputLine(d, 'wix', 'img/slow.png', item.readyTimedOut);
    assert.equal(cli.text, d.url);
    assert.match(cli.warning!, /"img\/slow\.png": Wix was still processing it, so its static URL was printed instead/);
    assert.ok(
      logger.lines.includes('warn: img/slow.png was uploaded but Wix is still processing it; its reference uses the static URL.'),
      logger.lines.join('\n'),
    );
    assert.ok(logger.lines.some((l) => /^info: slow\.png is still PENDING after 150 ms/.test(l)), 'the client says why it stopped waiting');
  });

  it('FAILED processing: the item fails with a clear error naming the file; the others finish', async () => {
    emu.inject({ type: 'fail-processing' });
    const queue = new UploadQueue(client(), { concurrency: 1 });
    const items = await queue.enqueue([
      { source: memorySource('broken.png', makePng(2, 2)), label: 'img/broken.png', options: { waitForReady: true } },
      { source: memorySource('fine.png', makePng(3, 3)), label: 'img/fine.png', options: { waitForReady: true } },
    ]).done;
    assert.deepEqual(items.map((i) => i.state), ['failed', 'done']);
    const err = items[0].error as WixError;
    assert.equal(err.code, 'PROCESSING_FAILED');
    assert.equal(err.kind, 'application');
    assert.match(items[0].message!, /^"img\/broken\.png": Wix received the file but could not process it \(PROCESSING_FAILED\)\. .*re-export or convert it/);
    assert.equal(items[1].descriptor!.operationStatus, 'READY');
    assert.equal(emu.files.length, 2, 'each stored once; the failed one is not re-sent');
    assert.equal(emu.stats.generateCalls, 2);
  });

  describe('cancel works at every stage, and nothing is sent for the file afterwards', () => {
    interface Stage {
      name: string;
      fault: Fault;
      size: number;
      options?: ItemOptions;
      /** The emulator has seen the file reach this stage. */
      reached: (rs: RecordedRequest[], name: string) => boolean;
      storedAfter: number;
    }
    const stages: Stage[] = [
      { name: 'generate-upload-url', fault: { type: 'hang', route: 'generate' }, size: 2 * KB, storedAfter: 0,
        reached: (rs, n) => rs.some((r) => isGenerate(r) && r.body?.fileName === n) },
      { name: 'the PUT', fault: { type: 'slow', route: 'put', bytesPerSecond: 64 * KB }, size: 1 * MB, storedAfter: 0,
        reached: (rs, n) => rs.some((r) => isPlainPut(r) && r.query.filename === n && r.bytesReceived > 0) },
      { name: 'the tus PATCH', fault: { type: 'slow', route: 'tus-patch', bytesPerSecond: 64 * KB }, size: 1 * MB, storedAfter: 0,
        options: { resumableThresholdBytes: 100 * KB, tusChunkSizeBytes: 256 * KB },
        reached: (rs) => rs.some((r) => isPatch(r) && r.bytesReceived > 0) },
      { name: 'the tus finalize', fault: { type: 'hang', route: 'tus-finalize' }, size: 300 * KB, storedAfter: 0,
        options: { resumableThresholdBytes: 100 * KB },
        reached: (rs, n) => rs.some((r) => isFinalize(r) && r.query.filename === n) },
      { name: 'polling for READY', fault: { type: 'stay-pending' }, size: 0, storedAfter: 1,
        options: { waitForReady: true, readyTimeoutMs: 60_000 },
        reached: (rs) => rs.some((r) => r.path.endsWith('/get-file-by-id') && r.status === 200) },
    ];

    for (const stage of stages) {
      it(`during ${stage.name}`, async () => {
        emu.inject(stage.fault);
        const name = stage.size ? 'target.bin' : 'target.png';
        const body = stage.size ? Buffer.alloc(stage.size, 5) : makePng(3, 3);
        const queue = new UploadQueue(client());
        const batch = queue.enqueue([{ source: memorySource(name, body), label: `c/${name}`, options: stage.options }]);
        const [item] = batch.items;
        await until(() => stage.reached(emu.requests, name));
        const seenBefore = emu.requests.length;
        queue.cancel(item.id);
        assert.equal(item.state, 'cancelled', 'cancel takes effect at once');
        await batch.done;
        assert.equal(item.error, undefined);
        assert.equal(item.message, `Cancelled the upload of c/${name}.`);

        // A later upload runs to the end, so any late retry of the cancelled one would have shown by then.
        emu.clearFaults();
        const [probe] = await queue.enqueue([{ source: memorySource('probe.txt', Buffer.from('probe')) }]).done;
        assert.equal(probe.state, 'done', probe.message);
        const after = emu.requests.slice(seenBefore).filter((r) => !about('probe.txt')(r));
        // The only thing allowed after a tus cancel is the termination request that drops the partial upload.
        assert.deepEqual(after.filter((r) => r.method !== 'DELETE').map((r) => `${r.method} ${r.path}`), []);
        assert.equal(emu.files.filter((f) => f.descriptor.displayName === name).length, stage.storedAfter);
        assert.equal(item.state, 'cancelled', 'nothing revived it');
      });
    }
  });

  describe('no retry storm after a 4xx', () => {
    for (const status of [400, 401, 403]) {
      it(`${status} on generate-upload-url: exactly one request for that file; the rest of the batch uploads`, async () => {
        emu.inject({ type: 'status', route: 'generate', status });
        const queue = new UploadQueue(client(), { concurrency: 1 });
        const items = await queue.enqueue(['refused.txt', 'ok-1.txt', 'ok-2.txt'].map((n) => ({ source: memorySource(n, Buffer.from(`${n} body`)) }))).done;
        assert.deepEqual(items.map((i) => i.state), ['failed', 'done', 'done']);
        assert.equal((items[0].error as WixError).status, status);
        assert.match(items[0].message!, new RegExp(`^"refused\\.txt": .*\\(${status} `));
        assert.equal(emu.requests.filter(about('refused.txt')).length, 1);
        assert.equal(emu.requests.length, 1 + 2 * 2, 'one refused generate, then generate + PUT per good file');
        assert.deepEqual(emu.files.map((f) => f.descriptor.displayName), ['ok-1.txt', 'ok-2.txt']);
      });
    }

    it('a 4xx on every other route is not retried either (tus create, PATCH, finalize, get-file)', async () => {
      const cases: { fault: Fault; requests: (r: RecordedRequest) => boolean; opts: ItemOptions }[] = [
        { fault: { type: 'status', route: 'tus-create', status: 403 }, requests: (r) => r.method === 'POST' && r.path === '/upload/tus', opts: { resumableThresholdBytes: 10 } },
        { fault: { type: 'status', route: 'tus-patch', status: 400 }, requests: isPatch, opts: { resumableThresholdBytes: 10 } },
        { fault: { type: 'status', route: 'tus-finalize', status: 400 }, requests: isFinalize, opts: { resumableThresholdBytes: 10 } },
        { fault: { type: 'status', route: 'get-file', status: 404 }, requests: (r) => r.path.endsWith('/get-file-by-id'), opts: { waitForReady: true } },
      ];
      const queue = new UploadQueue(client(), { concurrency: 1 });
      for (const c of cases) {
        emu.reset();
        emu.inject(c.fault);
        const [item] = await queue.enqueue([{ source: memorySource('refused.png', makePng(2, 2)), options: c.opts }]).done;
        const route = (c.fault as { route: string }).route;
        if (route === 'get-file') {
          // The bytes are stored: a refused READY poll never fails the file (issue 10); it is done with its static URL.
          assert.equal(item.state, 'done', `${route}: ${item.message}`);
          assert.equal(item.readyTimedOut, true, route);
        } else {
          assert.equal(item.state, 'failed', `${route}: ${item.message}`);
          assert.equal((item.error as WixError).status, (c.fault as { status: number }).status, route);
        }
        assert.equal(emu.requests.filter(c.requests).length, 1, `${route} was retried`);
        assert.equal(emu.stats.tusCreates + emu.stats.generateCalls + emu.stats.resumableGenerateCalls <= 2, true, route);
      }
    });

    it('a 4xx from the upload URL gets one fresh URL (it may be spent or expired), then stops', async () => {
      for (const status of [400, 401, 403]) {
        emu.reset();
        emu.inject({ type: 'status', route: 'put', status, times: 5 });
        const [item] = await new UploadQueue(client()).enqueue([{ source: memorySource('refused.txt', Buffer.from('x')) }]).done;
        assert.equal(item.state, 'failed');
        assert.equal((item.error as WixError).status, status);
        assert.equal(emu.requests.filter(isPlainPut).length, 2, `${status}: PUTs`);
        assert.equal(emu.stats.generateCalls, 2, `${status}: generates`);
        assert.equal(emu.files.length, 0);
      }
    });
  });
});
