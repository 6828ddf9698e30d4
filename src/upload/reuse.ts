// Content-hash reuse: before an upload, look for the same bytes already uploaded to the same site (the team
// manifest, then the cache), confirm with get-file-by-id that the file still exists and is not in the trash,
// and use it instead of sending the bytes again. The queue calls this as its "lookup before upload" step.
import type { MediaClient } from '../wix/contract';
import { WixError, isCancellation } from '../wix/errors';
import { silentLogger, type Logger } from '../wix/log';
import type { FileDescriptor } from '../wix/types';
import { hashContradicts, hashSource, type ContentHashes } from './hash';
import type { ReuseIndex, ReuseRecord } from './reuse-index';
import type { ItemOptions, LookupResult, ReuseScope, ReuseSettings, UploadItem, UploadLookup } from './types';

export type { ReuseScope, ReuseSettings };

type Active = Extract<ReuseSettings, { siteId: string }>;

export interface ReuseLookupOptions {
  /**
   * For items whose action pinned none (the CLI's run: its site, its manifest, its scope). The indexes are
   * consulted in order; every one of them learns each upload and reuse. Absent: such items are not looked up.
   */
  settings?: ReuseSettings;
  logger?: Logger;
}

/** Where an upload asks to go, as one comparable string: the parent folder id, plus the filePath under it. */
export function folderKey(o: Pick<ItemOptions, 'parentFolderId' | 'filePath'>): string {
  const parent = o.parentFolderId || 'media-root';
  const path = (o.filePath ?? '').split('/').map((s) => s.trim()).filter(Boolean).join('/');
  return path ? `${parent}:/${path}` : parent;
}

/** Wix answers an unknown id with 404, or 400 RESOURCE_NOT_FOUND (test/emulator/README.md, get-file-by-id). */
function isGone(e: unknown): boolean {
  return e instanceof WixError && (e.status === 404 || e.code === 'RESOURCE_NOT_FOUND' || e.code === 'NOT_FOUND');
}

/** A trashed file still answers get-file-by-id, with state DELETED; its folder may or may not say trash-root. */
export function isTrashed(d: FileDescriptor): boolean {
  return d.state === 'DELETED' || d.parentFolderId === 'trash-root';
}

export class ReuseLookup implements UploadLookup {
  /** Uploads of the same bytes in flight: a second copy in the same batch waits for the first, not uploads again. */
  private readonly inFlight = new Map<string, Promise<FileDescriptor | undefined>>();
  /**
   * Claims on a hash are taken in the order the lookups began (the queue starts items in input order), whatever order
   * their hashing ends in: the earlier of two twins uploads, the later reuses. Twins have the same size, so only
   * lookups of one size wait for each other: the last turn taken for each size.
   */
  private readonly turns = new Map<number, Promise<void>>();
  private readonly logger: Logger;

  constructor(private readonly opts: ReuseLookupOptions) {
    this.logger = opts.logger ?? silentLogger;
  }

  async find(item: UploadItem, client: MediaClient, signal: AbortSignal, pinned?: ReuseSettings): Promise<LookupResult> {
    const settings = pinned ?? this.opts.settings;
    if (!settings || settings.scope === 'off') return {};
    // Take a turn now, before the first await; give it up once this lookup has claimed (or found a twin), or failed.
    const size = item.source.size;
    const earlier = this.turns.get(size) ?? Promise.resolve();
    let passTurn!: () => void;
    const turn = new Promise<void>((r) => { passTurn = r; });
    this.turns.set(size, turn);
    const endTurn = () => {
      void earlier.then(() => {
        passTurn();
        if (this.turns.get(size) === turn) this.turns.delete(size);
      });
    };
    try {
      return await this.claim(item, client, signal, settings, earlier, endTurn);
    } finally {
      endTurn();
    }
  }

