// `wix-media upload`: collect the files, run them through the upload queue, print references in input order.
import { basename, resolve } from 'node:path';
import { collectFiles } from '../upload/collect';
import { failedEntry, UploadQueue } from '../upload/queue';
import { ReuseLookup } from '../upload/reuse';
import { ReuseIndex } from '../upload/reuse-index';
import { isTerminal, type ItemOptions, type QueueEntry, type UploadItem } from '../upload/types';
import type { MediaClient } from '../wix/contract';
import { fileSourceFromPath } from '../wix/file-source';
import { silentLogger, type Logger } from '../wix/log';
import { redact } from '../wix/redact';
import type { CliUploadArgs } from './args';
import { cliErrorText, outputLine } from './output';
import { ProgressLine, progressText, type TerminalLike } from './progress';

export interface UploadIo {
  stdout: { write(text: string): unknown };
  stderr: TerminalLike;
  logger?: Logger;
  /** Called with a function that cancels everything; returns an undo. The CLI wires it to SIGINT. */
  onInterrupt?: (cancel: () => void) => () => void;
}

export interface UploadOutcome {
  uploaded: number;
  failed: number;
  cancelled: number;
  interrupted: boolean;
  /** The queue's items, in input order (`wix-media rewrite` reads their descriptors). */
  items: readonly UploadItem[];
}

function isAuthRejection(e: unknown): boolean {
  return (e as { status?: number })?.status === 401;
}

/** --manifest: reuse what it lists for this site (checked with Wix first), and add each new upload to it. */
async function manifestLookup(args: Omit<CliUploadArgs, 'command'>, siteId: string, err: (line: string) => void): Promise<ReuseLookup> {
  const index = new ReuseIndex(resolve(args.manifest!), { relativeSources: true });
  await index.entries(siteId); // a manifest that is not one stops the run before anything is sent
  const warnOnly = { trace() {}, debug() {}, info() {}, warn: err, error: err };
  return new ReuseLookup({ settings: { siteId, indexes: [index], scope: args.sameFolder ? 'sameFolder' : 'anyFolder' }, logger: warnOnly });
}

function itemOptions(args: Omit<CliUploadArgs, 'command'>): ItemOptions {
  return {
    filePath: args.filePath,
    parentFolderId: args.parentFolderId,
    labels: args.labels,
    private: args.private || undefined,
    privateLinkMinutes: args.linkExpiryMinutes,
    resumableThresholdBytes: args.resumableThresholdBytes,
    maxFileSizeBytes: args.maxFileSizeBytes,
    // The wix: URI of an image needs its size, known once Wix has processed the file.
    waitForReady: args.wait || args.format === 'wix',
    force: args.force || undefined,
  };
}

export async function runUpload(args: Omit<CliUploadArgs, 'command'>, client: MediaClient, io: UploadIo, siteId = ''): Promise<UploadOutcome> {
  let queue: UploadQueue | undefined;
  let current: string | undefined;
  const progress = new ProgressLine(io.stderr, () => (queue ? progressText(queue.summary(), current) : 'Looking at the files…'));
  const err = (line: string) => progress.print(redact(line));
  let interrupted = false;
  const undoInterrupt = io.onInterrupt?.(() => {
    interrupted = true;
    err('Cancelling the uploads…');
    queue?.cancelAll();
  }) ?? (() => {});

  try {
    const { files, errors } = await collectFiles(args.paths);
    for (const e of errors) err(cliErrorText(e.error, e.path));

    const options = itemOptions(args);
    const entries: QueueEntry[] = [];
    for (const file of files) {
      if (interrupted) break;
      try {
        entries.push({ source: await fileSourceFromPath(file, basename(file)), label: file, options });
      } catch (e) {
        entries.push({ ...failedEntry(file, e instanceof Error ? e : new Error(String(e))), options });
      }
    }
    if (interrupted) return { uploaded: 0, failed: errors.length, cancelled: files.length, interrupted, items: [] };

    queue = new UploadQueue(client, {
      concurrency: args.concurrency, logger: io.logger ?? silentLogger,
      lookup: args.manifest ? await manifestLookup(args, siteId, err) : undefined,
    });
    // stdout keeps input order: a finished item is printed once every item before it has finished.
    let next = 0;
    let items: readonly UploadItem[] = [];
    const flush = () => {
      while (next < items.length && isTerminal(items[next].state)) {
        const item = items[next++];
        if (item.state !== 'done' || !item.descriptor) continue;
        const line = outputLine(item.descriptor, args.format, item.label, item.readyTimedOut, item.reused === true);
        io.stdout.write(line.text + '\n');
        if (line.warning) err(line.warning);
        if (item.privateLink) err(`${item.label}: a private file; its download link works until ${item.privateLink.expiresAt}.`);
      }
    };
    let stopped = false;
    queue.onDidChange(item => {
      if (item.state === 'failed') {
        err(cliErrorText(item.error, item.label, item.message));
        // A rejected key fails every file alike: say it once, not once per file.
        if (!stopped && isAuthRejection(item.error)) {
          stopped = true;
          const left = queue!.items.filter(i => i.state === 'queued').length;
          if (left > 0) {
            err(`wix-media: stopping, since Wix rejected the API key; ${left} more file(s) not uploaded.`);
            for (const i of queue!.items) if (i.state === 'queued') queue!.cancel(i.id);
          }
        }
      }
      if (item.state === 'uploading') current = item.label;
      if (isTerminal(item.state)) flush();
      progress.update();
    });
    const batch = queue.enqueue(entries);
    items = batch.items;
    flush();
    await batch.done;
    flush();

    const s = queue.summary().counts;
    return { uploaded: s.done, failed: s.failed + errors.length, cancelled: s.cancelled, interrupted, items };
  } finally {
    progress.stop();
    undoInterrupt();
  }
}
