// The local Wix Media emulator: one node:http server playing www.wixapis.com and upload.wixmp.com on 127.0.0.1.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Folder, MediaType } from '../../src/wix/types';
import { checkAuth } from './auth';
import type { Ctx, Exchange } from './context';
import { control, isLoopback, type Controls } from './control';
import { applicationError, plainStatus, send, systemError, type HttpAnswer } from './errors';
import { FaultBook } from './faults';
import { DownloadLinks, staticStatus } from './downloads';
import { generate, getFile } from './files-api';
import { filesQueryRoute } from './files-query-routes';
import { FolderStore } from './folders';
import { createFolder, getFolder, listFolders } from './folders-api';
import { importFile } from './import-api';
import { readJson } from './json-body';
import { MediaLibrary } from './library';
import { RateLimiter, type RateLimit } from './rate-limit';
import { applyDelay, applyRouteFault, reply } from './route-faults';
import { querySites, type SiteEntry } from './sites';
import { TokenStore } from './tokens';
import { TusGateway } from './tus';
import type { EmulatorOptions, EmulatorState, EmulatorStats, Fault, FaultRoute, RecordedRequest, StoredFile } from './types';
import { handlePut } from './upload-put';

export type { EmulatorOptions, Fault, FaultRoute, RecordedRequest, StoredFile, EmulatorStats, EmulatorState } from './types';

const MB = 1024 * 1024;
/** Per-type defaults; the real limits live in a support article the docs only link to (§10). */
export const DEFAULT_LIMITS: Record<MediaType, number> = {
  IMAGE: 25 * MB, VECTOR: 25 * MB, VIDEO: 500 * MB, AUDIO: 500 * MB,
  DOCUMENT: 1024 * MB, ARCHIVE: 1024 * MB, MODEL3D: 1024 * MB, OTHER: 1024 * MB, UNKNOWN: 1024 * MB,
};

const zeroStats = (): EmulatorStats => ({ putBodyBytes: 0, tusPatchBytes: 0, tusCreates: 0, generateCalls: 0, resumableGenerateCalls: 0, uploadsInFlight: 0, maxUploadsInFlight: 0 });

export class WixEmulator {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly siteId: string;
  /** The account that owns the site; Query Sites wants it as wix-account-id. */
  readonly accountId: string;
  readonly requests: RecordedRequest[] = [];
  readonly stats: EmulatorStats = zeroStats();

  private readonly faultBook = new FaultBook();
  private readonly tokens: TokenStore;
  private readonly folderStore: FolderStore;
  private readonly library: MediaLibrary;
  private readonly tus: TusGateway;
  private readonly held = new Set<ServerResponse>();
  /** Upload requests whose exchange is not over yet (kept across reset(): they are still open). */
  private readonly uploadsOpen = new Set<RecordedRequest>();
  private readonly ctx: Ctx;
  private readonly limiter: RateLimiter;
  private readonly links = new DownloadLinks();
  private sitesPermission = true;
  private readonly sites: SiteEntry[];
  private stopped = false;

  private constructor(private readonly server: Server, port: number, private readonly opts: EmulatorOptions) {
    this.baseUrl = `http://${opts.host ?? '127.0.0.1'}:${port}`;
    this.apiKey = opts.apiKey ?? `IST.${randomBytes(24).toString('base64url')}`;
    this.siteId = opts.siteId ?? randomUUID();
    this.accountId = opts.accountId ?? randomUUID();
    this.limiter = new RateLimiter(opts.rateLimit);
    this.sites = [{ id: this.siteId, displayName: 'Emulated Wix Site' }, ...(opts.extraSites ?? [])];
    this.tokens = new TokenStore(opts.tokenPrefix ?? '');
    this.folderStore = new FolderStore(this.siteId);
    this.library = new MediaLibrary(this.siteId, this.folderStore, this.faultBook, opts.readyDelayMs ?? 300);
    this.ctx = {
      baseUrl: (opts.uploadBaseUrl ?? this.baseUrl).replace(/\/+$/, ''), apiKey: this.apiKey, siteId: this.siteId,
      tokens: this.tokens, folders: this.folderStore, faults: this.faultBook, library: this.library, stats: this.stats,
      uploadUrlTtlMs: opts.uploadUrlTtlMs ?? 24 * 3600_000,
      resumableTtlMs: opts.resumableTtlMs ?? 7 * 24 * 3600_000,
      descriptorHash: opts.descriptorHash ?? 'md5',
      limitFor: (t) => opts.maxBytesByType?.[t] ?? opts.maxFileBytes ?? DEFAULT_LIMITS[t],
      quotaLeft: () => (opts.quotaBytes === undefined ? undefined : opts.quotaBytes - this.library.usedBytes()),
      hold: (req, res) => this.hold(req, res),
    };
    this.tus = new TusGateway(this.ctx);
  }

