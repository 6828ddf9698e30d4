// WixMediaClient: the Media Manager client the upload engine, the CLI and the VS Code face use (MediaClient).
import type { Dispatcher } from 'undici';
import type { ClientOptions, FileSource, MediaClient, UploadOptions, WaitOptions } from './contract';
import { generateDownloadLink, type DownloadLink } from './download-link';
import { WixError } from './errors';
import * as folders from './folders';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, WixHttp, type FullRetryPolicy } from './http';
import { DEFAULT_BASE_URL, DEFAULT_RESUMABLE_THRESHOLD_MB, MB } from './limits';
import { silentLogger } from './log';
import type { ProxySettings } from './proxy';
import { claimFile, findStoredUpload } from './lookup';
import { apiRateLimiter, type ApiRateLimiter, type RateLimitOptions } from './rate-limit';
import { cancelledError, withFileName } from './messages';
import { importFile, type ImportFileRequest } from './import-file';
import { mimeTypeFor } from './mime';
import { uploadViaPut } from './put-upload';
import { waitForReady, type PollOptions } from './ready';
import { redactingLogger, registerSecret } from './redact';
import { DEFAULT_TUS_CHUNK_BYTES, uploadViaTus } from './tus-upload';
import type {
  FileDescriptor, Folder, GenerateFileResumableUploadUrlRequest, GenerateFileResumableUploadUrlResponse,
  GenerateFileUploadUrlRequest, GenerateFileUploadUrlResponse,
} from './types';
import { validateUpload } from './validate';

export { DEFAULT_BASE_URL } from './limits';
/**
 * Above this, the resumable flow: Wix advises it above 10 MB, "or on poor networks", because any interruption kills a
 * plain upload (generate-file-upload-url's page). The product promises the same 10 MB. The tus upload is one streamed
 * PATCH, so over a real link it costs only its create and finalize round trips more than a PUT (test/bench/RESULTS.md,
 * W1). The setting (wixMedia.resumableThresholdMB, --threshold-mb) moves it.
 */
export const DEFAULT_RESUMABLE_THRESHOLD_BYTES = DEFAULT_RESUMABLE_THRESHOLD_MB * MB;
export const DEFAULT_USER_AGENT = 'wix-media-vscode/0.1';

/** ClientOptions plus knobs for tests and tuning. */
export interface WixClientOptions extends ClientOptions {
  retry?: Partial<FullRetryPolicy>;
  /** Connections per origin in the dedicated Agent. Default 8. */
  connections?: number;
  /** Abort an upload request when no byte moved for this long. Default requestTimeoutMs. */
  uploadIdleTimeoutMs?: number;
  /** Pauses between readiness polls. */
  readyPoll?: PollOptions;
  /** Send through this undici dispatcher (e.g. a ProxyAgent) instead of a dedicated Agent; close() leaves it open. */
  dispatcher?: Dispatcher;
  /** Send through a proxy (HTTPS_PROXY… for the CLI, http.proxy… for the extension); see proxy.ts. */
  proxy?: ProxySettings;
  /**
   * Wix's documented API rate (default 200 per 60 000 ms); the process-wide limiter for this key paces under it.
   * false: no pacing (tests of other things only).
   */
  rateLimit?: RateLimitOptions | false;
}

export type { DownloadLink } from './download-link';

