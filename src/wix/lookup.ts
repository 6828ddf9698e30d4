// After an ambiguous answer (the connection dropped or timed out once the whole body was sent, or a retried
// finalize was refused as already used) the file may be stored although no answer said so. Look before uploading
// again, as Wix's own upload recipe does for a lost PUT answer ("list newest files"): List Files in the target
// folder, newest first (GET /site-media/v1/files, sort updatedDate DESC), and adopt a file with the same display
// name and size created after the attempt began. The descriptor `hash` is not used: Wix does not document it.
import { listFolders } from './folders';
import { sleep, type WixHttp } from './http';
import { MEDIA_ROOT, type FileDescriptor, type PagingCursor } from './types';

/**
 * How much earlier than the attempt's start (moved to Wix's clock by the Date header of its answers) a file's
 * createdDate may be and still count as ours. Small on purpose: a teammate's file of the same name and size,
 * uploaded a few seconds before, must not be adopted (30 s used to allow that). 2 s covers the Date header's
 * whole-second resolution (it reads up to 1 s low) and the transit of the answer it came in.
 */
export const CLOCK_TOLERANCE_MS = 2_000;

/**
 * Pauses between looks after an ambiguous answer: Wix may still be storing the file (a PUT whose answer timed out,
 * a finalize still assembling), so one look right away would miss it and the file would be uploaded twice.
 */
export const LOOKUP_PAUSES_MS = [0, 1000, 2000, 4000];

/** Looks with `find` after each pause in turn; the first file found, or undefined when none turned up. */
export async function lookAfterPauses(find: () => Promise<FileDescriptor | undefined>, pauses: readonly number[],
  signal: AbortSignal | undefined, fileName: string): Promise<FileDescriptor | undefined> {
  for (const pause of pauses) {
    await sleep(pause, signal, fileName);
    const found = await find();
    if (found) return found;
  }
  return undefined;
}
const PAGE_LIMIT = 50;
const MAX_PAGES = 4;

/** Files this process already holds a descriptor for: never adopted a second time for another upload. */
const claimed = new Set<string>();

export function claimFile(id: string): void {
  claimed.add(id);
}

export interface LookupSpec {
  name: string;
  size: number;
  parentFolderId?: string;
  filePath?: string;
  /** Date.now() when the first attempt of this upload began. */
  since: number;
}

/** The folder the upload went to; undefined when a folder of its path does not exist (so nothing was stored). */
async function targetFolder(http: WixHttp, spec: LookupSpec, signal?: AbortSignal): Promise<string | undefined> {
  let parent = spec.parentFolderId || MEDIA_ROOT;
  if (!spec.filePath) return parent;
  for (const name of spec.filePath.split('/').filter(Boolean)) {
    const child = (await listFolders(http, parent, signal)).find((f) => f.displayName === name);
    if (!child) return undefined;
    parent = child.id;
  }
  return parent;
}

/** The stored file this upload made, or undefined. Claims it when found. */
export async function findStoredUpload(http: WixHttp, spec: LookupSpec, signal?: AbortSignal): Promise<FileDescriptor | undefined> {
  const folder = await targetFolder(http, spec, signal);
  if (!folder) return undefined;
  const since = spec.since + http.clockOffsetMs - CLOCK_TOLERANCE_MS;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await http.api<{ files?: FileDescriptor[]; nextCursor?: PagingCursor }>('GET', '/site-media/v1/files', {
      query: {
        parentFolderId: folder, 'sort.fieldName': 'updatedDate', 'sort.order': 'DESC',
        'paging.limit': String(PAGE_LIMIT), 'paging.cursor': cursor,
      },
      signal, what: 'list-files', fileName: spec.name,
    });
    const files = res.files ?? [];
    const hit = files.find((f) => f.displayName === spec.name && f.sizeInBytes === String(spec.size)
      && Date.parse(f.createdDate ?? '') >= since && !claimed.has(f.id));
    if (hit) {
      claimed.add(hit.id);
      return hit;
    }
    // Sorted by updatedDate: once a page reaches files last touched before the attempt, older pages can't hold it.
    const oldest = files.length ? Date.parse(files[files.length - 1].updatedDate ?? '') : NaN;
    const next = res.nextCursor?.cursors?.next;
    if (!next || res.nextCursor?.hasNext === false || oldest < since) return undefined;
    cursor = next;
  }
  return undefined;
}
