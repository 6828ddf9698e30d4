// The upload queue: bounded concurrency, per-item states, cancel and retry. One file's failure never touches
// another's; the HTTP-level retries (429, 5xx, resets) happen inside the client, not here.
import type { FileSource, MediaClient } from '../wix/contract';
import { silentLogger, type Logger } from '../wix/log';
import { WixError, isCancellation } from '../wix/errors';
import { describeError, wixError } from '../wix/messages';
import type { FileDescriptor } from '../wix/types';
import { redact } from '../wix/redact';
import {
  byteProgress, isTerminal, type ActionPin, type FailedEntry, type ItemState, type QueueEntry, type QueueOptions, type QueueSummary,
  type LookupResult, type SourceEntry, type Unsubscribe, type UploadBatch, type UploadItem, type UploadLookup,
} from './types';

/** From the bench (test/bench/RESULTS.md, W2): over a 50 ms round trip, 12 beat 4 by about 1.7× and 16 did no better. */
export const DEFAULT_CONCURRENCY = 12;

export { isTerminal };

/** An entry for a file whose source couldn't be made; the queue reports it as failed. */
export function failedEntry(label: string, error: Error, reopen?: () => Promise<FileSource>, pin?: ActionPin): FailedEntry {
  return { label, error, reopen, pin };
}

