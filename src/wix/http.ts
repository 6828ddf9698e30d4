// The one place requests leave from: a dedicated undici Agent, timeouts, error mapping, retries with backoff,
// and a redacted debug line per request. Wix API calls carry the key; upload-host calls never do.
import { Readable, Transform } from 'node:stream';
import type { Agent as AgentType, Dispatcher } from 'undici';
import { Agent, requestVia } from './undici-core';
import type { RetryPolicy } from './contract';
import { WixError } from './errors';
import { FileChangedError } from './file-chunks';
import { parseErrorResponse } from './errors-parse';
import { hasProxy, proxyDispatcher, proxyLogLine, type ProxySettings } from './proxy';
import { silentLogger, type Logger } from './log';
import { cancelledError, localError, wixError } from './messages';
import { sendPaced, type ApiRateLimiter } from './rate-limit';
import { redact, redactUrl } from './redact';

export type FullRetryPolicy = RetryPolicy & {
  /** Upper bound on a server's Retry-After. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY: FullRetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECTIONS = 8;
const MAX_TRACE_BODY = 2000;
/** Bodies of a buffer are handed to the socket in slices so progress moves smoothly. */
const BUFFER_SLICE = 256 * 1024;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD' | 'DELETE';

export interface SendSpec {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable | AsyncIterable<Buffer> | null;
  signal?: AbortSignal;
  /** Abort when no body byte has moved (and no answer came) for this long. Uploads only. */
  idleTimeoutMs?: number;
  /** Called with the body bytes handed to the connection so far. */
  onBodyProgress?: (bytesSent: number) => void;
  /** Names the file in errors. */
  fileName?: string;
  /** Wait this long for the answer's headers instead of the client's request timeout (a large file's finalize). */
  headersTimeoutMs?: number;
}

export interface SendResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  bytesSent: number;
}

export interface HttpOptions {
  apiKey: string;
  siteId: string;
  baseUrl: string;
  logger: Logger;
  retry: FullRetryPolicy;
  requestTimeoutMs: number;
  userAgent: string;
  connections?: number;
  /** Use this dispatcher instead of a dedicated Agent (it is then not closed by close()). */
  dispatcher?: Dispatcher;
  /** Send through a proxy (see proxy.ts); ignored when `dispatcher` is given. */
  proxy?: ProxySettings;
  /** Paces every API-host call (never upload-host ones); see rate-limit.ts. */
  limiter?: ApiRateLimiter;
}

/** An Agent for one client: keep-alive for the API and upload hosts, bounded connections, timeouts on every request. */
export function createDispatcher(requestTimeoutMs: number, connections = DEFAULT_CONNECTIONS, proxy?: ProxySettings): Dispatcher {
  const options: AgentType.Options = {
    connections,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
    connect: { timeout: Math.min(requestTimeoutMs, 15_000) },
  };
  return proxyDispatcher(proxy, options) ?? new Agent(options);
}

const HEADER_DENYLIST_FOR_UPLOADS = ['authorization', 'wix-site-id', 'wix-account-id', 'cookie'];

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const CLOSED_CODES = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

class IdleTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no progress for ${ms} ms`);
  }
}

function errCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'string' ? c : undefined;
}

/** Any thrown thing from undici/streams -> WixError (network, timeout, cancelled or local). */
export function mapTransportError(e: unknown, ctx: { signal?: AbortSignal; fileName?: string }): WixError {
  if (ctx.signal?.aborted) return cancelledError(ctx.fileName);
  if (e instanceof WixError) return e;
  if (e instanceof IdleTimeout) {
    return wixError({ kind: 'timeout', code: 'TIMEOUT', detail: e.message, fileName: ctx.fileName });
  }
  const code = errCode(e) ?? errCode((e as { cause?: unknown })?.cause);
  const message = e instanceof Error ? e.message : String(e);
  if (code && TIMEOUT_CODES.has(code)) {
    return wixError({ kind: 'timeout', code: 'TIMEOUT', detail: `${code}: ${message}`, fileName: ctx.fileName, cause: e });
  }
  if (code && CLOSED_CODES.has(code)) {
    return wixError({ kind: 'cancelled', code: 'CLIENT_CLOSED', detail: 'the client was closed', fileName: ctx.fileName, cause: e });
  }
  if (code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') {
    return localError('FILE_CHANGED', ctx.fileName, undefined, e);
  }
  // undici's proxy agents say a refused proxy login as "(407)" in the message, whether forwarding or tunnelling.
  if (/\(407\)/.test(message)) {
    return wixError({ kind: 'network', code: 'PROXY_AUTH_REQUIRED', detail: 'the proxy answered 407 Proxy Authentication Required: its user name or password is missing or wrong', fileName: ctx.fileName, cause: e });
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL' || code === 'ERR_INVALID_CHAR') {
    return localError('INVALID_REQUEST', ctx.fileName, `The request could not be built: ${message}.`, e);
  }
  if ((e as { name?: string })?.name === 'AbortError') return cancelledError(ctx.fileName);
  return wixError({ kind: 'network', code: code ?? 'NETWORK_ERROR', detail: code ? `${code}: ${message}` : message, fileName: ctx.fileName, cause: e });
}

/** Sleeps `ms`; rejects with a cancelled WixError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal, fileName?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(fileName));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(fileName));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Appends `name=value` to a URL, before any fragment, with & when it already has a query. */
export function withQuery(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const frag = hash >= 0 ? url.slice(hash) : '';
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}${frag}`;
}

