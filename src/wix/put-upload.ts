// Plain upload (Wix: Generate File Upload URL + Upload API): generate-upload-url, then PUT the bytes streamed from disk.
// A failed PUT is retried with a FRESH upload URL (the old one may be spent) and the file re-read from byte 0.
// When the answer was lost after the whole body went out, the file may be stored: look it up before uploading
// again (lookup.ts), so a file is stored once.
import type { FileSource } from './contract';
import { WixError } from './errors';
import { parseUploadHostError } from './errors-parse';
import { describeShort, sleep, withQuery, type WixHttp } from './http';
import { UPLOAD_RULE_NAMES, wixError } from './messages';
import { registerSecret } from './redact';
import { lookAfterPauses, LOOKUP_PAUSES_MS } from './lookup';
import { descriptorOfAnswer } from './upload-answer';
import type { FileDescriptor, GenerateFileUploadUrlRequest, GenerateFileUploadUrlResponse } from './types';

export interface PutContext {
  http: WixHttp;
  generateUploadUrl(req: GenerateFileUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileUploadUrlResponse>;
  idleTimeoutMs: number;
  /** The file this upload stored, found by listing (after an ambiguous answer); undefined when none. */
  lookup?: (since: number, signal?: AbortSignal) => Promise<FileDescriptor | undefined>;
}

export interface PutOptions {
  signal?: AbortSignal;
  onProgress?: (bytesSent: number, total: number) => void;
}

/** Masks the token part of an upload URL in every later log line or error. */
export function registerUploadUrl(uploadUrl: string): void {
  try {
    const u = new URL(uploadUrl);
    const segs = u.pathname.split('/').filter(Boolean);
    const i = segs.lastIndexOf('upload');
    for (const s of i >= 0 ? segs.slice(i + 1) : segs.slice(-1)) if (s !== 'tus') registerSecret(decodeURIComponent(s), { transient: true });
    for (const [k, v] of u.searchParams) if (/token|sig/i.test(k)) registerSecret(v, { transient: true });
  } catch {
    // Not a URL: nothing to register; redact()'s patterns still apply.
  }
}

/** Only Wix's own "resource exhausted" is rate limiting; a plain 429 from the upload host is a reused one-time URL. */
const RATE_LIMIT_CODES = ['RESOURCE_EXHAUSTED'];

/**
 * An upload-host 4xx that means "this URL is used up or expired" (a reused one-time token is a 429 per Wix's error list; test/emulator/README.md, an expired
 * one a 403): anything but Wix's own upload validation codes, which a fresh URL would not fix, and plain rate limiting.
 */
export function isSpentUrl(e: unknown): boolean {
  if (!(e instanceof WixError) || e.status === undefined || e.status < 400 || e.status >= 500) return false;
  if (UPLOAD_RULE_NAMES.includes(e.code)) return false;
  return e.status !== 429 || !RATE_LIMIT_CODES.includes(e.code);
}

/**
 * No answer although every byte went out (connection dropped, timeout): Wix may have stored the file.
 * test/emulator/README.md "Lost answers".
 */
export function isAmbiguous(e: unknown, bytesSent: number, size: number): boolean {
  return e instanceof WixError && (e.kind === 'network' || e.kind === 'timeout') && bytesSent >= size;
}

/** One PUT of the whole file to `uploadUrl`; never retried here. `sent.bytes` tells how much went out. */
export async function putOnce(
  http: WixHttp, uploadUrl: string, source: FileSource, mimeType: string, idleTimeoutMs: number, opts: PutOptions,
  sent: { bytes: number } = { bytes: 0 },
): Promise<FileDescriptor> {
  const url = withQuery(uploadUrl, 'filename', source.name);
  opts.onProgress?.(0, source.size);
  sent.bytes = 0;
  const res = await http.send({
    method: 'PUT',
    url,
    headers: { 'content-type': mimeType, 'content-length': String(source.size) },
    body: source.chunks ? source.chunks(0) : source.open(0),
    signal: opts.signal,
    idleTimeoutMs,
    fileName: source.name,
    onBodyProgress: (n) => {
      sent.bytes = n;
      opts.onProgress?.(n, source.size);
    },
  });
  if (res.status < 200 || res.status >= 300) throw parseUploadHostError(res.status, res.text, res.headers, source.name);
  return descriptorOfAnswer(res, source.name, 'upload');
}

/** generate + PUT with retries: each retry asks for a fresh URL; a spent/expired URL gets one free refresh. */
export async function uploadViaPut(ctx: PutContext, source: FileSource, req: GenerateFileUploadUrlRequest, opts: PutOptions): Promise<FileDescriptor> {
  const { http } = ctx;
  const max = Math.max(1, http.retry.maxAttempts);
  let refreshedSpent = false;
  const since = Date.now();
  for (let attempt = 1; ; ) {
    const { uploadUrl } = await ctx.generateUploadUrl(req, opts.signal);
    if (!uploadUrl) {
      throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', fileName: source.name, detail: 'generate-upload-url returned no uploadUrl' });
    }
    registerUploadUrl(uploadUrl);
    const sent = { bytes: 0 };
    try {
      return await putOnce(http, uploadUrl, source, req.mimeType, ctx.idleTimeoutMs, opts, sent);
    } catch (e) {
      if (!(e instanceof WixError) || e.kind === 'cancelled' || e.kind === 'local') throw e;
      if (ctx.lookup && isAmbiguous(e, sent.bytes, source.size)) {
        http.logger.info(`Upload of ${source.name}: no answer after the whole file was sent (${describeShort(e)}); looking for it in the Media Manager before uploading again`);
        // Wix may still be storing it (an answer that timed out): look again after pauses, as the tus path does.
        const lookup = ctx.lookup;
        const found = await lookAfterPauses(() => lookup(since, opts.signal), LOOKUP_PAUSES_MS, opts.signal, source.name);
        if (found) {
          http.logger.info(`Upload of ${source.name}: Wix had stored it as ${found.id}; using that file`);
          return found;
        }
        http.logger.info(`Upload of ${source.name}: not stored; uploading again`);
      }
      if (!refreshedSpent && isSpentUrl(e)) {
        refreshedSpent = true;
        http.logger.info(`Upload of ${source.name}: the upload URL was refused (${describeShort(e)}); asking for a fresh one`);
        continue;
      }
      if (!e.retryable || attempt >= max) throw e;
      const delay = http.delayFor(attempt, e.retryAfterMs);
      attempt++;
      http.logger.warn(`Upload of ${source.name} failed (${describeShort(e)}); attempt ${attempt} of ${max} with a fresh URL in ${delay} ms`);
      await sleep(delay, opts.signal, source.name);
    }
  }
}