  static async start(opts: EmulatorOptions = {}): Promise<WixEmulator> {
    const server = createServer({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    const emu = new WixEmulator(server, (server.address() as AddressInfo).port, opts);
    await emu.tus.init();
    server.on('request', (req, res) => void emu.route(req, res));
    return emu;
  }

  /** Stored files in arrival order. */
  get files(): StoredFile[] { return this.library.files; }
  /** Folders created by path or by the API (the built-in roots are not listed). */
  get folders(): Folder[] { return this.folderStore.created; }

  /** Rate-limit mode at run time (undefined turns it off), so one emulator serves every suite. */
  setRateLimit(limit: RateLimit | undefined): void {
    this.limiter.set(limit);
  }

  /** API calls refused with 429 since the rate-limit mode was last set. */
  get rateLimited(): number {
    return this.limiter.refused;
  }

  /** Whether the key may read the account's sites (Query Sites answers 403 without it). */
  setSitesPermission(allowed: boolean): void {
    this.sitesPermission = allowed;
  }

  /** Download links made by generate-file-download-url since the last reset. */
  get downloadLinks(): readonly { fileId: string; expirationInMinutes: number; expiresAt: number }[] {
    return this.links.issued;
  }

  /** What fetching `url` would answer: 403 for a private file's static URL or an expired link (README "Private files"). */
  urlStatus(url: string): number {
    return staticStatus(this.ctx, this.links, url);
  }

  inject(fault: Fault): void {
    this.faultBook.inject(fault);
  }

  clearFaults(): void {
    this.faultBook.clear();
    this.library.settlePending();
  }

  /** Forgets files, folders, tokens, requests, stats and faults; keeps the port, key and site. */
  reset(): void {
    this.faultBook.clear();
    this.library.clear();
    this.folderStore.reset();
    this.tokens.clear();
    this.requests.length = 0;
    this.links.clear();
    this.limiter.set(this.limiter.current);
    Object.assign(this.stats, zeroStats(), { uploadsInFlight: this.uploadsOpen.size, maxUploadsInFlight: this.uploadsOpen.size });
    this.tus.reset();
  }

  state(): EmulatorState & { faults: { fault: Fault; left: number }[] } {
    return { files: this.files, folders: this.folders, stats: this.stats, faults: this.faultBook.list() };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
    this.library.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await this.tus.close();
  }

  private hold(req: IncomingMessage, res: ServerResponse): void {
    // Never answer, but keep reading (and dropping) the body: a paused socket would never see the client's FIN,
    // so a request the client gave up on would stay open (CLOSE-WAIT) until stop().
    req.resume();
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
  }

  private controls(): Controls {
    return {
      inject: (f) => this.inject(f),
      clearFaults: () => this.clearFaults(),
      reset: () => this.reset(),
      state: () => this.state(),
      seedFolder: (path, parent) => this.folderStore.ensurePath(path, parent ?? 'media-root'),
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const record: RecordedRequest = {
      method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers }, at: Date.now(), bytesReceived: 0, status: 0, closed: false,
    };
    this.requests.push(record);
    // Counted from arrival to the response's close, which is how a client's concurrency bound shows from here.
    const isUpload = (record.method === 'PUT' || record.method === 'PATCH') && url.pathname.startsWith('/upload/');
    if (isUpload) {
      this.uploadsOpen.add(record);
      this.stats.uploadsInFlight = this.uploadsOpen.size;
      this.stats.maxUploadsInFlight = Math.max(this.stats.maxUploadsInFlight, this.uploadsOpen.size);
    }
    // closed: the response is over AND the handler has finished its bookkeeping (token released, file stored).
    let handled = false;
    let resClosed = false;
    const settle = () => {
      if (!handled || !resClosed || record.closed) return;
      record.closed = true;
      this.opts.log?.(`${record.method} ${redactPath(record.path)} -> ${record.status || 'no answer'} (${record.bytesReceived} B in, ${Date.now() - started} ms)`);
    };
    res.once('finish', () => { record.status = res.statusCode; });
    res.once('close', () => {
      if (isUpload && this.uploadsOpen.delete(record)) this.stats.uploadsInFlight = this.uploadsOpen.size;
      if (res.writableFinished) record.status = res.statusCode;
      resClosed = true;
      settle();
    });
    const ex: Exchange = { req, res, url, record };
    try {
      await this.dispatch(ex);
    } catch (e) {
      this.opts.log?.(`internal error on ${record.method} ${redactPath(record.path)}: ${(e as Error).message}`);
      reply(ex, systemError(500));
    }
    handled = true;
    settle();
  }

  private async dispatch(ex: Exchange): Promise<void> {
    const { req, res, url, record } = ex;
    const method = record.method;
    const path = url.pathname;

    if (path.startsWith('/__emulator/')) {
      if (!isLoopback(req)) return send(res, applicationError(403, 'FORBIDDEN', 'control endpoints answer loopback callers only'));
      const body = await this.body(ex);
      if (body === BAD) return;
      return send(res, control(this.controls(), method, path, body));
    }
    if (path === '/upload/tus' || path.startsWith('/upload/tus/')) return this.tus.handle(ex);
    if (path.startsWith('/download/media/') && method === 'GET') return this.links.serve(ex);
    if (path.startsWith('/upload/')) {
      // Upload URLs take PUT; anything else gets a plain status (README "Upload-host errors").
      if (method !== 'PUT') return reply(ex, plainStatus(405));
      return handlePut(this.ctx, ex, decodeURIComponent(path.slice('/upload/'.length)));
    }
    // Rate-limit mode counts API-host calls only, never the upload host (README "Rate-limit mode").
    const limited = this.limiter.admit();
    if (limited) return reply(ex, limited);
    if (path === '/site-list/v2/sites/query' && method === 'POST') {
      const body = await this.body(ex);
      if (body === BAD) return;
      return send(res, querySites(req, body, { apiKey: this.apiKey, accountId: this.accountId, sitesPermission: this.sitesPermission, sites: this.sites }));
    }
    if (!path.startsWith('/site-media/v1/')) return reply(ex, applicationError(404, 'NOT_FOUND', `no API at ${method} ${path}`));

    const rest = path.slice('/site-media/v1/'.length);
    const api = this.apiRoute(ex, rest);
    if (!api) return reply(ex, applicationError(404, 'NOT_FOUND', `no API at ${method} ${path}`));
    if (api.route === 'generate') this.stats.generateCalls++;
    if (api.route === 'generate-resumable') this.stats.resumableGenerateCalls++;
    const body = method === 'GET' ? undefined : await this.body(ex);
    if (body === BAD) return;
    if (applyRouteFault(this.ctx, ex, api.route)) return;
    const denied = checkAuth(req, this.apiKey, this.siteId);
    if (denied) return send(res, denied);
    await applyDelay(this.ctx, api.route);
    send(res, await api.run(body));
  }

  private apiRoute(ex: Exchange, rest: string): { route: FaultRoute; run: (body: unknown) => HttpAnswer | Promise<HttpAnswer> } | undefined {
    const c = this.ctx;
    const method = ex.record.method;
    const q = ex.url.searchParams;
    if (method === 'POST' && rest === 'files/generate-upload-url') return { route: 'generate', run: (b) => generate(c, b, false) };
    if (method === 'POST' && rest === 'files/generate-resumable-upload-url') return { route: 'generate-resumable', run: (b) => generate(c, b, true) };
    if (method === 'POST' && rest === 'files/generate-file-download-url') return { route: 'download-url', run: (b) => this.links.generate(c, b) };
    if (method === 'POST' && rest === 'files/import') return { route: 'import', run: (b) => importFile(c, b) };
    if (method === 'GET' && rest === 'files/get-file-by-id') return { route: 'get-file', run: () => getFile(c, q.get('fileId')) };
    const query = filesQueryRoute(c, method, rest, q);
    if (query) return query;
    // The 2023 form GET /files/{fileId}.
    if (method === 'GET' && rest.startsWith('files/')) return { route: 'get-file', run: () => getFile(c, decodeURIComponent(rest.slice(6))) };
    if (method === 'GET' && rest === 'folders') return { route: 'folders', run: () => listFolders(c, q) };
    if (method === 'POST' && rest === 'folders') return { route: 'folders', run: (b) => createFolder(c, b) };
    if (method === 'GET' && rest.startsWith('folders/')) return { route: 'folders', run: () => getFolder(c, decodeURIComponent(rest.slice(8))) };
    return undefined;
  }

  /** Reads and records a JSON body; answers 400 itself when it is not JSON. */
  private async body(ex: Exchange): Promise<unknown> {
    const r = await readJson(ex.req);
    ex.record.bytesReceived += r.bytes;
    if (!r.ok) {
      send(ex.res, { status: 400, body: { message: r.why, details: { validationError: { fieldViolations: [{ field: 'body', description: r.why, violatedRule: 'FORMAT', data: {} }] } } } });
      return BAD;
    }
    ex.record.body = r.value;
    return r.value;
  }
}

const BAD = Symbol('bad body');

/** Upload tokens never reach a log line. */
export function redactPath(path: string): string {
  if (path === '/upload/tus') return path;
  return path.replace(/^\/upload\/(tus\/)?.+$/, (_m, tus: string | undefined) => `/upload/${tus ?? ''}<redacted>`);
}