  private async claim(
    item: UploadItem, client: MediaClient, signal: AbortSignal, settings: Active, earlier: Promise<void>, endTurn: () => void,
  ): Promise<LookupResult> {
    const { siteId, scope, indexes } = settings;
    const hashes = await hashSource(item.source, signal);
    const sha256 = hashes.sha256;
    item.sha256 = sha256;
    const want = folderKey(item.options);
    const flightKey = scope === 'sameFolder' ? `${siteId}|${sha256}|${want}|${!!item.options.private}` : `${siteId}|${sha256}|${!!item.options.private}`;
    // A reused file keeps the folder it was uploaded to (`was`); only a new upload records the folder asked for.
    const record = (d: FileDescriptor, was?: ReuseRecord): ReuseRecord => ({
      fileId: d.id, url: d.url, name: d.displayName, size: Number(d.sizeInBytes) || item.source.size,
      folder: was?.folder ?? want, folderId: was ? was.folderId : d.parentFolderId,
      source: was?.source && !item.source.path ? was.source : item.source.path, at: new Date().toISOString(),
    });
    const rememberAll = async (d: FileDescriptor, was?: ReuseRecord) => {
      for (const ix of indexes) {
        try { await ix.remember(siteId, sha256, record(d, was)); } catch (e) { this.logger.warn(`Could not record ${item.label} in ${ix.path}: ${(e as Error).message}`); }
      }
    };

    // Earlier lookups of this size have claimed their hashes by now; from here to the claim nothing awaits.
    await earlier;
    if (!item.options.force && this.inFlight.has(flightKey)) {
      endTurn();
      // The twin's own upload records it.
      const twin = await this.waitForTwin(flightKey, signal);
      if (twin) return { existing: twin };
    }
    // This item owns the flight for these bytes until it is done; a twin that arrives meanwhile waits for it.
    let settle!: (d: FileDescriptor | undefined) => void;
    const flight = new Promise<FileDescriptor | undefined>((r) => { settle = r; });
    const owner = !this.inFlight.has(flightKey);
    if (owner) this.inFlight.set(flightKey, flight);
    endTurn();
    const end = (d: FileDescriptor | undefined) => {
      if (owner && this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
      settle(d);
    };
    if (!item.options.force) {
      let existing: { d: FileDescriptor; record: ReuseRecord } | undefined;
      try {
        existing = await this.existing(item, client, signal, { siteId, sha256, hashes, indexes, scope, want });
      } catch (e) {
        end(undefined);
        throw e;
      }
      if (existing) {
        end(existing.d);
        await rememberAll(existing.d, existing.record);
        return { existing: existing.d };
      }
    }
    let ended = false;
    return {
      // The queue may call this more than once (success, then its cleanup): the first call counts.
      done: async (d) => {
        if (ended) return;
        ended = true;
        end(d);
        if (d) await rememberAll(d);
      },
    };
  }

  private async waitForTwin(key: string, signal: AbortSignal): Promise<FileDescriptor | undefined> {
    const twin = this.inFlight.get(key);
    if (!twin) return undefined;
    const d = await Promise.race([twin, new Promise<undefined>((r) => signal.addEventListener('abort', () => r(undefined), { once: true }))]);
    return d && d.operationStatus !== 'FAILED' ? d : undefined;
  }

  private async existing(
    item: UploadItem, client: MediaClient, signal: AbortSignal,
    c: { siteId: string; sha256: string; hashes: ContentHashes; indexes: readonly ReuseIndex[]; scope: ReuseScope; want: string },
  ): Promise<{ d: FileDescriptor; record: ReuseRecord } | undefined> {
    const tried = new Set<string>();
    for (const ix of c.indexes) {
      let records: ReuseRecord[];
      try {
        records = await ix.lookup(c.siteId, c.sha256);
      } catch (e) {
        this.logger.warn(`${(e as Error).message} ${item.label} is uploaded without looking for a previous upload there.`);
        continue;
      }
      for (const r of records) {
        if (tried.has(r.fileId) || r.size !== item.source.size) continue;
        if (c.scope === 'sameFolder' && r.folder !== c.want) continue;
        tried.add(r.fileId);
        let d: FileDescriptor;
        try {
          d = await client.getFileDescriptor(r.fileId, signal);
        } catch (e) {
          if (isCancellation(e)) throw e;
          if (isGone(e)) {
            this.logger.info(`${item.label}: the earlier upload ${r.fileId} no longer exists on the site; uploading again.`);
            await this.forgetEverywhere(c, r.fileId);
            continue;
          }
          // Could not confirm (network, 5xx after retries): upload rather than point at a file we can't see.
          this.logger.warn(`${item.label}: could not check the earlier upload ${r.fileId} (${(e as Error).message}); uploading again.`);
          return undefined;
        }
        if (isTrashed(d)) {
          this.logger.info(`${item.label}: the earlier upload ${d.id} is in the site's trash; uploading again.`);
          await this.forgetEverywhere(c, r.fileId);
          continue;
        }
        if (d.operationStatus === 'FAILED' || d.private !== !!item.options.private) continue;
        if (Number(d.sizeInBytes) !== item.source.size) continue;
        // An index (a hand-edited or merged manifest, say) that names a file with other bytes is not trusted.
        if (hashContradicts(d.hash, c.hashes)) {
          this.logger.warn(`${item.label}: ${ix.path} names ${d.id} for these bytes, but Wix's hash of that file differs; uploading instead.`);
          continue;
        }
        // Moved since: in sameFolder scope the file must still be in the folder it went to.
        if (c.scope === 'sameFolder' && r.folderId && d.parentFolderId !== r.folderId) continue;
        this.logger.info(`${item.label}: the same bytes are already on the site as ${d.id}; reusing it.`);
        return { d, record: r };
      }
    }
    return undefined;
  }

  private async forgetEverywhere(c: { siteId: string; sha256: string; indexes: readonly ReuseIndex[] }, fileId: string): Promise<void> {
    for (const ix of c.indexes) {
      try { await ix.forget(c.siteId, c.sha256, fileId); } catch (e) { this.logger.warn((e as Error).message); }
    }
  }
}
