// UploadQueue against the real client and the emulator over HTTP: states, the concurrency bound, cancel at each
// stage, retry, failed entries, and a few hundred small files.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { DEFAULT_CONCURRENCY, failedEntry, UploadQueue } from '../../src/upload/queue';
import type { ItemState, UploadItem } from '../../src/upload/types';
import type { FileSource } from '../../src/wix/contract';
import { WixMediaClient } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { formatReference } from '../../src/upload/reference';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// A 1x1 PNG, so the emulator reports real image sizes.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

function memorySource(name: string, body: Buffer): FileSource {
  return { name, size: body.length, open: (start = 0) => Readable.from([body.subarray(start)]) };
}

/** Unique bytes per file, so the sha256 of what arrived identifies it. */
function textFile(name: string, size = 64): { source: FileSource; body: Buffer } {
  const body = Buffer.alloc(size, `${name}:`);
  return { source: memorySource(name, body), body };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => { lines.push(`${level}: ${m}`); };
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Waits (polling, no time bound of its own) until `cond` holds, e.g. until the emulator has seen a request. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise(r => setTimeout(r, 5));
}

/** Resolves when `pred` holds for an item after some change. */
function when(queue: UploadQueue, pred: (item: UploadItem) => boolean): Promise<UploadItem> {
  return new Promise(resolve => {
    const off = queue.onDidChange(item => {
      if (pred(item)) { off(); resolve(item); }
    });
  });
}

