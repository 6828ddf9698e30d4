// A JSON file that maps content hashes to uploaded Wix files, per site. Two uses: the extension's cache in its
// global storage (bounded) and the team manifest in the workspace (e.g. .wix-media.json, committed; unbounded).
// Every write re-reads the file first, so another window or a teammate's merge is kept, and replaces it
// atomically (temp file + rename), so a crash never leaves half a file.
import { promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ReuseRecord {
  fileId: string;
  /** The static URL, for people reading the manifest. */
  url?: string;
  name?: string;
  size: number;
  /** Where the upload asked to go (folderKey()), and the folder Wix put it in. */
  folder: string;
  folderId?: string;
  /** The local file it came from: relative to the manifest's folder in a manifest, absolute in the cache. */
  source?: string;
  /** ISO time of the upload or the last reuse: the newest are kept when the cache is trimmed. */
  at: string;
}

type SiteMap = Record<string, ReuseRecord[]>;

interface IndexFile {
  wixMediaManifest: 1;
  sites: Record<string, SiteMap>;
}

export interface IndexOptions {
  /** Most hashes kept per site; the least recently used go first. Unbounded when absent. */
  maxPerSite?: number;
  /** Copies of the same bytes kept per hash (in different folders). Default 8. */
  maxPerHash?: number;
  /** Store `source` relative to the index file's folder (a committed manifest must not name one person's disk). */
  relativeSources?: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class ReuseIndexError extends Error {}

export class ReuseIndex {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string, private readonly opts: IndexOptions = {}) {}

  /** Records for these bytes on this site, newest first. */
  async lookup(siteId: string, sha256: string): Promise<ReuseRecord[]> {
    const file = await this.read();
    return [...(file.sites[siteId]?.[sha256] ?? [])];
  }

  /** Adds or refreshes a record (one per fileId), then trims. */
  remember(siteId: string, sha256: string, record: ReuseRecord): Promise<void> {
    if (this.opts.relativeSources && record.source && isAbsolute(record.source)) {
      record = { ...record, source: relative(dirname(this.path), record.source).split(sep).join('/') };
    }
    return this.update((file) => {
      const site = (file.sites[siteId] ??= {});
      const list = (site[sha256] ?? []).filter((r) => r.fileId !== record.fileId);
      site[sha256] = [record, ...list].slice(0, this.opts.maxPerHash ?? 8);
      this.trim(site);
    });
  }

  /** Drops a file that is gone or in the trash. */
  forget(siteId: string, sha256: string, fileId: string): Promise<void> {
    return this.update((file) => {
      const site = file.sites[siteId];
      if (!site?.[sha256]) return;
      site[sha256] = site[sha256].filter((r) => r.fileId !== fileId);
      if (!site[sha256].length) delete site[sha256];
    });
  }

  /** A record's local source as an absolute path. */
  sourcePath(record: ReuseRecord): string | undefined {
    return record.source ? resolve(dirname(this.path), record.source) : undefined;
  }

  /** All records of a site, by hash (for "reveal local source" and tests). */
  async entries(siteId: string): Promise<SiteMap> {
    return (await this.read()).sites[siteId] ?? {};
  }

  private trim(site: SiteMap): void {
    const max = this.opts.maxPerSite;
    if (max === undefined) return;
    const hashes = Object.keys(site);
    if (hashes.length <= max) return;
    const newest = (h: string) => site[h].reduce((t, r) => (r.at > t ? r.at : t), '');
    hashes.sort((a, b) => (newest(a) < newest(b) ? -1 : 1));
    for (const h of hashes.slice(0, hashes.length - max)) delete site[h];
  }

  private update(change: (file: IndexFile) => void): Promise<void> {
    const run = this.chain.then(async () => {
      const file = await this.read();
      change(file);
      await this.write(file);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<IndexFile> {
    let text: string;
    try {
      text = await fsp.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { wixMediaManifest: 1, sites: {} };
      throw new ReuseIndexError(`Could not read ${this.path}: ${(e as Error).message}`);
    }
    return parseIndex(text, this.path);
  }

  private async write(file: IndexFile): Promise<void> {
    await fsp.mkdir(dirname(this.path), { recursive: true });
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${Date.now()}.tmp`);
    // Sorted keys: a committed manifest diffs and merges line by line.
    const sorted: IndexFile = { wixMediaManifest: 1, sites: {} };
    for (const site of Object.keys(file.sites).sort()) {
      const hashes = file.sites[site];
      sorted.sites[site] = Object.fromEntries(Object.keys(hashes).sort().map((h) => [h, hashes[h]]));
    }
    await fsp.writeFile(tmp, JSON.stringify(sorted, null, 2) + '\n', 'utf8');
    await fsp.rename(tmp, this.path);
  }
}

/** Reads a manifest or cache; an unreadable one is an error naming the file, never silently replaced. */
export function parseIndex(text: string, path: string): IndexFile {
  if (text.trim() === '') return { wixMediaManifest: 1, sites: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ReuseIndexError(`${path} is not valid JSON (${(e as Error).message}); fix or delete it.`);
  }
  const o = raw as Partial<IndexFile>;
  if (typeof o !== 'object' || o === null || o.wixMediaManifest !== 1 || typeof o.sites !== 'object' || o.sites === null) {
    throw new ReuseIndexError(`${path} is not a Wix Media manifest (it needs "wixMediaManifest": 1 and "sites"); fix or delete it.`);
  }
  const sites: Record<string, SiteMap> = {};
  for (const [siteId, hashes] of Object.entries(o.sites)) {
    if (typeof hashes !== 'object' || hashes === null) continue;
    const site: SiteMap = {};
    for (const [h, list] of Object.entries(hashes as Record<string, unknown>)) {
      if (!SHA256.test(h) || !Array.isArray(list)) continue;
      const good = list.filter((r): r is ReuseRecord =>
        typeof r === 'object' && r !== null && typeof r.fileId === 'string' && r.fileId !== ''
        && typeof r.size === 'number' && typeof r.folder === 'string');
      if (good.length) site[h] = good.map((r) => ({ ...r, at: typeof r.at === 'string' ? r.at : '' }));
    }
    sites[siteId] = site;
  }
  return { wixMediaManifest: 1, sites };
}
