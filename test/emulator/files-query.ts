// Reading many files and moving them to the trash, as Wix documents them:
//   List Files        GET  /site-media/v1/files                 https://dev.wix.com/docs/rest/assets/media/media-manager/files/list-files
//   Search Files      POST /site-media/v1/files/search          https://dev.wix.com/docs/rest/assets/media/media-manager/files/search-files
//   Get File Descriptors POST /site-media/v1/files/get-files    https://dev.wix.com/docs/rest/assets/media/media-manager/files/get-file-descriptors
//   Bulk Delete Files POST /site-media/v1/bulk/files/delete     https://dev.wix.com/docs/rest/assets/media/media-manager/files/bulk-delete-files
//   List Deleted Files GET /site-media/v1/trash-bin/files       https://dev.wix.com/docs/rest/assets/media/media-manager/files/list-deleted-files
// Request and response shapes follow @wix/auto_sdk_media_files (meta.d.ts: ListFilesRequest, SearchFilesRequest,
// GetFileDescriptorsRequest, BulkDeleteFilesRequest, PagingMetadataV2); see test/emulator/README.md "Listing and trash".
import type { FileDescriptor, MediaType } from '../../src/wix/types';
import type { Ctx } from './context';
import { applicationError, ok, validationError, type FieldViolation, type HttpAnswer } from './errors';
import { fileIdOf } from './library';
import { fileNotFound } from './files-api';
import { isAnswer, page } from './paging';

/** `OTHER` is a descriptor type but not a filter value (README "Descriptors"; SDK MediaType docs). */
const FILTER_TYPES: readonly MediaType[] = ['UNKNOWN', 'IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT', 'VECTOR', 'ARCHIVE', 'MODEL3D'];
const SORT_FIELDS = ['displayName', 'updatedDate', 'sizeInBytes'] as const;
const ROOT_FOLDERS = { MEDIA_ROOT: 'media-root', TRASH_ROOT: 'trash-root', VISITOR_UPLOADS_ROOT: 'visitor-uploads' } as const;

interface Filter {
  mediaTypes: string[];
  private?: boolean;
  sortField: string;
  sortOrder: string;
}

/** The common checks of List and Search: ≤30 media types, each a filter value; a known sort field and order. */
function checkFilter(f: Filter): HttpAnswer | undefined {
  if (f.mediaTypes.length > 30) {
    return validationError([{ field: 'mediaTypes', description: 'must have at most 30 items', violatedRule: 'MAX_SIZE', data: { max: 30 } }]);
  }
  const badType = f.mediaTypes.find((t) => !FILTER_TYPES.includes(t as MediaType));
  // UNSUPPORTED_MEDIA_TYPE / UNSUPPORTED_SORT_VALUE carry UnsupportedRequestValueError {allowedValues, requestValue}.
  if (badType !== undefined) {
    return applicationError(400, 'UNSUPPORTED_MEDIA_TYPE', `media type ${badType} is not supported`, { allowedValues: FILTER_TYPES, requestValue: badType });
  }
  if (!(SORT_FIELDS as readonly string[]).includes(f.sortField)) {
    return applicationError(400, 'UNSUPPORTED_SORT_VALUE', `cannot sort by ${f.sortField}`, { allowedValues: SORT_FIELDS, requestValue: f.sortField });
  }
  if (f.sortOrder !== 'ASC' && f.sortOrder !== 'DESC') {
    return validationError([{ field: 'sort.order', description: 'must be ASC or DESC', violatedRule: 'FORMAT' }]);
  }
  return undefined;
}

/** Default: updatedDate DESC. Ties (same millisecond) keep arrival order, newest first for DESC. */
function sortFiles(files: { d: FileDescriptor; n: number }[], field: string, order: string): FileDescriptor[] {
  const key = (x: { d: FileDescriptor }): string | number =>
    field === 'displayName' ? x.d.displayName.toLowerCase()
      : field === 'sizeInBytes' ? Number(x.d.sizeInBytes)
        : Date.parse(x.d.updatedDate ?? '') || 0;
  const dir = order === 'ASC' ? 1 : -1;
  return [...files]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -dir;
      if (ka > kb) return dir;
      return (a.n - b.n) * dir;
    })
    .map((x) => x.d);
}

function boolParam(raw: string | null): boolean | undefined | 'bad' {
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return 'bad';
}

function matches(d: FileDescriptor, f: Filter): boolean {
  if (f.mediaTypes.length && !f.mediaTypes.includes(d.mediaType)) return false;
  if (f.private !== undefined && d.private !== f.private) return false;
  return true;
}

function all(ctx: Ctx): { d: FileDescriptor; n: number }[] {
  return ctx.library.files.map((f, n) => ({ d: f.descriptor, n }));
}

