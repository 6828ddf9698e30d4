// Reading the Media Manager (List Files, Search Files, Get Folder) and Bulk Delete, for the hover and the view.
// Shapes: test/emulator/README.md "Listing and trash" (Wix's List Files / Search Files / Bulk Delete Files pages).
import { generateDownloadLink, type DownloadLink } from './download-link';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, WixHttp } from './http';
import type { Logger } from './log';
import { apiRateLimiter, type ApiRateLimiter, type RateLimitOptions } from './rate-limit';
import { redactingLogger, registerSecret } from './redact';
import { MEDIA_ROOT, type FileDescriptor, type Folder, type PagingCursor } from './types';

export interface FilePage {
  files: FileDescriptor[];
  /** The cursor of the next page; undefined on the last one. */
  next?: string;
}

export interface LibraryConnection {
  apiKey: string;
  siteId: string;
  baseUrl: string;
  /** Wix's documented API rate; the process-wide limiter for this key (shared with the uploads) paces under it. */
  rateLimit?: RateLimitOptions | false;
}

const ROOT_NAMES: Record<string, string> = { 'media-root': '/', 'trash-root': 'Trash', 'visitor-uploads': 'Visitor uploads' };

function nextOf(c: PagingCursor | undefined): string | undefined {
  const next = c?.cursors?.next;
  return next && c?.hasNext !== false ? next : undefined;
}

export class MediaLibraryClient {
  private readonly http: WixHttp;
  /** The process-wide pace for this key (undefined when switched off). */
  readonly limiter: ApiRateLimiter | undefined;
  private readonly folderCache = new Map<string, Promise<Folder | undefined>>();

  constructor(conn: LibraryConnection, logger: Logger, userAgent: string) {
    registerSecret(conn.apiKey);
    const baseUrl = conn.baseUrl.replace(/\/+$/, '');
    const log = redactingLogger(logger);
    // The same limiter as the uploads of this key: the view, hovers and trash count against Wix's one budget.
    this.limiter = apiRateLimiter(baseUrl, conn.apiKey, conn.rateLimit, log);
    this.http = new WixHttp({
      apiKey: conn.apiKey, siteId: conn.siteId, baseUrl, logger: log, limiter: this.limiter,
      retry: { ...DEFAULT_RETRY, maxAttempts: 2 }, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, userAgent, connections: 2,
    });
  }

  getFile(fileId: string, signal?: AbortSignal): Promise<FileDescriptor> {
    return this.http.api<{ file: FileDescriptor }>('GET', '/site-media/v1/files/get-file-by-id', { query: { fileId }, signal, what: 'get-file' })
      .then((r) => r.file);
  }

  /** One page of a folder's files (List Files), newest first. */
  async listFiles(parentFolderId = MEDIA_ROOT, cursor?: string, limit = 50, signal?: AbortSignal): Promise<FilePage> {
    const r = await this.http.api<{ files?: FileDescriptor[]; nextCursor?: PagingCursor }>('GET', '/site-media/v1/files', {
      query: { parentFolderId, 'paging.limit': String(limit), 'paging.cursor': cursor }, signal, what: 'list-files',
    });
    return { files: r.files ?? [], next: nextOf(r.nextCursor) };
  }

  /** One page of Search Files over the whole media tree. */
  async searchFiles(search: string, cursor?: string, limit = 50, signal?: AbortSignal): Promise<FilePage> {
    const r = await this.http.api<{ files?: FileDescriptor[]; nextCursor?: PagingCursor }>('POST', '/site-media/v1/files/search', {
      body: { search, rootFolder: 'MEDIA_ROOT', paging: { limit, ...(cursor ? { cursor } : {}) } }, signal, what: 'search-files',
    });
    return { files: r.files ?? [], next: nextOf(r.nextCursor) };
  }

  /** One page of a folder's subfolders (List Folders). */
  async listFolders(parentFolderId = MEDIA_ROOT, cursor?: string, limit = 50, signal?: AbortSignal): Promise<{ folders: Folder[]; next?: string }> {
    const r = await this.http.api<{ folders?: Folder[]; nextCursor?: PagingCursor }>('GET', '/site-media/v1/folders', {
      query: { parentFolderId, 'paging.limit': String(limit), 'paging.cursor': cursor }, signal, what: 'list-folders',
    });
    return { folders: r.folders ?? [], next: nextOf(r.nextCursor) };
  }

  /** A download link for a private file (its static URL answers 403), working for `minutes`. */
  downloadLink(fileId: string, minutes: number, signal?: AbortSignal): Promise<DownloadLink> {
    return generateDownloadLink(this.http, fileId, minutes, signal);
  }

  /** Moves files to the site's trash (Bulk Delete Files, permanent false): Wix can restore them from there. */
  async trashFiles(fileIds: string[], signal?: AbortSignal): Promise<void> {
    await this.http.api<object>('POST', '/site-media/v1/bulk/files/delete', { body: { fileIds, permanent: false }, signal, what: 'bulk-delete-files' });
  }

  /** '/a/b' for a folder id ('/' for media-root), from Get Folder up the tree; cached. */
  async folderPath(folderId: string | undefined, signal?: AbortSignal): Promise<string> {
    const names: string[] = [];
    let id = folderId || MEDIA_ROOT;
    for (let depth = 0; depth < 30; depth++) {
      if (ROOT_NAMES[id] !== undefined) {
        const root = ROOT_NAMES[id];
        return root === '/' ? '/' + names.join('/') : [root, ...names].join('/');
      }
      const f = await this.folder(id, signal);
      if (!f) break;
      names.unshift(f.displayName);
      id = f.parentFolderId || MEDIA_ROOT;
    }
    return '/' + names.join('/');
  }

  private folder(id: string, signal?: AbortSignal): Promise<Folder | undefined> {
    let p = this.folderCache.get(id);
    if (!p) {
      p = this.http.api<{ folder: Folder }>('GET', `/site-media/v1/folders/${encodeURIComponent(id)}`, { signal, what: 'get-folder' })
        .then((r) => r.folder, () => undefined);
      this.folderCache.set(id, p);
    }
    return p;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
