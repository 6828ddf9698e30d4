// Resumable upload (§4): generate-resumable-upload-url, tus 1.0.0 (core + creation) with tus-js-client, then finalize.
// tus-js-client talks through our undici-based HttpStack, so requests share the Agent, the timeouts and the redacted
// logging, and never carry the Wix Authorization header. It resumes after a failure by asking the server (HEAD)
// for its offset, so only the unacknowledged part of one chunk is sent again.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { DetailedError } from 'tus-js-client';
import type { FileSource } from './api';
import { WixError } from './errors';
import { parseErrorResponse } from './errors-parse';
import { describeShort, parseJson, withQuery, type FullRetryPolicy, type WixHttp } from './http';
import { cancelledError, localError, wixError } from './messages';
import { registerSecret, redact } from './redact';
import { SourceInput, SourceReader } from './tus-source-reader';
import { UndiciTusStack } from './tus-http-stack';
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
    return parseErrorResponse(res.getStatus(), res.getBody() ?? '', { 'retry-after': res.getHeader('Retry-After') }, fileName);
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

/** generate-resumable-upload-url + tus + finalize PUT {uploadUrl}/{uploadToken}?filename=. */
export async function uploadViaTus(
  ctx: TusContext,
  source: FileSource,
  req: GenerateFileResumableUploadUrlRequest,
  opts: TusOptions,
): Promise<FileDescriptor> {
  const { http } = ctx;
  const gen = await ctx.generateResumableUploadUrl(req, opts.signal);
  if (!gen.uploadUrl || !gen.uploadToken) {
    throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', fileName: source.name, detail: 'generate-resumable-upload-url returned no uploadUrl/uploadToken' });
  }
  registerSecret(gen.uploadToken, { transient: true });
  opts.onProgress?.(0, source.size);
  await runTus(ctx, source, gen.uploadUrl, gen.uploadToken, req.mimeType, opts);

  const finalizeUrl = withQuery(`${gen.uploadUrl.replace(/\/+$/, '')}/${encodeURIComponent(gen.uploadToken)}`, 'filename', source.name);
  return http.withRetry(`Finalizing ${source.name}`, async () => {
    const res = await http.send({
      method: 'PUT',
      url: finalizeUrl,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: opts.signal,
      fileName: source.name,
    });
    if (res.status < 200 || res.status >= 300) throw parseErrorResponse(res.status, res.text, res.headers, source.name);
    const { file } = parseJson<{ file?: FileDescriptor }>(res, source.name);
    if (!file?.id) {
      throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', status: res.status, fileName: source.name, detail: 'the finalize answer had no file descriptor' });
    }
    return file;
  }, opts.signal, source.name);
}
