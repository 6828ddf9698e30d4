// Running one upload batch, whoever gathered it: enqueue, progress, wait, format the references and put them
// where the request's destination says (an editor place, a paste/drop placeholder, the clipboard, or only the
// result), report failures. The commands, paste, drop, "Retry failed" and the failure marker's Quick Fix all
// run through runUpload; gathering (arguments, pickers, prompts, validation) stays with each entry point.
import type * as vscode from 'vscode';
import { eolOf } from './eol';
import { failureMarker } from '../upload/placeholder';
import { failedEntry, isTerminal } from '../upload/queue';
import { formatReference } from '../upload/reference';
import type { ActionPin, ItemOptions, QueueEntry, UploadItem } from '../upload/types';
import type { FileSource } from '../wix/contract';
import { bytesRefused, isTransient } from '../wix/messages';
import { pinAction } from './action-pin';
import { referenceFormat, type ReferenceFormat, type WixMediaConfig } from './config';
import { progressAfterDelay, reportFailures } from './notify';
import { notifyPrivateLinks } from './private-links';
import type { Services } from './services';
import { copyToClipboard, type InsertionTarget, type InsertOutcome, type PlaceholderTarget } from './insertion-target';
import { sourceFor } from './workspace-files';

/** A file about to be uploaded: its source, or why there is none. */
export interface PlannedFile {
  label: string;
  uri?: vscode.Uri;
  source?: FileSource;
  error?: Error;
  reopen?: () => Promise<FileSource>;
}

/**
 * Where the references go, chosen by the entry point: a tracked place in an editor (commands), a paste/drop
 * placeholder swapped for them (failures leave a marker there), the clipboard (no editor to go to, or asked
 * for), or nowhere (returned to the caller only).
 */
export type Destination =
  | { kind: 'editor'; target: InsertionTarget }
  | { kind: 'placeholder'; target: PlaceholderTarget }
  | { kind: 'clipboard'; languageId: string; reason: string }
  | { kind: 'returned'; languageId: string };