describe('upload: UploadQueue (emulator over HTTP)', function () {
  let emu: WixEmulator;
  let client: WixMediaClient;

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });

  beforeEach(() => {
    emu.reset();
    client = new WixMediaClient({
      apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, rateLimit: false,
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      readyPoll: { initialDelayMs: 20, maxDelayMs: 50 },
    });
  });
  afterEach(async () => { await client.close(); });

  it('uploads every file: the bytes arrive intact and each item goes queued -> uploading -> done', async () => {
    const files = ['a.txt', 'b.txt', 'c.txt'].map(n => textFile(n, 1000));
    const queue = new UploadQueue(client);
    const seen = new Map<number, ItemState[]>();
    queue.onDidChange(i => {
      const s = seen.get(i.id) ?? [];
      if (s[s.length - 1] !== i.state) s.push(i.state);
      seen.set(i.id, s);
    });
    const batch = queue.enqueue(files.map(f => ({ source: f.source, label: `docs/${f.source.name}`, options: { filePath: '/q' } })));
    const items = await batch.done;

    assert.deepEqual(items.map(i => i.state), ['done', 'done', 'done']);
    for (const item of items) {
      assert.deepEqual(seen.get(item.id), ['queued', 'uploading', 'done']);
      assert.equal(item.bytesSent, 1000);
      assert.equal(item.total, 1000);
      assert.equal(item.attempts, 1);
      assert.ok(item.descriptor?.id);
    }
    const stored = new Map(emu.files.map(f => [f.descriptor.id, f]));
    for (const [i, f] of files.entries()) {
      const s = stored.get(items[i].descriptor!.id)!;
      assert.equal(s.sha256, sha256(f.body), `${f.source.name} arrived intact`);
      assert.equal(s.folderPath, '/q');
      assert.equal(s.descriptor.displayName, f.source.name);
    }
    assert.deepEqual(queue.items.map(i => i.id), items.map(i => i.id));
  });

  it('never runs more uploads at once than the concurrency, and reaches it', async () => {
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 256 * 1024, times: 12 });
    const queue = new UploadQueue(client, { concurrency: 3 });
    let active = 0;
    let maxActive = 0;
    const activeIds = new Set<number>();
    queue.onDidChange(i => {
      if (i.state === 'uploading' || i.state === 'processing') activeIds.add(i.id); else activeIds.delete(i.id);
      active = activeIds.size;
      maxActive = Math.max(maxActive, active);
    });
    const batch = queue.enqueue(Array.from({ length: 12 }, (_, n) => ({ source: textFile(`f${n}.txt`, 16 * 1024).source })));
    assert.equal(batch.items.filter(i => i.state === 'uploading').length, 3, 'three start at once');
    assert.equal(batch.items.filter(i => i.state === 'queued').length, 9);
    await batch.done;
    assert.equal(maxActive, 3);
    assert.ok(batch.items.every(i => i.state === 'done'));
    assert.equal(emu.files.length, 12);
  });

  it('setConcurrency widens the bound for queued items', async () => {
    emu.inject({ type: 'hang', route: 'generate', times: 1 });
    const queue = new UploadQueue(client, { concurrency: 1 });
    const batch = queue.enqueue([textFile('hung.txt').source, textFile('next.txt').source].map(source => ({ source })));
    assert.deepEqual(batch.items.map(i => i.state), ['uploading', 'queued']);
    await until(() => emu.requests.some(r => r.body?.fileName === 'hung.txt'));
    const [hung, next] = batch.items;
    const nextDone = when(queue, i => i.id === next.id && i.state === 'done');
    queue.setConcurrency(2);
    assert.equal(next.state, 'uploading');
    await nextDone;
    assert.equal(hung.state, 'uploading', 'still hung');
    queue.cancel(hung.id);
    await batch.done;
    assert.deepEqual(batch.items.map(i => i.state), ['cancelled', 'done']);
    assert.throws(() => queue.setConcurrency(0), /at least 1/);
  });

  it('cancels a queued item: it is never sent', async () => {
    emu.inject({ type: 'hang', route: 'generate', times: 1 });
    const queue = new UploadQueue(client, { concurrency: 1 });
    const batch = queue.enqueue([{ source: textFile('first.txt').source }, { source: textFile('second.txt').source }]);
    const [first, second] = batch.items;
    queue.cancel(second.id);
    assert.equal(second.state, 'cancelled');
    assert.equal(second.error, undefined);
    await until(() => emu.requests.some(r => r.body?.fileName === 'first.txt'));
    queue.cancel(first.id);   // its request hangs: the abort must free it
    assert.equal(first.state, 'cancelled');
    await batch.done;
    assert.equal(emu.files.length, 0);
    assert.ok(!emu.requests.some(r => r.body?.fileName === 'second.txt'), 'the queued item never asked for an upload URL');
  });

  it('cancels mid-upload: the item is cancelled, not failed, and nothing is stored', async () => {
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 64 * 1024, times: 1 });
    const queue = new UploadQueue(client);
    const big = textFile('big.bin', 4 * 1024 * 1024);
    const batch = queue.enqueue([{ source: big.source }, { source: textFile('small.txt').source }]);
    const moving = await when(queue, i => i.source.name === 'big.bin' && i.bytesSent > 0);
    queue.cancel(moving.id);
    const items = await batch.done;
    assert.deepEqual(items.map(i => i.state), ['cancelled', 'done']);
    assert.equal(items[0].error, undefined);
    assert.match(items[0].message!, /Cancelled.*big\.bin/);
    assert.deepEqual(emu.files.map(f => f.descriptor.displayName), ['small.txt']);
  });

  it('cancels while waiting for processing', async () => {
    emu.inject({ type: 'stay-pending' });
    const queue = new UploadQueue(client);
    const batch = queue.enqueue([{ source: memorySource('pic.png', PNG), options: { waitForReady: true, readyTimeoutMs: 60_000 } }]);
    const item = await when(queue, i => i.state === 'processing');
    assert.ok(item.descriptor, 'the PUT answered before processing');
    queue.cancel(item.id);
    await batch.done;
    assert.equal(item.state, 'cancelled');
    assert.equal(emu.files.length, 1, 'the bytes had arrived; only the wait was cancelled');
  });

  it('waits for READY when asked: the descriptor then has the image size', async () => {
    const queue = new UploadQueue(client);
    const batch = queue.enqueue([{ source: memorySource('pixel.png', PNG), options: { waitForReady: true } }]);
    const [item] = await batch.done;
    assert.equal(item.state, 'done');
    assert.equal(item.descriptor!.operationStatus, 'READY');
    assert.equal(item.readyTimedOut, undefined);
    assert.match(formatReference(item.descriptor!, { languageId: 'html' }), /^<img src="https:\/\/static\.wixstatic\.com\/media\/[^"]+" alt="pixel" width="1" height="1">$/);
  });

  it('a file that stays PENDING past the bound is done with readyTimedOut, and a warning is logged', async () => {
    emu.inject({ type: 'stay-pending' });
    const logger = recordingLogger();
    const queue = new UploadQueue(client, { logger });
    const batch = queue.enqueue([{ source: memorySource('slow.png', PNG), label: 'img/slow.png', options: { waitForReady: true, readyTimeoutMs: 200 } }]);
    const [item] = await batch.done;
    assert.equal(item.state, 'done');
    assert.equal(item.readyTimedOut, true);
    assert.equal(item.descriptor!.operationStatus, 'PENDING');
    assert.ok(logger.lines.some(l => l.startsWith('warn: ') && l.includes('img/slow.png')), logger.lines.join('\n'));
  });

  it('processing FAILED makes the item failed with a message naming the file', async () => {
    emu.inject({ type: 'fail-processing', times: 1 });
    const queue = new UploadQueue(client);
    const batch = queue.enqueue([{ source: memorySource('broken.png', PNG), label: 'img/broken.png', options: { waitForReady: true } }]);
    const [item] = await batch.done;
    assert.equal(item.state, 'failed');
    assert.equal((item.error as { code?: string }).code, 'PROCESSING_FAILED');
    assert.match(item.message!, /img\/broken\.png/);
  });

  it('one failure does not stop the others, and retry re-sends it as a new attempt', async () => {
    emu.inject({ type: 'status', route: 'generate', status: 403, times: 1 });
    const queue = new UploadQueue(client, { concurrency: 1 });
    const files = ['one.txt', 'two.txt', 'three.txt'].map(n => textFile(n));
    const batch = queue.enqueue(files.map(f => ({ source: f.source, label: `docs/${f.source.name}` })));
    const items = await batch.done;
    assert.deepEqual(items.map(i => i.state), ['failed', 'done', 'done']);
    const failed = items[0];
    assert.match(failed.message!, /docs\/one\.txt/);
    assert.match(failed.message!, /403/);
    assert.equal((failed.error as { status?: number }).status, 403);
    assert.ok(!failed.message!.includes(emu.apiKey));

    assert.equal(queue.retry(items[1].id), undefined, 'a done item is not retried');
    const again = queue.retry(failed.id)!;
    assert.equal(again, failed);
    assert.equal(again.attempts, 2);
    assert.equal(again.state, 'uploading', 'a free slot takes it at once');
    assert.equal(again.message, undefined);
    assert.equal(again.error, undefined);
    await when(queue, i => i.id === failed.id && (i.state === 'done' || i.state === 'failed'));
    assert.equal(failed.state, 'done');
    const stored = emu.files.find(f => f.descriptor.id === failed.descriptor!.id)!;
    assert.equal(stored.sha256, sha256(files[0].body));
  });

  it('retries a cancelled item', async () => {
    emu.inject({ type: 'hang', route: 'put', times: 1 });
    const queue = new UploadQueue(client);
    const batch = queue.enqueue([{ source: textFile('again.txt').source }]);
    const [item] = batch.items;
    await until(() => emu.requests.some(r => r.method === 'PUT'));
    queue.cancel(item.id);
    await batch.done;
    assert.ok(queue.canRetry(item.id));
    queue.retry(item.id);
    await when(queue, i => i.id === item.id && i.state === 'done');
    assert.equal(item.attempts, 2);
    assert.equal(emu.files.length, 1);
  });

  it('takes already-failed entries beside good ones; retry needs a way to reopen them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wix-queue-'));
    try {
      const missing = join(dir, 'later.txt');
      let err: Error | undefined;
      try { await fileSourceFromPath(missing); } catch (e) { err = e as Error; }
      assert.ok(err);
      const queue = new UploadQueue(client);
      const batch = queue.enqueue([
        failedEntry('docs/gone.txt', err!),
        { ...failedEntry('docs/later.txt', err!), reopen: () => fileSourceFromPath(missing) },
        { source: textFile('fine.txt').source },
      ]);
      assert.deepEqual(batch.items.map(i => i.state), ['failed', 'failed', 'uploading']);
      assert.match(batch.items[0].message!, /"docs\/gone\.txt"/);
      assert.match(batch.items[0].message!, /does not exist/);
      const items = await batch.done;
      assert.deepEqual(items.map(i => i.state), ['failed', 'failed', 'done']);

      assert.equal(queue.canRetry(items[0].id), false);
      assert.equal(queue.retry(items[0].id), undefined);
      writeFileSync(missing, 'now it exists');
      queue.retry(items[1].id);
      await when(queue, i => i.id === items[1].id && (i.state === 'done' || i.state === 'failed'));
      assert.equal(items[1].state, 'done', items[1].message);
      assert.equal(items[1].total, 'now it exists'.length);
      assert.equal(emu.files.find(f => f.descriptor.id === items[1].descriptor!.id)!.sha256, sha256(Buffer.from('now it exists')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty batch is done at once', async () => {
    const queue = new UploadQueue(client);
    assert.deepEqual(await queue.enqueue([]).done, []);
  });

  it('cancelAll stops everything; a throwing listener does not break the queue', async () => {
    emu.inject({ type: 'hang', route: 'put', times: 2 });
    const queue = new UploadQueue(client, { concurrency: 2 });
    queue.onDidChange(() => { throw new Error('listener bug'); });
    const batch = queue.enqueue(Array.from({ length: 5 }, (_, n) => ({ source: textFile(`c${n}.txt`).source })));
    queue.cancelAll();
    const items = await batch.done;
    assert.ok(items.every(i => i.state === 'cancelled'));
    assert.equal(queue.summary().counts.cancelled, 5);
    queue.clearFinished();
    assert.equal(queue.items.length, 0);
  });

  it('takes 1,000 files at once: only `concurrency` start, and cancelAll settles them all', async () => {
    const n = DEFAULT_CONCURRENCY;
    emu.inject({ type: 'hang', route: 'generate', times: n });
    const queue = new UploadQueue(client);
    const batch = queue.enqueue(Array.from({ length: 1000 }, (_, n) => ({ source: textFile(`k${n}.txt`).source })));
    assert.equal(queue.items.length, 1000);
    assert.equal(batch.items.filter(i => i.state === 'uploading').length, n);
    const s = queue.summary();
    assert.equal(s.counts.queued, 1000 - n);
    queue.cancelAll();
    const items = await batch.done;
    assert.ok(items.every(i => i.state === 'cancelled'));
    assert.ok(emu.requests.length <= n, 'no queued item was sent');
  });

  it('uploads 200 small files with every byte accounted for', async () => {
    const queue = new UploadQueue(client, { concurrency: 8 });
    const files = Array.from({ length: 200 }, (_, n) => textFile(`many-${n}.txt`, 100 + n));
    let changes = 0;
    queue.onDidChange(() => { changes++; });
    const items = await queue.enqueue(files.map(f => ({ source: f.source }))).done;
    assert.equal(items.filter(i => i.state === 'done').length, 200);
    assert.equal(emu.files.length, 200);
    const bySha = new Set(emu.files.map(f => f.sha256));
    for (const f of files) assert.ok(bySha.has(sha256(f.body)), f.source.name);
    assert.ok(changes >= 600, 'at least queued, uploading and done per item');
    const s = queue.summary();
    assert.equal(s.counts.done, 200);
    assert.equal(s.bytesSent, s.bytesTotal);
  });
});
