// tus-js-client's HttpStack over WixHttp (undici): tus requests share the client's Agent, timeouts and redacted
// logging, and can never carry the Wix Authorization header (WixHttp.send strips it from non-API requests).
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import type { Method, SendResult, WixHttp } from './http';

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
    let payload: Buffer | Readable | AsyncIterable<Buffer> | undefined;
    const headers = { ...this.headers };
    if (body instanceof Readable) {
      payload = body;
      const size = (body as Readable & { size?: number }).size;
      if (size !== undefined) headers['content-length'] = String(size);
    } else if (body && typeof body === 'object' && Symbol.asyncIterator in body && typeof (body as { size?: unknown }).size === 'number') {
      payload = body as AsyncIterable<Buffer>;
      headers['content-length'] = String((body as unknown as { size: number }).size);
    } else if (body instanceof Uint8Array) {
      payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    } else if (body != null) {
      throw new Error('unsupported tus body');
    }
    // The whole-upload signal applies to everything but the termination request sent after a cancel.
    const signals = [this.ctrl.signal];
    if (this.owner.signal && this.method !== 'DELETE') signals.push(this.owner.signal);
    const res = await http.send({
      method: this.method as Method,
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

/** One per upload: carries the upload's signal, idle bound and file name into every tus request. */
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
