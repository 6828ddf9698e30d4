// Resumable upload (Wix: Resumable Upload API): generate-resumable-upload-url, tus 1.0.0 (core + creation) with tus-js-client, then finalize.
// tus-js-client talks through our undici-based HttpStack, so requests share the Agent, the timeouts and the redacted
// logging, and never carry the Wix Authorization header. It resumes after a failure by asking the server (HEAD)
// for its offset, so only the unacknowledged part of one chunk is sent again.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { DetailedError } from 'tus-js-client';
import type { FileSource } from './contract';
import { WixError } from './errors';
import { parseUploadHostError } from './errors-parse';
import { describeShort, withQuery, type FullRetryPolicy, type WixHttp } from './http';
import { cancelledError, localError, wixError } from './messages';
import { registerSecret, redact } from './redact';
import { SourceInput, SourceReader } from './tus-source-reader';
import { UndiciTusStack } from './tus-http-stack';
import { lookAfterPauses, LOOKUP_PAUSES_MS } from './lookup';
import { descriptorOfAnswer } from './upload-answer';
import type { FileDescriptor, GenerateFileResumableUploadUrlRequest, GenerateFileResumableUploadUrlResponse } from './types';

/**
 * One streamed PATCH for the whole file (tus-js-client's own default, and the form of Wix's example): after a break
 * the library asks the server (HEAD) for its offset and streams the rest, so resuming re-sends only what the server
 * had not stored. Fixed chunks cost a round trip each (8 MiB chunks: 8 waits for a 64 MiB file) and bought nothing
 * more: test/bench/RESULTS.md, W1 and P1d.
 */
export const DEFAULT_TUS_CHUNK_BYTES = Number.POSITIVE_INFINITY;

export interface TusContext {
  http: WixHttp;
  generateResumableUploadUrl(req: GenerateFileResumableUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileResumableUploadUrlResponse>;
  idleTimeoutMs: number;
  /** The client's time bound for an answer; the finalize gets more, growing with the file's size. */
  requestTimeoutMs?: number;
  /** The file this upload stored, found by listing (after an ambiguous finalize); undefined when none. */
  lookup?: (since: number, signal?: AbortSignal) => Promise<FileDescriptor | undefined>;
}

export interface TusOptions {
  signal?: AbortSignal;
  onProgress?: (bytesSent: number, total: number) => void;
  chunkSizeBytes?: number;
}

/**
 * tus-js-client's pauses before its retries: 0, base, 3·base, 6·base, … (capped), maxAttempts of them.
 * The library starts the count over whenever the upload made progress, so only a stuck upload runs out.
 */
export function tusRetryDelays(p: FullRetryPolicy): number[] {
  const n = Math.max(0, p.maxAttempts);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.min(p.maxDelayMs, p.baseDelayMs * (i === 1 ? 1 : 3 * 2 ** (i - 2)))));
}

/** tus error -> WixError: our own transport error if there was one, else the server's answer, else the library's text. */
function mapTusError(err: Error | DetailedError, fileName: string, signal?: AbortSignal): WixError {
  if (signal?.aborted) return cancelledError(fileName);
  if (err instanceof WixError) return err;
  const d = err as Partial<DetailedError>;
  if (d.causingError instanceof WixError) return d.causingError;
  const res = d.originalResponse;
  if (res) {
    return parseUploadHostError(res.getStatus(), res.getBody() ?? '', { 'retry-after': res.getHeader('Retry-After') }, fileName);
  }
  if (/source is done after/.test(err.message)) return localError('FILE_CHANGED', fileName);
  return wixError({ kind: 'http', code: 'TUS_FAILED', fileName, detail: redact(err.message) });
}

function isRetryableTus(err: DetailedError): boolean {
  if (err.causingError instanceof WixError) return err.causingError.retryable;
  const status = err.originalResponse?.getStatus() ?? 0;
  if (status === 0) return true;
  return status === 409 || status === 423 || status === 429 || status >= 500;
}

