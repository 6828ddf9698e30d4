// The stored files: turning received bytes into a FileDescriptor, and PENDING -> READY/FAILED processing.
import type { FileDescriptor } from '../../src/wix/types';
import { makeDescriptor, makeFileId, mediaOf, type DescriptorInput } from './descriptors';
import type { FaultBook } from './faults';
import type { FolderStore } from './folders';
import { imageSize } from './image-size';
import { OCTET, bareMime, resolveMediaType } from './media-types';
import type { StoredFile } from './types';
import type { GenerateSpec } from './validate';

export interface Arrival {
  spec: GenerateSpec;
  size: number;
  sha256: string;
  /** The descriptor `hash` (md5 hex by default). */
  hash: string;
  /** The first bytes of the file, for image dimensions. */
  head: Buffer;
  via: 'put' | 'tus' | 'import';
  contentType: string | undefined;
  filenameParam: string | undefined;
}

export class MediaLibrary {
  readonly files: StoredFile[] = [];
  private readonly byId = new Map<string, { stored: StoredFile; input: DescriptorInput; final: 'READY' | 'FAILED' }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly siteId: string,
    private readonly folders: FolderStore,
    private readonly faults: FaultBook,
    private readonly readyDelayMs: number,
  ) {}

  usedBytes(): number {
    return this.files.reduce((n, f) => n + f.size, 0);
  }

  get(idOrUri: string): FileDescriptor | undefined {
    return this.byId.get(fileIdOf(idOrUri))?.stored.descriptor;
  }

  /** Forgets a file for good (Bulk Delete with permanent: true; files-query.ts). */
  remove(idOrUri: string): void {
    const id = fileIdOf(idOrUri);
    const e = this.byId.get(id);
    if (!e) return;
    this.byId.delete(id);
    this.files.splice(this.files.indexOf(e.stored), 1);
  }

  /** `failed`: the bytes could not be had (an import whose URL could not be fetched): processing ends FAILED. */
  store(a: Arrival, opts: { failed?: boolean } = {}): StoredFile {
    const { spec } = a;
    const displayName = (a.filenameParam || spec.fileName || 'file').slice(0, 255);
    // octet-stream uploads are typed by their extension, like Wix sniffing the upload.
    const mime = bareMime(spec.mimeType) === OCTET && a.contentType && bareMime(a.contentType) !== OCTET ? a.contentType : spec.mimeType;
    const mediaType = resolveMediaType(mime, displayName);
    const folderId = spec.filePath ? this.folders.ensurePath(spec.filePath, spec.parentFolderId) : spec.parentFolderId;
    const dims = mediaType === 'IMAGE' ? imageSize(a.head) : undefined;
    const failed = opts.failed === true || this.faults.take('fail-processing') !== undefined || (mediaType === 'IMAGE' && !dims);
    const input: DescriptorInput = {
      siteId: this.siteId, id: makeFileId(this.siteId, mediaType, displayName), mediaType, displayName,
      parentFolderId: folderId, hash: a.hash, size: a.size, private: spec.private, labels: spec.labels, dims, status: 'PENDING',
    };
    const stored: StoredFile = {
      descriptor: makeDescriptor({ ...input, dims: undefined }),
      sha256: a.sha256, size: a.size, folderPath: this.folders.pathOf(folderId), labels: [...spec.labels],
      mimeType: spec.mimeType, private: spec.private, via: a.via, contentType: a.contentType,
      filenameParam: a.filenameParam, fileName: spec.fileName,
    };
    this.files.push(stored);
    this.byId.set(input.id, { stored, input, final: failed ? 'FAILED' : 'READY' });
    if (this.readyDelayMs <= 0) this.finish(input.id);
    else this.schedule(input.id);
    return stored;
  }

  private schedule(id: string): void {
    const t = setTimeout(() => { this.timers.delete(t); this.finish(id); }, this.readyDelayMs);
    t.unref();
    this.timers.add(t);
  }

  /** Ends processing unless a stay-pending fault holds it (released by settlePending()). */
  private finish(id: string): void {
    const entry = this.byId.get(id);
    if (!entry || entry.stored.descriptor.operationStatus !== 'PENDING') return;
    if (this.faults.has('stay-pending')) return;
    const d = entry.stored.descriptor;
    d.operationStatus = entry.final;
    d.media = mediaOf(entry.input, d.url);
    d.updatedDate = new Date().toISOString();
  }

  /** After faults are cleared, files held PENDING finish normally. */
  settlePending(): void {
    for (const [id, e] of this.byId) if (e.stored.descriptor.operationStatus === 'PENDING') this.schedule(id);
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.files.length = 0;
    this.byId.clear();
  }
}

/** A file id, or the id inside a wix:image://v1/<id>/... URI. */
export function fileIdOf(idOrUri: string): string {
  const m = /^(?:wix:)?(?:image|video|audio|document|vector):\/\/v1\/(?:ugd\/)?([^/#]+)/.exec(idOrUri);
  return m ? m[1] : idOrUri;
}