function isFailedEntry(e: QueueEntry): e is FailedEntry {
  return (e as SourceEntry).source === undefined && (e as FailedEntry).error !== undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface BatchState {
  remaining: number;
  settled: boolean;
  resolve: () => void;
}

interface Entry {
  item: Mutable<UploadItem>;
  batch: BatchState;
  reopen?: () => Promise<FileSource>;
  /** The source must be made again before the next run (a failed entry, or a retry with reopen). */
  stale: boolean;
  /** Bumped for each run and each cancel, so a superseded run's late results are ignored. */
  seq: number;
  controller?: AbortController;
  /** The descriptor once Wix stored the bytes: a retry goes on from there and never uploads the file again. */
  uploaded?: FileDescriptor;
  /** The client and settings of the action this item runs for (its retry's, after a retry that gave them). */
  pin?: ActionPin;
}

/** A stand-in source for an entry that never had one; opening it fails with the original error. */
function brokenSource(label: string, error: Error): FileSource {
  const name = label.split(/[\\/]/).pop() || label;
  return { name, size: 0, open() { throw error; } };
}

export class UploadQueue {
  private readonly entries = new Map<number, Entry>();
  private readonly list: UploadItem[] = [];
  // FIFO of ids waiting for a slot; cancelled ids are skipped when reached (no O(n) removal).
  private waiting: number[] = [];
  private head = 0;
  private running = 0;
  private nextId = 1;
  private concurrency: number;
  private readonly listeners = new Set<(item: UploadItem) => void>();
  private readonly logger: Logger;
  private lookup?: UploadLookup;

  constructor(private readonly client: MediaClient, opts: QueueOptions & { logger?: Logger } = {}) {
    this.concurrency = UploadQueue.checkConcurrency(opts.concurrency ?? DEFAULT_CONCURRENCY);
    this.logger = opts.logger ?? silentLogger;
    this.lookup = opts.lookup;
  }

  /** Installs (or removes) the step before each upload that may reuse a file already on the site. */
  setLookup(lookup: UploadLookup | undefined): void {
    this.lookup = lookup;
  }

  private static checkConcurrency(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${n}`);
    return n;
  }

  get items(): readonly UploadItem[] {
    return this.list;
  }

  get(id: number): UploadItem | undefined {
    return this.entries.get(id)?.item;
  }

  setConcurrency(n: number): void {
    this.concurrency = UploadQueue.checkConcurrency(n);
    this.pump();
  }

  getConcurrency(): number {
    return this.concurrency;
  }

  onDidChange(listener: (item: UploadItem) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  enqueue(entries: readonly QueueEntry[]): UploadBatch {
    let resolve!: () => void;
    const promise = new Promise<void>(r => { resolve = r; });
    const batch: BatchState = { remaining: 0, settled: false, resolve };
    const items: UploadItem[] = [];
    for (const e of entries) {
      const failed = isFailedEntry(e);
      const source = failed ? brokenSource(e.label, e.error) : (e as SourceEntry).source;
      const item: Mutable<UploadItem> = {
        id: this.nextId++,
        source,
        label: e.label ?? source.name,
        options: { ...(e.options ?? {}) },
        state: failed ? 'failed' : 'queued',
        bytesSent: 0,
        total: failed ? 0 : source.size,
        attempts: 1,
      };
      const entry: Entry = { item, batch, reopen: e.reopen, stale: failed, seq: 0, pin: e.pin };
      if (failed) {
        item.error = e.error;
        item.message = this.describe(e.error, item.label);
        item.endedAt = Date.now();
        this.logger.error(item.message);
      } else {
        batch.remaining++;
        this.waiting.push(item.id);
      }
      this.entries.set(item.id, entry);
      this.list.push(item);
      items.push(item);
    }
    const done = promise.then(() => items as readonly UploadItem[]);
    if (batch.remaining === 0) this.settle(batch);
    for (const item of items) this.emit(item);
    this.pump();
    return { items, done };
  }

  /** Stops an item at any stage: queued, uploading or processing. A finished item is left alone. */
  cancel(id: number): void {
    const e = this.entries.get(id);
    if (!e || isTerminal(e.item.state)) return;
    e.seq++;                       // the running attempt, if any, no longer owns the item
    e.controller?.abort();
    e.controller = undefined;
    e.item.error = undefined;
    e.item.message = `Cancelled the upload of ${e.item.label}.`;
    this.finish(e, 'cancelled');
    this.logger.info(e.item.message);
  }

  cancelAll(): void {
    for (const item of this.list) this.cancel(item.id);
  }

  /** Whether retry(id) would re-queue the item. */
  canRetry(id: number): boolean {
    const e = this.entries.get(id);
    if (!e || (e.item.state !== 'failed' && e.item.state !== 'cancelled')) return false;
    return !e.stale || e.reopen !== undefined;
  }

  /**
   * Re-queues a failed or cancelled item as a new attempt; undefined when it can't be retried. A retry is a new
   * action: given a pin (the key and site in force now, say, after the user fixed the key), it runs on that one;
   * without, on the pin the item had.
   */
  retry(id: number, pin?: ActionPin): UploadItem | undefined {
    if (!this.canRetry(id)) return undefined;
    const e = this.entries.get(id)!;
    // Once Wix stored the bytes, the file is on the pinned site: a retry (READY, the private link) stays there.
    if (pin && !e.uploaded) e.pin = pin;
    const item = e.item;
    item.attempts++;
    item.state = 'queued';
    item.bytesSent = 0;
    item.error = undefined;
    item.message = undefined;
    item.descriptor = undefined;
    item.readyTimedOut = undefined;
    item.privateLink = undefined;
    item.reused = undefined;
    item.startedAt = undefined;
    item.endedAt = undefined;
    if (e.reopen) e.stale = true;
    if (!e.batch.settled) e.batch.remaining++;
    this.waiting.push(id);
    this.emit(item);
    this.pump();
    return item;
  }

  /** Drops finished items from `items` (done, failed, cancelled). */
  clearFinished(): void {
    const keep = this.list.filter(i => !isTerminal(i.state));
    for (const i of this.list) if (isTerminal(i.state)) this.entries.delete(i.id);
    this.list.length = 0;
    this.list.push(...keep);
  }

  summary(): QueueSummary {
    const counts: Record<ItemState, number> = { queued: 0, uploading: 0, processing: 0, done: 0, failed: 0, cancelled: 0 };
    for (const i of this.list) counts[i.state]++;
    const { sent: bytesSent, total: bytesTotal } = byteProgress(this.list);
    return { counts, bytesSent, bytesTotal };
  }

  /** Cancels everything and forgets the listeners. */
  dispose(): void {
    this.cancelAll();
    this.listeners.clear();
  }

  /**
   * Polls until READY. Once Wix has the bytes the file is never reported failed for a poll: a limited or failing
   * poll ends with the descriptor the upload returned (its static URL) and a log line. FAILED is still a failure.
   */
  private async pollReady(client: MediaClient, item: UploadItem, d: FileDescriptor, timeoutMs: number | undefined, signal: AbortSignal): Promise<FileDescriptor> {
    try {
      return await client.waitForReady(d.id, { timeoutMs, signal });
    } catch (err) {
      if (isCancellation(err) || (err instanceof WixError && err.code === 'PROCESSING_FAILED')) throw err;
      this.logger.warn(`${item.label} was uploaded as ${d.id}, but asking Wix whether it is processed failed (${redact(err instanceof Error ? err.message : String(err))}); using its static URL.`);
      return d;
    }
  }

  private describe(err: unknown, label: string): string {
    return redact(describeError(err, label));
  }

  private emit(item: UploadItem): void {
    for (const l of this.listeners) {
      try { l(item); } catch (err) { this.logger.error(`A progress listener failed: ${String(err)}`); }
    }
  }

  private finish(e: Entry, state: 'done' | 'failed' | 'cancelled'): void {
    e.item.state = state;
    e.item.phase = undefined;
    e.item.endedAt = Date.now();
    if (!e.batch.settled && --e.batch.remaining === 0) this.settle(e.batch);
    this.emit(e.item);
  }

  private settle(batch: BatchState): void {
    batch.settled = true;
    batch.resolve();
  }

  private nextWaiting(): Entry | undefined {
    while (this.head < this.waiting.length) {
      const id = this.waiting[this.head++];
      const e = this.entries.get(id);
      if (e && e.item.state === 'queued') {
        this.compact();
        return e;
      }
    }
    this.waiting = [];
    this.head = 0;
    return undefined;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const e = this.nextWaiting();
      if (!e) return;
      this.running++;
      void this.run(e).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(e: Entry): Promise<void> {
    const seq = ++e.seq;
    const controller = new AbortController();
    e.controller = controller;
    const item = e.item;
    const current = () => e.seq === seq;
    // Every call of this run goes to one client: the action's, read once, whatever the settings say meanwhile.
    const client = e.pin?.client ?? this.client;
    item.siteId = e.pin?.siteId;
    let found: LookupResult | undefined;
    item.state = 'uploading';
    item.startedAt = Date.now();
    item.bytesSent = 0;
    item.phase = undefined;
    item.attempt = 1;
    this.emit(item);
    try {
      if (e.stale && e.reopen) {
        const source = await e.reopen();
        if (!current()) return;
        item.source = source;
        item.total = source.size;
        e.stale = false;
        this.emit(item);
      }
      const { waitForReady, readyTimeoutMs, privateLinkMinutes, force: _force, ...uploadOptions } = item.options;
      this.logger.debug(`Queue: starting ${item.label} (attempt ${item.attempts}).`);
      found = e.uploaded ? undefined : this.lookup ? await this.lookup.find(item, client, controller.signal, e.pin?.reuse) : undefined;
      if (!current()) return;
      if (found?.existing) item.reused = true;
      let lastSent = 0;
      let d = e.uploaded ?? found?.existing ?? await client.uploadFile(item.source, {
        ...uploadOptions,
        signal: controller.signal,
        onProgress: (sent, total) => {
          if (!current()) return;
          // Progress going back means the client started over after a failure: another attempt.
          if (sent < lastSent) { item.attempt = (item.attempt ?? 1) + 1; item.phase = 'retrying'; }
          else if (sent > lastSent && item.phase === 'retrying') item.phase = undefined;    // bytes flow again
          lastSent = sent;
          // Every byte handed over and no answer yet: say so rather than sit at 99%.
          if (total > 0 && sent >= total) item.phase = 'waiting-for-wix';
          else if (item.phase === 'waiting-for-wix') item.phase = undefined;
          // Bytes handed to the socket, not bytes Wix has: on a slow link the OS buffers hold megabytes, so a
          // small file would show 100% long before it arrived. 100% is set once Wix has answered (below).
          item.bytesSent = Math.min(sent, Math.max(0, total - 1));
          item.total = total;
          this.emit(item);
        },
      });
      if (!current()) return;
      if (d.operationStatus !== 'FAILED') e.uploaded = d;
      item.phase = undefined;
      item.bytesSent = item.total;
      item.descriptor = d;
      if (d.operationStatus === 'FAILED') throw processingFailed(item.label);
      if (waitForReady && d.operationStatus !== 'READY') {
        item.state = 'processing';
        this.emit(item);
        d = await this.pollReady(client, item, d, readyTimeoutMs, controller.signal);
        if (!current()) return;
        item.descriptor = d;
        if (d.operationStatus === 'FAILED') throw processingFailed(item.label);
        if (d.operationStatus !== 'READY') {
          item.readyTimedOut = true;
          this.logger.warn(`${item.label} was uploaded but Wix is still processing it; its reference uses the static URL.`);
        }
      }
      if (d.private) {
        // A private file's static URL answers 403: its reference is a download link (generate-file-download-url).
        const minutes = privateLinkMinutes ?? DEFAULT_PRIVATE_LINK_MINUTES;
        if (!client.generateFileDownloadUrl) throw wixError({ kind: 'http', code: 'PRIVATE_LINK_UNAVAILABLE', fileName: item.label });
        const link = await client.generateFileDownloadUrl(d.id, minutes, controller.signal).catch((err: unknown) => {
          throw isCancellation(err) ? err : new PrivateLinkError(item.label, d.id, err);
        });
        if (!current()) return;
        item.privateLink = link;
        item.descriptor = { ...d, url: link.url };
        this.logger.info(`${item.label} is private: its link works until ${link.expiresAt}.`);
      }
      this.logger.debug(`Queue: ${item.label} done as ${d.id}${item.reused ? ' (reused)' : ''}.`);
      await found?.done?.(d);
      if (!current()) return;
      e.controller = undefined;
      this.finish(e, 'done');
    } catch (err) {
      await found?.done?.(undefined);
      if (!current()) return;    // cancelled meanwhile: cancel() already settled the item
      e.controller = undefined;
      item.phase = undefined;
      if (err instanceof WixError && err.code === 'PROCESSING_FAILED') e.uploaded = undefined; // a new upload may do better
      item.error = err instanceof PrivateLinkError && err.cause instanceof Error ? err.cause : err instanceof Error ? err : new Error(String(err));
      item.message = err instanceof PrivateLinkError ? redact(err.message) : this.describe(err, item.label);
      this.logger.error(item.message);
      this.finish(e, 'failed');
    } finally {
      // A twin waiting on these bytes must never wait forever (cancelled, superseded, failed).
      void found?.done?.(undefined);
    }
  }
}

/** The file is stored (private) but no link to it could be made; a retry only makes the link. */
class PrivateLinkError extends Error {
  constructor(label: string, fileId: string, cause: unknown) {
    super(`"${label}": uploaded as the private file ${fileId}, but its download link could not be made (${describeError(cause)}). Retry makes the link without uploading the file again.`, { cause });
  }
}

/** Wix's own default for generate-file-download-url's expirationInMinutes. */
export const DEFAULT_PRIVATE_LINK_MINUTES = 600;

function processingFailed(label: string) {
  return wixError({ kind: 'application', code: 'PROCESSING_FAILED', fileName: label });
}
