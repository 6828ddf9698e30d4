// One upload batch from start to end: enqueue, progress, wait, format the references, insert them (or copy
// them), report failures. The commands, the paste/drop provider and "Retry failed" all go through here.
import * as vscode from 'vscode';
import { failedEntry, isTerminal } from '../upload/queue';
import { formatReference } from '../upload/reference';
import type { ItemOptions, QueueEntry, UploadItem } from '../upload/types';
import type { FileSource } from '../wix/api';
import { readConfig } from './config';
import { progressAfterDelay, reportFailures } from './notify';
import type { Services } from './services';
import { copyToClipboard, type InsertionTarget, type InsertOutcome } from './track';

/** A file about to be uploaded: its source, or why there is none. */
export interface PlannedFile {
  label: string;
  uri?: vscode.Uri;
  source?: FileSource;
  error?: Error;
  reopen?: () => Promise<FileSource>;
}

export type InsertMode = 'editor' | 'clipboard' | 'none';

export interface UploadRequest {
  files: readonly PlannedFile[];
  /** Media Manager folder path; '/' or undefined: the root. */
  folder?: string;
  labels: readonly string[];
  private: boolean;
  /** Skip content-hash reuse: upload even when the bytes are already on the site. */
  force?: boolean;
  insert: InsertMode;
  /** Where references go in 'editor' mode; without one they go to the clipboard with `noTargetReason`. */
  target?: InsertionTarget;
  noTargetReason?: string;
  /** Language of the references when there is no target. */
  languageId: string;
  /** Cancels the batch (paste/drop). */
  token?: vscode.CancellationToken;
  /** Show the progress notification (the paste/drop UI has its own). */
  notifyProgress: boolean;
  /** The caller disposes the target (a drop placeholder is removed after a failure). */
  keepTarget?: boolean;
}

export interface UploadResultItem {
  label: string;
  /** The local file (uri string), when there is one. */
  file?: string;
  state: UploadItem['state'];
  id?: string;
  url?: string;
  reference?: string;
  message?: string;
  readyTimedOut?: boolean;
}

export type UploadStatus = 'done' | 'partial' | 'failed' | 'cancelled' | 'nothing' | 'no-key' | 'invalid';

export interface UploadResult {
  status: UploadStatus;
  items: UploadResultItem[];
  /** References of the uploaded files, in the order of the files. */
  references: string[];
  insertedInto: 'editor' | 'clipboard' | 'none';
  /** The text inserted (or copied), one reference per line. */
  text?: string;
  document?: string;
  /** Why the clipboard was used, or what stopped the upload. */
  message?: string;
}

export function emptyResult(status: UploadStatus, message?: string): UploadResult {
  return { status, items: [], references: [], insertedInto: 'none', message };
}

/** How long a batch with failures keeps its insertion place for "Retry failed". */
const RETRY_WINDOW_MS = 10 * 60_000;

export function itemOptions(req: Pick<UploadRequest, 'folder' | 'labels' | 'private' | 'force'>): ItemOptions {
  const cfg = readConfig();
  return {
    filePath: req.folder && req.folder !== '/' ? req.folder : undefined,
    labels: req.labels.length ? [...req.labels] : undefined,
    private: req.private || undefined,
    resumableThresholdBytes: cfg.resumableThresholdBytes,
    maxFileSizeBytes: cfg.maxFileSizeBytes,
    waitForReady: cfg.waitForReady,
    readyTimeoutMs: cfg.readyTimeoutMs,
    force: req.force || undefined,
  };
}

/** Resolves once every given item is done, failed or cancelled. */
export function whenTerminal(s: Services, items: readonly UploadItem[]): Promise<void> {
  if (items.every(i => isTerminal(i.state))) return Promise.resolve();
  return new Promise(resolve => {
    const unsubscribe = s.session.queue.onDidChange(() => {
      if (items.every(i => isTerminal(i.state))) { unsubscribe(); resolve(); }
    });
  });
}

function referenceOf(s: Services, item: UploadItem, languageId: string): string | undefined {
  if (item.state !== 'done' || !item.descriptor) return undefined;
  const cfg = readConfig();
  const ref = formatReference(item.descriptor, {
    languageId, style: cfg.referenceStyle, name: item.source.name, templates: cfg.templates,
  });
  s.references.set(item.id, ref);
  return ref;
}

