// Resumable upload (§4): generate-resumable-upload-url, tus 1.0.0 (core + creation) with tus-js-client, then finalize.
// tus-js-client talks through our undici-based HttpStack, so requests share the Agent, the timeouts and the redacted
// logging, and never carry the Wix Authorization header. It resumes after a failure by asking the server (HEAD)
// for its offset, so only the unacknowledged part of one chunk is sent again.
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { Upload, defaultOptions, type DetailedError, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import type { FileSource } from './api';
import { WixError } from './errors';
import { parseErrorResponse } from './errors-parse';
import { describeShort, parseJson, withQuery, type FullRetryPolicy, type SendResult, type WixHttp } from './http';
import { cancelledError, localError, wixError } from './messages';
import { registerSecret, redact } from './redact';
import type { FileDescriptor, GenerateFileResumableUploadUrlRequest, GenerateFileResumableUploadUrlResponse } from './types';

export const DEFAULT_TUS_CHUNK_BYTES = 8 * 1024 * 1024;

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

/** tus-js-client's pauses before each retry: 0, base, 3·base, 6·base, … (capped), one per attempt after the first. */
export function tusRetryDelays(p: FullRetryPolicy): number[] {
  const n = Math.max(0, p.maxAttempts);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.min(p.maxDelayMs, p.baseDelayMs * (i === 1 ? 1 : 3 * 2 ** (i - 2)))));
}

class StackResponse implements HttpResponse {
  constructor(private readonly res: SendResult) {}
  getStatus(): number {
    return this.res.status;
  }
  getHeader(name: string): string | undefined {
    const v = this.res.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }
  getBody(): string {
    return this.res.text;
  }
  getUnderlyingObject(): unknown {
    return this.res;
  }
}

class StackRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private progress: (bytesSent: number) => void = () => {};
  private readonly ctrl = new AbortController();

  constructor(private readonly method: string, private readonly url: string, private readonly owner: UndiciTusStack) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.progress = handler;
  }

  async send(body: unknown): Promise<HttpResponse> {
    const { http, idleTimeoutMs, fileName } = this.owner;
    let payload: Buffer | Readable | undefined;
    const headers = { ...this.headers };
    if (body instanceof Readable) {
      payload = body;
      const size = (body as Readable & { size?: number }).size;
      if (size !== undefined) headers['content-length'] = String(size);
    } else if (body instanceof Uint8Array) {
      payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    } else if (body != null) {
      throw new Error('unsupported tus body');
    }
    // The whole-upload signal applies to everything but the termination request sent after a cancel.
    const signals = [this.ctrl.signal];
    if (this.owner.signal && this.method !== 'DELETE') signals.push(this.owner.signal);
    const res = await http.send({
      method: this.method as 'PATCH',
      url: this.url,
      headers,
      body: payload,
      signal: AbortSignal.any(signals),
      idleTimeoutMs: payload ? idleTimeoutMs : undefined,
      onBodyProgress: payload ? (n) => this.progress(n) : undefined,
      fileName,
    });
    return new StackResponse(res);
  }

  abort(): Promise<void> {
    this.ctrl.abort();
    return Promise.resolve();
  }

  getUnderlyingObject(): unknown {
    return undefined;
  }
}

/** tus-js-client HttpStack over our WixHttp (undici). Never adds Wix auth headers: http.send strips them anyway. */
export class UndiciTusStack implements HttpStack {
  constructor(
    readonly http: WixHttp,
    readonly idleTimeoutMs: number,
    readonly fileName: string,
    readonly signal?: AbortSignal,
  ) {}
  createRequest(method: string, url: string): HttpRequest {
    return new StackRequest(method, url, this);
  }
  getName(): string {
    return 'UndiciTusStack';
  }
}

/** The first `n` bytes of `src`, then end (and let go of `src`). */
function take(src: Readable, n: number): Readable & { size: number } {
  let left = n;
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (left <= 0) return cb();
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      this.push(part);
      if (left <= 0) {
        this.push(null);
        src.unpipe(this);
        src.destroy();
      }
      cb();
    },
  }) as Transform & { size: number };
  out.size = n;
  src.once('error', (e) => out.destroy(e));
  out.once('close', () => src.destroy());
  src.pipe(out);
  return out;
}

/**
 * tus-js-client reads slices through this. A FileSource is sliced by re-opening it at the slice start (the FileSource
 * contract: `open` is called for each slice), so a resume can start at any offset and nothing is buffered;
 * anything else (the fs.ReadStream given for files on disk) goes to the library's own node reader.
 */
class SourceReader {
  openFile(input: unknown, chunkSize: number) {
    if (input instanceof SourceInput) {
      const src = input.source;
      return Promise.resolve({
        size: src.size,
        slice: (start: number, end: number) => {
          const stop = Math.min(end, src.size);
          return Promise.resolve({ value: take(src.open(start), stop - start), done: stop >= src.size });
        },
        close: () => {},
      });
    }
    return defaultOptions.fileReader.openFile(input, chunkSize);
  }
}

class SourceInput {
  constructor(readonly source: FileSource) {}
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
  const input: Readable | SourceInput = source.path ? createReadStream(source.path) : new SourceInput(source);
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