/** Drops undefined fields, so only what was given goes on the wire. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export class WixMediaClient implements MediaClient {
  private readonly http: WixHttp;
  private readonly idleTimeoutMs: number;
  private readonly readyPoll: PollOptions;
  private readonly requestTimeoutMs: number;
  /** The process-wide pace for this key (undefined when switched off). */
  readonly limiter: ApiRateLimiter | undefined;
  private closed = false;

  constructor(opts: WixClientOptions) {
    if (!opts.apiKey) throw new Error('WixMediaClient: apiKey is required');
    if (!opts.siteId) throw new Error('WixMediaClient: siteId is required');
    registerSecret(opts.apiKey);
    const baseUrl = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const u = new URL(baseUrl); // throws early on a malformed base URL
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`WixMediaClient: unsupported baseUrl protocol ${u.protocol}`);
    const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const retry: FullRetryPolicy = { ...DEFAULT_RETRY, ...defined(opts.retry ?? {}) };
    this.idleTimeoutMs = opts.uploadIdleTimeoutMs ?? requestTimeoutMs;
    this.readyPoll = opts.readyPoll ?? {};
    this.requestTimeoutMs = requestTimeoutMs;
    const logger = redactingLogger(opts.logger ?? silentLogger);
    // One limiter per API host and key in the whole process: Wix counts per app instance, not per client.
    this.limiter = apiRateLimiter(baseUrl, opts.apiKey, opts.rateLimit, logger);
    this.http = new WixHttp({
      apiKey: opts.apiKey,
      siteId: opts.siteId,
      baseUrl,
      logger,
      limiter: this.limiter,
      retry,
      requestTimeoutMs,
      userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
      connections: opts.connections,
      dispatcher: opts.dispatcher,
      proxy: opts.proxy,
    });
  }

  generateUploadUrl(req: GenerateFileUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileUploadUrlResponse> {
    return this.http.api<GenerateFileUploadUrlResponse>('POST', '/site-media/v1/files/generate-upload-url', {
      body: defined(req), signal, what: 'generate-upload-url', fileName: req.fileName,
    });
  }

  generateResumableUploadUrl(req: GenerateFileResumableUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileResumableUploadUrlResponse> {
    return this.http.api<GenerateFileResumableUploadUrlResponse>('POST', '/site-media/v1/files/generate-resumable-upload-url', {
      body: defined(req), signal, what: 'generate-resumable-upload-url', fileName: req.fileName,
    });
  }

  async uploadFile(source: FileSource, opts: UploadOptions = {}): Promise<FileDescriptor> {
    const { signal } = opts;
    if (signal?.aborted) throw cancelledError(source.name);
    const mimeType = opts.mimeType ?? mimeTypeFor(source.name);
    const resumable = source.size > (opts.resumableThresholdBytes ?? DEFAULT_RESUMABLE_THRESHOLD_BYTES);
    validateUpload(
      { fileName: source.name, size: source.size, mimeType, filePath: opts.filePath, parentFolderId: opts.parentFolderId, labels: opts.labels, externalInfo: opts.externalInfo },
      { resumable, maxFileSizeBytes: opts.maxFileSizeBytes },
    );
    const common = defined({
      mimeType,
      fileName: source.name,
      sizeInBytes: String(source.size),
      filePath: opts.filePath,
      parentFolderId: opts.parentFolderId,
      labels: opts.labels,
      private: opts.private,
    });
    const started = Date.now();
    const how = resumable ? 'resumable (tus)' : 'plain PUT';
    const lookup = async (since: number, signal?: AbortSignal): Promise<FileDescriptor | undefined> => {
      try {
        return await findStoredUpload(this.http, { name: source.name, size: source.size, parentFolderId: opts.parentFolderId, filePath: opts.filePath, since }, signal);
      } catch (e) {
        if (e instanceof WixError && e.kind === 'cancelled') throw e;
        this.http.logger.warn(`Looking for ${source.name} in the Media Manager failed (${e instanceof Error ? e.message : String(e)}); uploading again`);
        return undefined;
      }
    };
    this.http.logger.debug(`Uploading ${source.name} (${source.size} bytes, ${mimeType}) via ${how}`);
    try {
      const file = resumable
        ? await uploadViaTus(
          {
            http: this.http, idleTimeoutMs: this.idleTimeoutMs, requestTimeoutMs: this.requestTimeoutMs, lookup,
            generateResumableUploadUrl: (r, s) => this.generateResumableUploadUrl(r, s),
          },
          source,
          { ...common, uploadProtocol: 'TUS' },
          { signal, onProgress: opts.onProgress, chunkSizeBytes: opts.tusChunkSizeBytes ?? DEFAULT_TUS_CHUNK_BYTES },
        )
        : await uploadViaPut(
          { http: this.http, idleTimeoutMs: this.idleTimeoutMs, lookup, generateUploadUrl: (r, s) => this.generateUploadUrl(r, s) },
          source,
          defined({ ...common, externalInfo: opts.externalInfo }),
          { signal, onProgress: opts.onProgress },
        );
      claimFile(file.id);
      if (resumable && opts.externalInfo) this.http.logger.debug(`externalInfo is not part of resumable uploads; not sent for ${source.name}`);
      this.http.logger.info(`Uploaded ${source.name} (${source.size} bytes) in ${Date.now() - started} ms as ${file.id} (${file.operationStatus})`);
      return file;
    } catch (e) {
      const err = e instanceof WixError ? withFileName(e, source.name) : e;
      if (err instanceof WixError && err.kind === 'cancelled') this.http.logger.info(`Upload of ${source.name} cancelled`);
      else this.http.logger.info(`Upload of ${source.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  async getFileDescriptor(fileId: string, signal?: AbortSignal): Promise<FileDescriptor> {
    const res = await this.http.api<{ file: FileDescriptor }>('GET', '/site-media/v1/files/get-file-by-id', {
      query: { fileId }, signal, what: 'get-file',
    });
    return res.file;
  }

  waitForReady(fileId: string, opts: WaitOptions = {}): Promise<FileDescriptor> {
    return waitForReady((id, s) => this.getFileDescriptor(id, s), fileId, { ...this.readyPoll, ...opts, logger: this.http.logger });
  }

  /**
   * A link that reads a private file (its static URL answers 403): POST generate-file-download-url (Wix: Generate File Download URL).
   * `expirationInMinutes`: 1 to 525 600; Wix's default is 600.
   */
  generateFileDownloadUrl(fileId: string, expirationInMinutes: number, signal?: AbortSignal): Promise<DownloadLink> {
    return generateDownloadLink(this.http, fileId, expirationInMinutes, signal);
  }


  /** Import File: Wix fetches the URL itself (the answer is PENDING; wait for READY). */
  importFile(req: ImportFileRequest, signal?: AbortSignal): Promise<FileDescriptor> {
    return importFile(this.http, req, signal);
  }

  listFolders(parentFolderId?: string, signal?: AbortSignal): Promise<Folder[]> {
    return folders.listFolders(this.http, parentFolderId, signal);
  }

  createFolder(displayName: string, parentFolderId?: string, signal?: AbortSignal): Promise<Folder> {
    return folders.createFolder(this.http, displayName, parentFolderId, signal);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.http.close();
  }
}
