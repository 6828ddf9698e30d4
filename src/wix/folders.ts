// Folder calls (Wix: Media Manager Folders): list follows nextCursor across pages; create under a parent (default media-root).
import type { WixHttp } from './http';
import { MEDIA_ROOT, type Folder, type ListFoldersResponse } from './types';

const PAGE_LIMIT = 100;
/** A server that keeps handing out cursors must not loop us forever. */
const MAX_PAGES = 1000;

export async function listFolders(http: WixHttp, parentFolderId = MEDIA_ROOT, signal?: AbortSignal): Promise<Folder[]> {
  const out: Folder[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await http.api<ListFoldersResponse>('GET', '/site-media/v1/folders', {
      query: { parentFolderId, 'paging.limit': String(PAGE_LIMIT), 'paging.cursor': cursor },
      signal,
      what: 'list-folders',
    });
    out.push(...(res.folders ?? []));
    const next = res.nextCursor?.cursors?.next;
    if (!next || res.nextCursor?.hasNext === false || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return out;
}

export async function createFolder(http: WixHttp, displayName: string, parentFolderId = MEDIA_ROOT, signal?: AbortSignal): Promise<Folder> {
  const res = await http.api<{ folder: Folder }>('POST', '/site-media/v1/folders', {
    body: { displayName, parentFolderId },
    signal,
    what: 'create-folder',
  });
  return res.folder;
}