function listAnswer(files: FileDescriptor[], q: URLSearchParams): HttpAnswer {
  const p = page(files, q);
  return isAnswer(p) ? p : ok({ files: p.items, nextCursor: p.nextCursor });
}

/** GET params of List Files / List Deleted Files: dotted names, repeated keys for arrays (SDK toURLSearchParams). */
function filterFromQuery(q: URLSearchParams): Filter | HttpAnswer {
  const priv = boolParam(q.get('private'));
  if (priv === 'bad') return validationError([{ field: 'private', description: 'must be true or false', violatedRule: 'FORMAT' }]);
  const f: Filter = {
    mediaTypes: q.getAll('mediaTypes'), private: priv,
    sortField: q.get('sort.fieldName') || 'updatedDate', sortOrder: q.get('sort.order') || 'DESC',
  };
  return checkFilter(f) ?? f;
}

function checkFolderParam(ctx: Ctx, id: string): HttpAnswer | undefined {
  if (id.length > 100) return validationError([{ field: 'parentFolderId', description: 'must be at most 100 characters', violatedRule: 'MAX', data: { max: 100 } }]);
  if (!ctx.folders.get(id)) return applicationError(404, 'NOT_FOUND', `folder ${id} not found`);
  return undefined;
}

/** List Files: direct children of parentFolderId (default media-root), not recursive; trashed files are not listed. */
export function listFilesQuery(ctx: Ctx, q: URLSearchParams, deleted = false): HttpAnswer {
  const f = filterFromQuery(q);
  if (isAnswer(f)) return f;
  const parent = q.get('parentFolderId') || 'media-root';
  const bad = checkFolderParam(ctx, parent);
  if (bad) return bad;
  // A trashed file keeps its parentFolderId (List Deleted Files filters by it, default media-root) and says
  // state DELETED; List Files shows only state OK, List Deleted Files only DELETED.
  const files = all(ctx).filter(({ d }) => d.parentFolderId === parent && matches(d, f) && (d.state === 'DELETED') === deleted);
  return listAnswer(sortFiles(files, f.sortField, f.sortOrder), q);
}

/** The folder ids under a root, the root included (Search covers the whole tree under rootFolder). */
function treeUnder(ctx: Ctx, root: string): Set<string> {
  const ids = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const folder of ctx.folders.created) {
      if (!ids.has(folder.id) && ids.has(folder.parentFolderId)) { ids.add(folder.id); grew = true; }
    }
  }
  return ids;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** POST bodies carry paging as an object; page() reads the dotted query form, so hand it that. */
function pagingQuery(paging: unknown): URLSearchParams | HttpAnswer {
  const q = new URLSearchParams();
  if (paging === undefined || paging === null) return q;
  if (!isObject(paging)) return validationError([{ field: 'paging', description: 'must be an object', violatedRule: 'FORMAT' }]);
  if (paging.limit !== undefined && paging.limit !== null) q.set('paging.limit', String(paging.limit));
  if (paging.cursor !== undefined && paging.cursor !== null) {
    if (typeof paging.cursor !== 'string' || paging.cursor.length > 16000) {
      return validationError([{ field: 'paging.cursor', description: 'must be a string of at most 16000 characters', violatedRule: 'FORMAT' }]);
    }
    q.set('paging.cursor', paging.cursor);
  }
  return q;
}

/**
 * Search Files: free text over displayName, mimeType and labels, across the whole tree under rootFolder
 * (MEDIA_ROOT default). With no parameters it returns everything under MEDIA_ROOT. Same response as List.
 * TRASH_ROOT finds the trashed (state DELETED) files; the other roots only state OK ones.
 */