export interface UploadRequest {
  files: readonly PlannedFile[];
  /** Media Manager folder path (filePath), relative to `folderId` when set; '/' or undefined: no path. */
  folder?: string;
  /** The ID of a folder the user browsed into (parentFolderId): names it for sure, unlike a path of names. */
  folderId?: string;
  /** The whole folder path as the user saw it (log, recent list); defaults to `folder`. */
  folderLabel?: string;
  labels: readonly string[];
  private: boolean;
  /** The alt text of every reference (the text a paste replaced); default: from the file's name. */
  alt?: string;
  /** Skip content-hash reuse: upload even when the bytes are already on the site. */
  force?: boolean;
  destination: Destination;
  /** The settings as the action read them, once: every file of this upload goes by them. */
  config: WixMediaConfig;
  /** The client and reuse settings the action took with `config` (default: taken from it when the upload starts). */
  pin?: ActionPin;
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
  /** A private file's reference is a download link that stops working then (ISO 8601). */
  linkExpiresAt?: string;
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

export function itemOptions(req: Pick<UploadRequest, 'folder' | 'folderId' | 'labels' | 'private' | 'force' | 'config'>): ItemOptions {
  const cfg = req.config;
  return {
    filePath: req.folder && req.folder !== '/' ? req.folder : undefined,
    parentFolderId: req.folderId,
    labels: req.labels.length ? [...req.labels] : undefined,
    private: req.private || undefined,
    resumableThresholdBytes: cfg.resumableThresholdBytes,
    maxFileSizeBytes: cfg.maxFileSizeBytes,
    waitForReady: cfg.waitForReady,
    readyTimeoutMs: cfg.readyTimeoutMs,
    privateLinkMinutes: cfg.privateLinkMinutes,
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

function referenceOf(s: Services, item: UploadItem, format: ReferenceFormat, alt?: string): string | undefined {
  if (item.state !== 'done' || !item.descriptor) return undefined;
  const ref = formatReference(item.descriptor, { ...format, name: item.source.name, alt });
  s.references.set(item.id, ref);
  return ref;
}

/** The language the references are written for. */
export function languageOf(d: Destination): string {
  return d.kind === 'editor' || d.kind === 'placeholder' ? d.target.languageId : d.languageId;
}

/** Files (already expanded from folders) to sources, or the reason each can't be read. */
export async function planFiles(files: readonly { uri: vscode.Uri; label: string }[],
  problems: readonly { uri: vscode.Uri; label: string; error: Error }[] = []): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (const f of files) {
    const reopen = () => sourceFor(f.uri, f.label);
    try {
      planned.push({ label: f.label, uri: f.uri, source: await sourceFor(f.uri, f.label), reopen });
    } catch (e) {
      planned.push({ label: f.label, uri: f.uri, error: e as Error, reopen });
    }
  }
  for (const p of problems) planned.push({ label: p.label, uri: p.uri, error: p.error });
  return planned;
}

/**
 * Uploads a batch and puts the references where the request's destination says. Never throws for a failed
 * file. Every entry point (the commands, paste, drop, "Retry failed", the marker's Quick Fix) runs through here.
 */
export async function runUpload(s: Services, req: UploadRequest): Promise<UploadResult> {
  const opts = itemOptions(req);
  const pin = req.pin ?? await pinAction(s, req.config);
  const dest = req.destination;
  // How the references are written is read now too, with the rest of the action's settings.
  const format = referenceFormat(languageOf(dest), req.config.templates);
  const entries: QueueEntry[] = req.files.map(f => f.source
    ? { source: f.source, label: f.label, options: opts, reopen: f.reopen, pin }
    : { ...failedEntry(f.label, f.error ?? new Error('No source.'), f.reopen, pin), options: opts });
  const batch = s.session.queue.enqueue(entries);
  const files = new Map(batch.items.map((item, i) => [item.id, req.files[i]]));
  let cancelled = false;
  const cancel = () => { cancelled = true; for (const i of batch.items) s.session.queue.cancel(i.id); };
  // A placeholder shows the progress in the document itself; the status bar shows it too.
  const progress = dest.kind === 'placeholder' ? undefined : progressAfterDelay(s.session.queue, batch.items, batch.done, cancel);
  try {
    await batch.done;
  } finally {
    progress?.dispose();
  }
  const failed = batch.items.filter(i => i.state === 'failed');
  const uploaded = batch.items.filter(i => i.state === 'done').length;
  const outcome = dest.kind === 'placeholder'
    ? await deliverToPlaceholder(s, req, dest.target, batch.items, files, format)
    : await deliver(s, dest, batch.items, format);
  notifyPrivateLinks(s, batch.items);
  if (dest.kind !== 'placeholder') {
    if (failed.length) offerRetry(s, dest, failed, batch.items.length, format, uploaded);
    else if (dest.kind === 'editor') dest.target.dispose();
  }
  const folderLabel = req.folderLabel ?? req.folder;
  await s.recents.remember(folderLabel ? { display: folderLabel, id: req.folderId, siteId: pin.siteId, filePath: req.folder && req.folder !== '/' ? req.folder : undefined } : undefined,
    batch.items.some(i => i.state === 'done') ? req.labels : []);

  const done = batch.items.filter(i => i.state === 'done').length;
  const status: UploadStatus = cancelled && done < batch.items.length ? 'cancelled'
    : done === batch.items.length ? 'done' : done > 0 ? 'partial' : batch.items.every(i => i.state === 'cancelled') ? 'cancelled' : 'failed';
  return {
    status,
    items: batch.items.map(i => ({
      label: i.label, file: files.get(i.id)?.uri?.toString(), state: i.state, id: i.descriptor?.id,
      url: i.descriptor?.url, reference: s.references.get(i.id), message: i.message, readyTimedOut: i.readyTimedOut,
      linkExpiresAt: i.privateLink?.expiresAt,
    })),
    references: batch.items.map(i => s.references.get(i.id)).filter((r): r is string => r !== undefined),
    insertedInto: outcome?.where ?? 'none',
    text: outcome?.text,
    document: outcome?.document?.toString(),
    message: outcome?.reason,
  };
}

function formatAll(s: Services, items: readonly UploadItem[], format: ReferenceFormat, alt?: string): string[] {
  for (const i of items) {
    if (i.readyTimedOut) s.log.warn(`${i.label}: Wix was still processing it when the wait ended; its reference uses the static URL.`);
  }
  return items.map(i => referenceOf(s, i, format, alt)).filter((r): r is string => r !== undefined);
}

/** Formats the references of the finished items and puts them in the editor or on the clipboard. */
async function deliver(s: Services, dest: Exclude<Destination, { kind: 'placeholder' }>, items: readonly UploadItem[],
  format: ReferenceFormat): Promise<InsertOutcome | undefined> {
  const refs = formatAll(s, items, format);
  if (!refs.length || dest.kind === 'returned') return undefined;
  if (dest.kind === 'editor') {
    const outcome = await dest.target.insert(refs);
    if (outcome.where === 'editor') s.log.info(`Inserted ${refs.length} reference(s) into ${outcome.document?.toString()}.`);
    else s.log.info(`Copied ${refs.length} reference(s) to the clipboard: ${outcome.reason}.`);
    return outcome;
  }
  s.log.info(`Copied ${refs.length} reference(s) to the clipboard: ${dest.reason}.`);
  return copyToClipboard(refs.join('\n'), dest.reason, refs.length);
}

/**
 * Swaps a placeholder for the references; a failed file leaves a marker instead, with a Quick Fix that
 * uploads the same bytes again (kept until the marker is gone).
 */
async function deliverToPlaceholder(s: Services, req: UploadRequest, target: PlaceholderTarget, items: readonly UploadItem[],
  files: ReadonlyMap<number, PlannedFile>, format: ReferenceFormat): Promise<InsertOutcome | undefined> {
  const languageId = target.languageId;
  const refs = formatAll(s, items, format, req.alt);
  const failed = items.filter(i => i.state !== 'done');
  try {
    if (!failed.length) {
      const outcome = await target.insert(refs);
      s.log.info(outcome.where === 'editor' ? `Swapped the placeholder for ${refs.length} reference(s).`
        : `Copied ${refs.length} reference(s) to the clipboard: ${outcome.reason}.`);
      return outcome;
    }
    const eol = eolOf(target.document);
    const markers = failed.map(i => failureMarker(languageId, i.label));
    const text = [...refs, ...markers].join(eol);
    const outcome = await target.replace(text);
    if (outcome.where === 'editor') {
      s.markers.keep(target.document, failed.map((i, n) => ({
        marker: markers[n], file: files.get(i.id) ?? { label: i.label, error: new Error(i.message ?? 'failed') }, bytesRefused: bytesRefused(i.error),
        request: { folder: req.folder, folderId: req.folderId, labels: req.labels, private: req.private },
      })));
    }
    reportFailures(failed.filter(i => i.state === 'failed'), items.length, { showLog: () => s.log.show() });
    return outcome;
  } finally {
    target.dispose();
  }
}

/** The batch's error notification; "Retry failed" re-queues those files and inserts their references after the others. */
function offerRetry(s: Services, dest: Exclude<Destination, { kind: 'placeholder' }>, failed: readonly UploadItem[], total: number,
  format: ReferenceFormat, uploaded: number): void {
  const disposeTarget = () => { if (dest.kind === 'editor') dest.target.dispose(); };
  const expire = setTimeout(disposeTarget, RETRY_WINDOW_MS);
  const retry = async () => {
    clearTimeout(expire);
    // Only what a retry can fix: a corrupt or unsupported file sent again is a second broken copy.
    const retriable = failed.filter(i => isTransient(i.error) && s.session.queue.canRetry(i.id));
    if (!retriable.length) { disposeTarget(); return; }
    // A new action: the key and site in force now (the user may have fixed them since), read once for all.
    const pin = await pinAction(s);
    const again = retriable.map(i => s.session.queue.retry(i.id, pin)).filter((i): i is UploadItem => !!i);
    if (!again.length) { disposeTarget(); return; }
    const progress = progressAfterDelay(s.session.queue, again, whenTerminal(s, again), () => again.forEach(i => s.session.queue.cancel(i.id)));
    await whenTerminal(s, again);
    progress.dispose();
    await deliver(s, dest, again, format);
    const still = again.filter(i => i.state === 'failed');
    if (still.length) offerRetry(s, dest, still, again.length, format, again.length - still.length);
    else disposeTarget();
  };
  reportFailures(failed, total, { showLog: () => s.log.show(), retry: () => void retry(), uploaded });
}