/** Uploads a batch and puts the references where they were asked for. Never throws for a failed file. */
export async function runUpload(s: Services, req: UploadRequest): Promise<UploadResult> {
  const opts = itemOptions(req);
  const entries: QueueEntry[] = req.files.map(f => f.source
    ? { source: f.source, label: f.label, options: opts, reopen: f.reopen }
    : { ...failedEntry(f.label, f.error ?? new Error('No source.'), f.reopen), options: opts });
  const batch = s.session.queue.enqueue(entries);
  const files = new Map(batch.items.map((item, i) => [item.id, req.files[i]]));
  let cancelled = false;
  const cancel = () => { cancelled = true; for (const i of batch.items) s.session.queue.cancel(i.id); };
  const subs: vscode.Disposable[] = [];
  if (req.token) subs.push(req.token.onCancellationRequested(cancel));
  if (req.notifyProgress) subs.push(progressAfterDelay(s.session.queue, batch.items, batch.done, cancel));
  try {
    await batch.done;
  } finally {
    for (const d of subs) d.dispose();
  }
  const languageId = req.target?.languageId ?? req.languageId;
  const outcome = await deliver(s, req, batch.items, languageId);
  const failed = batch.items.filter(i => i.state === 'failed');
  if (failed.length && !req.token) {
    offerRetry(s, req, failed, batch.items.length, languageId);
  } else {
    // Paste/drop: the edit is VS Code's to apply, so there is nothing to retry into.
    if (failed.length) reportFailures(failed, batch.items.length, { showLog: () => s.log.show() });
    if (!req.keepTarget) req.target?.dispose();
  }
  await s.recents.remember(req.folder && req.folder !== '/' ? req.folder : undefined,
    batch.items.some(i => i.state === 'done') ? req.labels : []);

  const done = batch.items.filter(i => i.state === 'done').length;
  const status: UploadStatus = cancelled && done < batch.items.length ? 'cancelled'
    : done === batch.items.length ? 'done' : done > 0 ? 'partial' : batch.items.every(i => i.state === 'cancelled') ? 'cancelled' : 'failed';
  return {
    status,
    items: batch.items.map(i => ({
      label: i.label, file: files.get(i.id)?.uri?.toString(), state: i.state, id: i.descriptor?.id,
      url: i.descriptor?.url, reference: s.references.get(i.id), message: i.message, readyTimedOut: i.readyTimedOut,
    })),
    references: batch.items.map(i => s.references.get(i.id)).filter((r): r is string => r !== undefined),
    insertedInto: outcome?.where ?? 'none',
    text: outcome?.text,
    document: outcome?.document?.toString(),
    message: outcome?.reason,
  };
}

/** Formats the references of the finished items and puts them in the editor or on the clipboard. */
async function deliver(s: Services, req: UploadRequest, items: readonly UploadItem[], languageId: string): Promise<InsertOutcome | undefined> {
  const refs = items.map(i => referenceOf(s, i, languageId)).filter((r): r is string => r !== undefined);
  for (const i of items) {
    if (i.readyTimedOut) s.log.warn(`${i.label}: Wix was still processing it when the wait ended; its reference uses the static URL.`);
  }
  if (!refs.length || req.insert === 'none') return undefined;
  if (req.insert === 'editor' && req.target) {
    const outcome = await req.target.insert(refs);
    if (outcome.where === 'editor') s.log.info(`Inserted ${refs.length} reference(s) into ${outcome.document?.toString()}.`);
    else s.log.info(`Copied ${refs.length} reference(s) to the clipboard: ${outcome.reason}.`);
    return outcome;
  }
  const reason = req.insert === 'clipboard' ? 'the clipboard was asked for' : req.noTargetReason ?? 'no text editor was open';
  s.log.info(`Copied ${refs.length} reference(s) to the clipboard: ${reason}.`);
  return copyToClipboard(refs.join('\n'), reason, refs.length);
}

/** The batch's error notification; "Retry failed" re-queues those files and inserts their references after the others. */
function offerRetry(s: Services, req: UploadRequest, failed: readonly UploadItem[], total: number, languageId: string): void {
  const expire = setTimeout(() => req.target?.dispose(), RETRY_WINDOW_MS);
  const retry = async () => {
    clearTimeout(expire);
    const again = failed.filter(i => s.session.queue.canRetry(i.id)).map(i => s.session.queue.retry(i.id)).filter((i): i is UploadItem => !!i);
    if (!again.length) { req.target?.dispose(); return; }
    const progress = progressAfterDelay(s.session.queue, again, whenTerminal(s, again), () => again.forEach(i => s.session.queue.cancel(i.id)));
    await whenTerminal(s, again);
    progress.dispose();
    await deliver(s, req, again, languageId);
    const still = again.filter(i => i.state === 'failed');
    if (still.length) offerRetry(s, req, still, again.length, languageId);
    else req.target?.dispose();
  };
  reportFailures(failed, total, { showLog: () => s.log.show(), retry: () => void retry() });
}