export function searchFiles(ctx: Ctx, body: unknown): HttpAnswer {
  const b = isObject(body) ? body : {};
  if (b.search !== undefined && b.search !== null && (typeof b.search !== 'string' || b.search.length > 200)) {
    return validationError([{ field: 'search', description: 'must be a string of at most 200 characters', violatedRule: 'MAX', data: { max: 200 } }]);
  }
  const rootName = (b.rootFolder ?? 'MEDIA_ROOT') as string;
  if (!(rootName in ROOT_FOLDERS)) {
    return validationError([{ field: 'rootFolder', description: `must be one of ${Object.keys(ROOT_FOLDERS).join(', ')}`, violatedRule: 'FORMAT' }]);
  }
  if (b.mediaTypes !== undefined && (!Array.isArray(b.mediaTypes) || b.mediaTypes.some((t) => typeof t !== 'string'))) {
    return validationError([{ field: 'mediaTypes', description: 'must be a list of media types', violatedRule: 'FORMAT' }]);
  }
  if (b.private !== undefined && b.private !== null && typeof b.private !== 'boolean') {
    return validationError([{ field: 'private', description: 'must be true or false', violatedRule: 'FORMAT' }]);
  }
  const sort = isObject(b.sort) ? b.sort : {};
  const f: Filter = {
    mediaTypes: (b.mediaTypes as string[] | undefined) ?? [], private: (b.private as boolean | null | undefined) ?? undefined,
    sortField: typeof sort.fieldName === 'string' && sort.fieldName ? sort.fieldName : 'updatedDate',
    sortOrder: typeof sort.order === 'string' && sort.order ? sort.order : 'DESC',
  };
  const bad = checkFilter(f);
  if (bad) return bad;
  const q = pagingQuery(b.paging);
  if (isAnswer(q)) return q;

  const trash = rootName === 'TRASH_ROOT';
  // Trashed files keep their folder, so the trash is searched over the media tree with state DELETED.
  const tree = treeUnder(ctx, trash ? 'media-root' : ROOT_FOLDERS[rootName as keyof typeof ROOT_FOLDERS]);
  const words = String(b.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const stored = new Map(ctx.library.files.map((s) => [s.descriptor.id, s]));
  const hit = (d: FileDescriptor) => {
    if (!words.length) return true;
    const s = stored.get(d.id);
    const hay = [d.displayName, s?.mimeType ?? '', ...(d.labels ?? [])].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  const files = all(ctx).filter(({ d }) =>
    tree.has(d.parentFolderId ?? 'media-root') && (d.state === 'DELETED') === trash && matches(d, f) && hit(d));
  return listAnswer(sortFiles(files, f.sortField, f.sortOrder), q);
}

/** fileIds: 1..max ids, each ≤1000 characters (a wix: URI works as an id). */
function checkIds(body: unknown, max: number): string[] | HttpAnswer {
  const ids = isObject(body) ? body.fileIds : undefined;
  if (!Array.isArray(ids) || ids.length === 0) {
    return validationError([{ field: 'fileIds', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' }]);
  }
  if (ids.length > max) return validationError([{ field: 'fileIds', description: `must have at most ${max} items`, violatedRule: 'MAX_SIZE', data: { max } }]);
  const v: FieldViolation[] = [];
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') v.push({ field: `fileIds[${i}]`, description: 'must be a non-empty string', violatedRule: 'FORMAT' });
    else if (id.length > 1000) v.push({ field: `fileIds[${i}]`, description: 'must be at most 1000 characters', violatedRule: 'MAX', data: { max: 1000 } });
  });
  return v.length ? validationError(v) : (ids as string[]);
}

/**
 * Get File Descriptors: 1-100 ids → {files}. Where Wix is silent on a partly unknown list, the harsher case:
 * one unknown id fails the whole call with RESOURCE_NOT_FOUND (the only error the docs list), naming it.
 * Trashed files are still returned, with state DELETED, like get-file-by-id.
 */
export function getFileDescriptors(ctx: Ctx, body: unknown): HttpAnswer {
  const ids = checkIds(body, 100);
  if (isAnswer(ids)) return ids;
  const files: FileDescriptor[] = [];
  for (const id of ids) {
    const d = ctx.library.get(id);
    if (!d) return fileNotFound(id); // as get-file-by-id (files-api.ts)
    files.push(d);
  }
  return ok({ files });
}

/**
 * Bulk Delete Files: up to 1000 ids. Default: to the trash (state DELETED, folder kept, so a restore puts it
 * back); get-file-by-id still answers, with state DELETED. `permanent: true` removes them, after which
 * get-file-by-id answers 404. The response is empty ({}). An unknown id fails the call and deletes nothing.
 */
export function bulkDeleteFiles(ctx: Ctx, body: unknown): HttpAnswer {
  const ids = checkIds(body, 1000);
  if (isAnswer(ids)) return ids;
  const permanent = isObject(body) ? body.permanent : undefined;
  if (permanent !== undefined && permanent !== null && typeof permanent !== 'boolean') {
    return validationError([{ field: 'permanent', description: 'must be true or false', violatedRule: 'FORMAT' }]);
  }
  const found = ids.map((id) => ({ id, d: ctx.library.get(id) }));
  const missing = found.find((x) => !x.d);
  if (missing) return applicationError(404, 'RESOURCE_NOT_FOUND', `file ${fileIdOf(missing.id)} not found`);
  const now = new Date().toISOString();
  for (const { d } of found) {
    if (permanent) ctx.library.remove(d!.id);
    else { d!.state = 'DELETED'; d!.updatedDate = now; }
  }
  return ok({});
}
