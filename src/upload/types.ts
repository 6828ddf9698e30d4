// The upload engine's contract, shared by the CLI and the VS Code face.
import type { FileSource, MediaClient, UploadOptions } from '../wix/contract';
import type { FileDescriptor } from '../wix/types';
import type { ReuseIndex } from './reuse-index';

export type ItemState = 'queued' | 'uploading' | 'processing' | 'done' | 'failed' | 'cancelled';

export const TERMINAL_STATES: readonly ItemState[] = ['done', 'failed', 'cancelled'];

export function isTerminal(state: ItemState): boolean {
  return TERMINAL_STATES.includes(state);
}

/**
 * Bytes sent and to send over some items, as every progress display counts them: a failed or cancelled file
 * drops out, a done or processing one counts in full.
 */
export function byteProgress(items: Iterable<Pick<UploadItem, 'state' | 'total' | 'bytesSent'>>): { sent: number; total: number } {
  let sent = 0;
  let total = 0;
  for (const i of items) {
    if (i.state === 'failed' || i.state === 'cancelled') continue;
    total += i.total;
    sent += i.state === 'done' || i.state === 'processing' ? i.total : i.bytesSent;
  }
  return { sent, total };
}

/** Whole percent, rounded down (never 100 before the last byte), 0 when there is nothing to send. */
export function percentOf(sent: number, total: number): number {
  return total > 0 ? Math.floor((sent / total) * 100) : 0;
}

/** What one upload asks for: everything but the signal and progress callback, which the queue owns. */
export type ItemOptions = Omit<UploadOptions, 'signal' | 'onProgress'> & {
  /** Wait for operationStatus READY before the item is done (needed for sizes and wix:image URIs). */
  waitForReady?: boolean;
  readyTimeoutMs?: number;
  /** How long the download link of a private file works, in minutes (1 to 525 600). Default 600, Wix's default. */
  privateLinkMinutes?: number;
  /** Upload even when the same bytes are already on the site (skips content-hash reuse). */
  force?: boolean;
};

export interface UploadItem {
  readonly id: number;
  readonly source: FileSource;
  /** How to name the file to a person (a workspace-relative path, say). */
  readonly label: string;
  readonly options: ItemOptions;
  state: ItemState;
  bytesSent: number;
  total: number;
  /** The underlying error (a WixError when it came from Wix). */
  error?: Error;
  /** A sentence that names the file and says what to do. */
  message?: string;
  /** The site this item's run uploads to (its action's pin), when known. */
  siteId?: string;
  descriptor?: FileDescriptor;
  /** READY was asked for but the descriptor stayed PENDING past the bound (or polling it failed). */
  readyTimedOut?: boolean;
  /**
   * A private file's download link (its static URL answers 403): `descriptor.url` is this link, and it stops
   * working at `expiresAt` (ISO 8601).
   */
  privateLink?: { url: string; expiresAt: string };
  attempts: number;
  /**
   * Where a running upload is stuck, if it is: every byte is handed over and Wix has not answered yet, or the
   * client started another attempt after a failure and no byte of it has moved yet. Cleared when the item leaves
   * 'uploading'.
   */
  phase?: 'waiting-for-wix' | 'retrying';
  /** The client's attempt within this run (1 first); counts the automatic retries, not the user's. */
  attempt?: number;
  /** The bytes were already on the site: `descriptor` is that file and nothing was uploaded. Shown as "reused". */
  reused?: true;
  /** Hex sha256 of the bytes, once the lookup before upload has read them. */
  sha256?: string;
  startedAt?: number;
  endedAt?: number;
}

export interface QueueOptions {
  /** How many uploads run at once. Default 4. */
  concurrency?: number;
  /** The step before each upload that may find the file already on the site (content-hash reuse). */
  lookup?: UploadLookup;
}

/** What the lookup before an upload found: a file to reuse, or a callback for when the upload has ended. */
export interface LookupResult {
  existing?: FileDescriptor;
  /** Called once the upload ended: with its descriptor when it succeeded, with undefined otherwise. */
  done?: (d: FileDescriptor | undefined) => Promise<void>;
}

export interface UploadLookup {
  /** `reuse`: the settings the item's action pinned; without them the lookup goes by its own. */
  find(item: UploadItem, client: MediaClient, signal: AbortSignal, reuse?: ReuseSettings): Promise<LookupResult>;
}

/** anyFolder: a copy anywhere on the site counts; sameFolder: only one in the folder asked for; off: never reuse. */
export type ReuseScope = 'anyFolder' | 'sameFolder' | 'off';

/** Content-hash reuse as one action read it: off, or the site to look on and the indexes to look in. */
export type ReuseSettings =
  | { scope: 'off' }
  | { scope: Exclude<ReuseScope, 'off'>; siteId: string; indexes: readonly ReuseIndex[] };

/**
 * What one action (a command, a paste, a retry) read once and every call for its files goes by, so that a setting
 * changed mid-upload never splits one upload over two keys or sites: the client (key, site, base URL, rate limit
 * and proxy as they were) and the reuse settings.
 */
export interface ActionPin {
  client: MediaClient;
  /** The site that client uploads to (absent when no connection could be made). */
  siteId?: string;
  /** Absent: the queue's lookup goes by its own settings. */
  reuse?: ReuseSettings;
}

export type Unsubscribe = () => void;

/** A file to upload. `reopen` (optional) creates the source anew for a retry, so a changed file is re-read. */
export interface SourceEntry {
  source: FileSource;
  label?: string;
  options?: ItemOptions;
  reopen?: () => Promise<FileSource>;
  /** The action's client and settings; absent: the queue's own client. */
  pin?: ActionPin;
}

/**
 * A file whose source couldn't be made (missing, a directory, unreadable, empty…): it enters the queue already
 * failed, so it is reported beside the others. With `reopen` it can be retried.
 */
export interface FailedEntry {
  label: string;
  error: Error;
  options?: ItemOptions;
  reopen?: () => Promise<FileSource>;
  /** The client a retry runs on, until the retry gives a new one. */
  pin?: ActionPin;
}

export type QueueEntry = SourceEntry | FailedEntry;

export interface UploadBatch {
  readonly items: readonly UploadItem[];
  /** Settles when every item of the batch is done, failed or cancelled; never rejects. */
  readonly done: Promise<readonly UploadItem[]>;
}

export interface QueueSummary {
  counts: Record<ItemState, number>;
  /** Over items not cancelled or failed. */
  bytesSent: number;
  bytesTotal: number;
}
