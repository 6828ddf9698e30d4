// The Media Manager as the hover and the view see it: one reader per connection (key, site, API), and the
// session's cache of file descriptors, so each file is asked for once per session.
import type * as vscode from 'vscode';
import { WixError } from '../wix/errors';
import { MediaLibraryClient } from '../wix/media-library';
import type { FileDescriptor } from '../wix/types';
import { readConfig } from './config';
import { oncePerWindow } from './once-per-window';
import type { Services } from './services';

export type Lookup = { kind: 'file'; file: FileDescriptor; folder: string } | { kind: 'missing' };

export class MediaData implements vscode.Disposable {
  private current?: { conn: { apiKey: string; siteId: string; baseUrl: string }; rate: string; client: MediaLibraryClient };
  private readonly retired: MediaLibraryClient[] = [];
  private readonly files = new Map<string, Promise<Lookup>>();
  /** Descriptors seen in the view or hovers (by site|id), for the copy and insert commands. */
  readonly known = new Map<string, FileDescriptor>();

  constructor(private readonly s: Services) {}

  /** The reader for the connection in force; throws the session's clear error when the key or site is missing. */
  async client(): Promise<{ client: MediaLibraryClient; siteId: string }> {
    // One reading of the settings for the connection and the rate.
    const cfg = readConfig();
    const conn = await this.s.session.connection(cfg);
    const rate = JSON.stringify(cfg.apiRateLimit);
    const c = this.current;
    if (!c || c.conn.apiKey !== conn.apiKey || c.conn.siteId !== conn.siteId || c.conn.baseUrl !== conn.baseUrl || c.rate !== rate) {
      if (c) this.retired.push(c.client);
      const version = String(this.s.context.extension.packageJSON?.version ?? '0.0.0');
      // The uploads' rate: the view shares their limiter (one budget per key and rate at Wix).
      this.current = { conn, rate, client: new MediaLibraryClient({ ...conn, rateLimit: cfg.apiRateLimit }, this.s.log, `wix-media-vscode/${version}`) };
    }
    return { client: this.current!.client, siteId: conn.siteId };
  }

  /** A file by id, with its folder path; 'missing' when Wix does not know it. Cached for the session (errors are not). */
  async lookup(fileId: string): Promise<Lookup> {
    const { client, siteId } = await this.client();
    const key = `${siteId}|${fileId}`;
    let p = this.files.get(key);
    if (!p) {
      p = (async (): Promise<Lookup> => {
        try {
          const file = await client.getFile(fileId);
          this.known.set(`${siteId}|${file.id}`, file);
          return { kind: 'file', file, folder: await client.folderPath(file.parentFolderId) };
        } catch (e) {
          if (e instanceof WixError && (e.status === 404 || e.code === 'RESOURCE_NOT_FOUND')) return { kind: 'missing' };
          throw e;
        }
      })();
      this.files.set(key, p);
      p.catch(() => this.files.delete(key));
    }
    return p;
  }

  /** Forget the session's answers (Refresh). */
  clear(): void {
    this.files.clear();
    this.known.clear();
  }

  /** Forget what is cached about a file (after it was trashed). */
  forget(fileId: string): void {
    for (const k of [...this.files.keys()]) if (k.endsWith(`|${fileId}`)) this.files.delete(k);
    for (const k of [...this.known.keys()]) if (k.endsWith(`|${fileId}`)) this.known.delete(k);
  }

  async descriptor(fileId: string): Promise<FileDescriptor | undefined> {
    const { siteId } = await this.client();
    const known = this.known.get(`${siteId}|${fileId}`);
    if (known) return known;
    const l = await this.lookup(fileId);
    return l.kind === 'file' ? l.file : undefined;
  }

  remember(siteId: string, files: readonly FileDescriptor[]): void {
    for (const f of files) this.known.set(`${siteId}|${f.id}`, f);
  }

  dispose(): void {
    for (const c of [...this.retired, ...(this.current ? [this.current.client] : [])]) void c.close().catch(() => undefined);
    this.current = undefined;
  }
}

/** The one MediaData of this window. */
export const mediaData = oncePerWindow((s) => {
  const d = new MediaData(s);
  s.context.subscriptions.push(d);
  return d;
});
