// Owns the Wix client and the one upload queue of this window. Each action pins the client of its moment on its
// queue entries (action-pin.ts); the queue's own client, for an entry without one, picks up the current key, site
// and base URL on each call, so a new key or site needs no new queue.
import * as vscode from 'vscode';
import type { FileSource, MediaClient, UploadOptions, WaitOptions } from '../wix/contract';
import { WixMediaClient } from '../wix/client';
import type { Logger } from '../wix/log';
import { wixError } from '../wix/messages';
import { UploadQueue } from '../upload/queue';
import type { GenerateFileResumableUploadUrlRequest, GenerateFileUploadUrlRequest } from '../wix/types';
import { readConfig, type WixMediaConfig } from './config';
import { affectsProxy, proxySettings } from './proxy-settings';
import type { KeyStore } from './secrets';

export interface Connection {
  apiKey: string;
  siteId: string;
  baseUrl: string;
}

export function noKeyError() {
  return wixError({
    kind: 'local', code: 'NO_API_KEY',
    detail: "No Wix API key is set. Run 'Wix Media: Set API Key' and paste a key from the Wix API Keys Manager.",
  });
}

export function noSiteError() {
  return wixError({
    kind: 'local', code: 'NO_SITE_ID',
    detail: "No Wix site is selected. Run 'Wix Media: Select Site' or set wixMedia.siteId.",
  });
}

export class MediaSession implements vscode.Disposable {
  readonly queue: UploadQueue;
  private cached?: { conn: Connection; client: WixMediaClient; rate: string };
  private readonly retired: WixMediaClient[] = [];
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly keys: KeyStore, private readonly log: Logger, private readonly userAgent: string) {
    this.queue = new UploadQueue(this.delegate(), { concurrency: readConfig().concurrency, logger: log });
    this.subs.push(vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('wixMedia.concurrency')) this.queue.setConcurrency(readConfig().concurrency);
      // A new proxy takes a new client; in-flight uploads finish on the old one.
      if (affectsProxy(e) && this.cached) { this.retired.push(this.cached.client); this.cached = undefined; }
    }));
  }

  /**
   * The key, and the site and base URL of `cfg` (the settings as the action read them; now by default); throws a
   * clear error when the key or site is missing.
   */
  async connection(cfg: Pick<WixMediaConfig, 'siteId' | 'apiBaseUrl'> = readConfig()): Promise<Connection> {
    const apiKey = await this.keys.get();
    if (!apiKey) throw noKeyError();
    if (!cfg.siteId) throw noSiteError();
    return { apiKey, siteId: cfg.siteId, baseUrl: cfg.apiBaseUrl };
  }

  /** The shared client for the connection in force now (the queue's fallback, for an entry without a pin). */
  async client(): Promise<MediaClient> {
    return (await this.connect()).client;
  }

  /** The connection of `cfg` (read now by default) and the shared client for it, from one reading of the settings. */
  async connect(cfg: WixMediaConfig = readConfig()): Promise<{ conn: Connection; client: MediaClient }> {
    const conn = await this.connection(cfg);
    const c = this.cached;
    const rate = JSON.stringify(cfg.apiRateLimit);
    if (c && c.conn.apiKey === conn.apiKey && c.conn.siteId === conn.siteId && c.conn.baseUrl === conn.baseUrl && c.rate === rate) return { conn, client: c.client };
    // In-flight uploads may still use the old client (it is pinned on their entries): close it only on dispose.
    if (c) this.retired.push(c.client);
    const client = this.create(conn, { rateLimit: cfg.apiRateLimit });
    this.cached = { conn, client, rate };
    this.log.debug(`Using the Wix API at ${conn.baseUrl} for site ${conn.siteId}.`);
    return { conn, client };
  }

  /** A client for a connection that is not stored (checking a key before saving it); the caller closes it. */
  create(conn: Connection, opts: { retries?: number; rateLimit?: WixMediaConfig['apiRateLimit'] } = {}): WixMediaClient {
    return new WixMediaClient({
      apiKey: conn.apiKey, siteId: conn.siteId, baseUrl: conn.baseUrl, logger: this.log, userAgent: this.userAgent,
      retry: opts.retries === undefined ? undefined : { maxAttempts: opts.retries },
      // Someone is waiting for the reference: poll readiness at least every 2 s.
      readyPoll: { initialDelayMs: 500, maxDelayMs: 2000 },
      proxy: proxySettings(),
      rateLimit: opts.rateLimit ?? readConfig().apiRateLimit,
    });
  }

  private delegate(): MediaClient {
    const c = () => this.client();
    return {
      generateUploadUrl: async (req: GenerateFileUploadUrlRequest, signal?: AbortSignal) => (await c()).generateUploadUrl(req, signal),
      generateResumableUploadUrl: async (req: GenerateFileResumableUploadUrlRequest, signal?: AbortSignal) =>
        (await c()).generateResumableUploadUrl(req, signal),
      uploadFile: async (source: FileSource, opts?: UploadOptions) => (await c()).uploadFile(source, opts),
      getFileDescriptor: async (id: string, signal?: AbortSignal) => (await c()).getFileDescriptor(id, signal),
      waitForReady: async (id: string, opts?: WaitOptions) => (await c()).waitForReady(id, opts),
      listFolders: async (parent?: string, signal?: AbortSignal) => (await c()).listFolders(parent, signal),
      generateFileDownloadUrl: async (id: string, minutes: number, signal?: AbortSignal) => (await c()).generateFileDownloadUrl!(id, minutes, signal),
      createFolder: async (name: string, parent?: string, signal?: AbortSignal) => (await c()).createFolder(name, parent, signal),
      close: async () => undefined,
    };
  }

  dispose(): void {
    this.queue.dispose();
    for (const s of this.subs) s.dispose();
    const all = [...this.retired, ...(this.cached ? [this.cached.client] : [])];
    this.cached = undefined;
    for (const c of all) void c.close().catch(() => undefined);
  }
}
