// Polling until Wix has processed an upload (Wix: "Importing files", knowing when a file is ready): backoff 0.5 s, 1 s, 2 s, … capped, bounded by timeoutMs.
import type { WaitOptions } from './contract';
import type { Logger } from './log';
import { sleep } from './http';
import { wixError } from './messages';
import type { FileDescriptor } from './types';

export const DEFAULT_READY_TIMEOUT_MS = 30_000;

export interface PollOptions {
  /** First pause between polls. Default 500 ms; then doubled up to maxDelayMs. */
  initialDelayMs?: number;
  /** Default 4 s. */
  maxDelayMs?: number;
}

/**
 * Polls `get` until READY (returned) or FAILED (WixError PROCESSING_FAILED).
 * When `timeoutMs` runs out the last, still PENDING descriptor is returned: the file exists, it just isn't processed yet.
 */
export async function waitForReady(
  get: (fileId: string, signal?: AbortSignal) => Promise<FileDescriptor>,
  fileId: string,
  opts: WaitOptions & PollOptions & { logger?: Logger } = {},
): Promise<FileDescriptor> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const first = opts.initialDelayMs ?? 500;
  const cap = Math.max(first, opts.maxDelayMs ?? 4000);
  const deadline = Date.now() + timeoutMs;
  for (let n = 0; ; n++) {
    const d = await get(fileId, opts.signal);
    if (d.operationStatus === 'READY') return d;
    if (d.operationStatus === 'FAILED') {
      throw wixError({ kind: 'application', code: 'PROCESSING_FAILED', fileName: d.displayName || undefined });
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      opts.logger?.info(`${d.displayName || fileId} is still ${d.operationStatus} after ${timeoutMs} ms; returning it as it is`);
      return d;
    }
    // The last pause is clipped to the deadline, so one final poll happens right at it.
    await sleep(Math.min(left, first * 2 ** n, cap), opts.signal, d.displayName || undefined);
  }
}