/** Runs the tus upload to completion (every byte acknowledged). */
function runTus(ctx: TusContext, source: FileSource, endpoint: string, uploadToken: string, mimeType: string, opts: TusOptions): Promise<void> {
  const { http } = ctx;
  const { signal } = opts;
  // A path lets tus-js-client read each slice itself (fs.createReadStream per chunk, any offset: resumable);
  // other sources are re-opened at each slice start by SourceReader.
  const input: Readable | SourceInput = source.path && !source.chunks ? createReadStream(source.path) : new SourceInput(source);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (e?: WixError) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (input instanceof Readable) input.destroy();
      if (e) reject(e);
      else resolve();
    };
    // Loaded on first use: only files above the resumable threshold need it, and it costs start-up time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (start-up time)
    const { Upload } = require('tus-js-client') as typeof import('tus-js-client');
    const upload = new Upload(input as never, {
      endpoint,
      uploadSize: source.size,
      chunkSize: opts.chunkSizeBytes ?? DEFAULT_TUS_CHUNK_BYTES,
      metadata: { filename: source.name, contentType: mimeType, token: uploadToken },
      headers: {},
      retryDelays: tusRetryDelays(http.retry),
      removeFingerprintOnSuccess: true,
      storeFingerprintForResuming: false,
      httpStack: new UndiciTusStack(http, ctx.idleTimeoutMs, source.name, signal),
      fileReader: new SourceReader(),
      onShouldRetry: (err, attempt) => {
        const again = !signal?.aborted && isRetryableTus(err);
        const e = mapTusError(err, source.name, signal);
        if (again) http.logger.warn(`Resumable upload of ${source.name}: ${describeShort(e)}; resuming (retry ${attempt + 1})`);
        return again;
      },
      onProgress: (sent, total) => opts.onProgress?.(sent, total),
      onSuccess: () => finish(),
      onError: (err) => finish(mapTusError(err, source.name, signal)),
    });
    const onAbort = () => {
      // abort(true) also asks the server to drop the partial upload (tus termination), best effort.
      upload.abort(true).catch(() => {});
      finish(cancelledError(source.name));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}

/** Wix assembles a resumable upload before the finalize answers: one request timeout per 4 MiB more, capped. */
export const FINALIZE_TIMEOUT_PER_BYTES = 4 * 1024 * 1024;
export const MAX_FINALIZE_TIMEOUT_MS = 30 * 60_000;

export function finalizeTimeoutMs(requestTimeoutMs: number, size: number): number {
  return Math.min(MAX_FINALIZE_TIMEOUT_MS, Math.round(requestTimeoutMs * (1 + size / FINALIZE_TIMEOUT_PER_BYTES)));
}


/** generate-resumable-upload-url + tus + finalize PUT {uploadUrl}/{uploadToken}?filename=. */
export async function uploadViaTus(
  ctx: TusContext,
  source: FileSource,
  req: GenerateFileResumableUploadUrlRequest,
  opts: TusOptions,
): Promise<FileDescriptor> {
  const since = Date.now();
  const gen = await ctx.generateResumableUploadUrl(req, opts.signal);
  if (!gen.uploadUrl || !gen.uploadToken) {
    throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', fileName: source.name, detail: 'generate-resumable-upload-url returned no uploadUrl/uploadToken' });
  }
  registerSecret(gen.uploadToken, { transient: true });
  opts.onProgress?.(0, source.size);
  await runTus(ctx, source, gen.uploadUrl, gen.uploadToken, req.mimeType, opts);
  return finalize(ctx, source, gen.uploadUrl, gen.uploadToken, since, opts.signal);
}

/**
 * The finalize PUT. Its token is single-use, so after an answer that never came (dropped or timed out) the file
 * may be stored and a retry refused: look the file up before trying again, and again when a retry is refused.
 */
async function finalize(ctx: TusContext, source: FileSource, uploadUrl: string, uploadToken: string, since: number, signal?: AbortSignal): Promise<FileDescriptor> {
  const { http } = ctx;
  const finalizeUrl = withQuery(`${uploadUrl.replace(/\/+$/, '')}/${encodeURIComponent(uploadToken)}`, 'filename', source.name);
  const timeout = finalizeTimeoutMs(ctx.requestTimeoutMs ?? http.opts.requestTimeoutMs, source.size);
  let ambiguous = false;
  const lookup = async (why: string, pauses: number[]): Promise<FileDescriptor | undefined> => {
    const look = ctx.lookup;
    if (!look) return undefined;
    http.logger.info(`Finalizing ${source.name}: ${why}; looking for it in the Media Manager`);
    const found = await lookAfterPauses(() => look(since, signal), pauses, signal, source.name);
    if (found) http.logger.info(`Finalizing ${source.name}: Wix had stored it as ${found.id}; using that file`);
    return found;
  };
  return http.withRetry(`Finalizing ${source.name}`, async () => {
    let res;
    try {
      res = await http.send({
        method: 'PUT',
        url: finalizeUrl,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal,
        fileName: source.name,
        headersTimeoutMs: timeout,
      });
    } catch (e) {
      if (!(e instanceof WixError) || (e.kind !== 'network' && e.kind !== 'timeout')) throw e;
      ambiguous = true;
      const found = await lookup(`no answer (${describeShort(e)})`, [0]);
      if (found) return found;
      throw e;
    }
    if (res.status < 200 || res.status >= 300) {
      const err = parseUploadHostError(res.status, res.text, res.headers, source.name);
      // After a lost answer, a refusal of the single-use token means the first finalize went through.
      if (ambiguous && res.status >= 400 && res.status < 500) {
        const found = await lookup(`the retried finalize was refused (${describeShort(err)})`, LOOKUP_PAUSES_MS);
        if (found) return found;
      }
      throw err;
    }
    return descriptorOfAnswer(res, source.name, 'finalize');
  }, signal, source.name);
}