function bufferStream(buf: Buffer): Readable {
  return Readable.from((function* slices() {
    for (let i = 0; i < buf.length; i += BUFFER_SLICE) yield buf.subarray(i, Math.min(buf.length, i + BUFFER_SLICE));
  })());
}

export class WixHttp {
  readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(readonly opts: HttpOptions) {
    this.ownsDispatcher = !opts.dispatcher;
    this.dispatcher = opts.dispatcher ?? createDispatcher(opts.requestTimeoutMs, opts.connections, opts.proxy);
    if (!opts.dispatcher && hasProxy(opts.proxy)) opts.logger.info(proxyLogLine(opts.proxy));
  }

  get logger(): Logger {
    return this.opts.logger;
  }

  get retry(): FullRetryPolicy {
    return this.opts.retry;
  }

  /** Backoff before attempt `attempt + 1`: exponential with jitter, or the server's Retry-After (capped). */
  delayFor(attempt: number, retryAfterMs?: number): number {
    const p = this.opts.retry;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, p.maxRetryAfterMs);
    const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + (Math.random() * exp) / 2);
  }

  /**
   * Runs `fn` until it succeeds, fails with a non-retryable error, or maxAttempts is reached.
   * Only WixErrors that say `retryable` (429, 5xx, network, timeout) are tried again.
   */
  async withRetry<T>(what: string, fn: (attempt: number) => Promise<T>, signal?: AbortSignal, fileName?: string): Promise<T> {
    const max = Math.max(1, this.opts.retry.maxAttempts);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelledError(fileName);
      try {
        return await fn(attempt);
      } catch (e) {
        if (signal?.aborted) throw cancelledError(fileName);
        if (!(e instanceof WixError) || !e.retryable || attempt >= max) throw e;
        const delay = this.delayFor(attempt, e.retryAfterMs);
        this.logger.warn(`${what} failed (${describeShort(e)}); attempt ${attempt + 1} of ${max} in ${delay} ms`);
        await sleep(delay, signal, fileName);
      }
    }
  }

  /** Headers for a Wix API call: the raw key (no "Bearer"), the site, JSON. */
  private apiHeaders(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      authorization: this.opts.apiKey,
      'wix-site-id': this.opts.siteId,
      accept: 'application/json',
      'user-agent': this.opts.userAgent,
    };
    if (hasBody) h['content-type'] = 'application/json';
    return h;
  }

  /**
   * Wix's clock minus ours, from the Date header of the last API answer (RFC 9110 §6.6.1; whole seconds, so it
   * reads up to 1 s low). 0 until an answer carried one. Used to compare our times with Wix's createdDate.
   */
  clockOffsetMs = 0;

  private noteServerClock(date: string | string[] | undefined): void {
    const at = Date.parse(Array.isArray(date) ? date[0] : date ?? '');
    if (!Number.isNaN(at)) this.clockOffsetMs = at - Date.now();
  }

  /** A Wix REST call (path under baseUrl), retried per policy; non-2xx -> WixError from the envelope. */
  async api<T>(
    method: Method,
    path: string,
    opts: { query?: Record<string, string | undefined>; body?: unknown; signal?: AbortSignal; what?: string; fileName?: string } = {},
  ): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) qs.append(k, v);
    const url = `${this.opts.baseUrl}${path}${qs.size ? `?${qs.toString()}` : ''}`;
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const limiter = this.opts.limiter;
    return this.withRetry(opts.what ?? `${method} ${path}`, async () => {
      const res = await sendPaced(limiter, () => this.send({ method, url, headers: this.apiHeaders(body !== undefined), body, signal: opts.signal, fileName: opts.fileName }, true), opts.signal, opts.fileName);
      this.noteServerClock(res.headers.date);
      if (res.status < 200 || res.status >= 300) throw parseErrorResponse(res.status, res.text, res.headers, opts.fileName);
      return parseJson<T>(res, opts.fileName);
    }, opts.signal, opts.fileName);
  }

  /**
   * One request, never retried. Non-2xx answers are returned, not thrown; transport failures throw WixError.
   * `withAuth` false (uploads): Authorization and wix-site-id are stripped whatever the caller passed.
   */
  async send(spec: SendSpec, withAuth = false): Promise<SendResult> {
    const { method, url, fileName } = spec;
    if (spec.signal?.aborted) {
      if (spec.body instanceof Readable) spec.body.destroy();
      throw cancelledError(fileName);
    }
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent, ...spec.headers };
    if (!withAuth) for (const k of Object.keys(headers)) if (HEADER_DENYLIST_FOR_UPLOADS.includes(k.toLowerCase())) delete headers[k];

    const idle = new AbortController();
    const signal = spec.signal ? AbortSignal.any([spec.signal, idle.signal]) : idle.signal;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (!spec.idleTimeoutMs) return;
      if (timer) timer.refresh();
      else timer = setTimeout(() => idle.abort(new IdleTimeout(spec.idleTimeoutMs!)), spec.idleTimeoutMs);
    };

    let sent = 0;
    let source: Readable | undefined;
    let body: string | Buffer | Readable | AsyncIterable<Buffer> | null | undefined = spec.body;
    if (body && typeof body === 'object' && !(body instanceof Readable) && !Buffer.isBuffer(body) && Symbol.asyncIterator in body) {
      // Handed to undici as is (no stream in between, which would read ahead into buffers the source reuses).
      const chunks = body;
      body = (async function* counted() {
        try {
          for await (const chunk of chunks) {
            sent += chunk.length;
            arm();
            spec.onBodyProgress?.(sent);
            yield chunk;
          }
        } catch (e) {
          if (e instanceof WixError) throw e;
          if (e instanceof FileChangedError) throw localError('FILE_CHANGED', fileName, undefined, e);
          throw localError('FILE_READ_FAILED', fileName, `Reading the file failed: ${(e as Error).message}.`, e);
        }
      })();
    }
    if (Buffer.isBuffer(body) && spec.onBodyProgress) body = bufferStream(body);
    if (body instanceof Readable) {
      // Count bytes as undici pulls them: progress and the idle timer without buffering anything.
      source = body;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          sent += chunk.length;
          arm();
          spec.onBodyProgress?.(sent);
          cb(null, chunk);
        },
      });
      source.on('error', (e) => {
        counter.destroy(e instanceof WixError ? e : localError('FILE_READ_FAILED', fileName, `Reading the file failed: ${(e as Error).message}.`, e));
      });
      counter.once('close', () => source?.destroy());
      source.pipe(counter);
      body = counter;
    } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      sent = Buffer.byteLength(body);
    }

    const started = Date.now();
    // Redacting costs real time per request in a batch; a silent logger writes nothing, so skip it there.
    const quiet = this.logger === silentLogger;
    const shown = quiet ? '' : redactUrl(url);
    arm();
    try {
      // undici takes async iterables as bodies (writeIterable); its typings list only streams and buffers.
      const res = await requestVia(this.dispatcher, url, {
        method, headers, body: body as string | Buffer | Readable | null | undefined, signal,
        ...(spec.headersTimeoutMs ? { headersTimeout: spec.headersTimeoutMs } : {}),
      });
      if (timer) clearTimeout(timer);
      const text = method === 'HEAD' ? (await res.body.dump(), '') : await res.body.text();
      const ms = Date.now() - started;
      this.logger.debug(`HTTP ${method} ${shown} -> ${res.statusCode} in ${ms} ms${sent ? ` (${sent} bytes sent)` : ''}`);
      if (text && !quiet) this.logger.trace(`HTTP ${method} ${shown} response: ${redact(text.length > MAX_TRACE_BODY ? `${text.slice(0, MAX_TRACE_BODY)}…` : text)}`);
      return { status: res.statusCode, headers: res.headers, text, bytesSent: sent };
    } catch (e) {
      const reason = idle.signal.aborted ? idle.signal.reason : e;
      const err = mapTransportError(reason, { signal: spec.signal, fileName });
      this.logger.debug(`HTTP ${method} ${shown} -> failed after ${Date.now() - started} ms: ${describeShort(err)}`);
      throw err;
    } finally {
      if (timer) clearTimeout(timer);
      if (source && !source.destroyed) source.destroy();
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

export function parseJson<T>(res: SendResult, fileName?: string): T {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw wixError({
      kind: 'http', code: 'INVALID_RESPONSE', status: res.status, fileName,
      detail: `the answer was not JSON (${res.text.length} characters)`,
    });
  }
}

/** "503 SERVICE_UNAVAILABLE", "network ECONNRESET", "timeout": for log lines. */
export function describeShort(e: WixError): string {
  const status = e.status ? `${e.status} ` : '';
  const detail = e.kind === 'network' || e.kind === 'timeout' ? `${e.kind} ${e.detail ?? e.code}` : `${status}${e.code}`;
  return redact(detail);
}
