// GET /site-media/v1/files (List Files, §6 of README "List Files"): the direct children of parentFolderId
// (default media-root), filtered by mediaTypes and private, sorted by sort.fieldName (displayName, updatedDate,
// sizeInBytes; default updatedDate DESC as Wix documents), cursor-paged. Wix's page:
// https://dev.wix.com/docs/rest/assets/media/media-manager/files/list-files
import type { FileDescriptor } from '../../src/wix/types';
import type { Ctx, Exchange } from './context';
import { ok, validationError, type HttpAnswer } from './errors';
import { isAnswer, page } from './paging';

/** 'updateDate' [sic] is the 2023 examples' spelling. */
const SORT_FIELDS: Record<string, (d: FileDescriptor) => string | number> = {
  displayName: (d) => d.displayName,
  updatedDate: (d) => Date.parse(d.updatedDate ?? '') || 0,
  updateDate: (d) => Date.parse(d.updatedDate ?? '') || 0,
  sizeInBytes: (d) => Number(d.sizeInBytes) || 0,
};

function unsupportedSort(field: string, value: string, allowed: string[]): HttpAnswer {
  return validationError([{
    field, description: `${value} is not supported`, violatedRule: 'OTHER', ruleName: 'UNSUPPORTED_SORT_VALUE',
    data: { allowedValues: allowed, requestValue: value },
  }]);
}

export function listFiles(ctx: Ctx, ex: Exchange): HttpAnswer {
  const q = ex.url.searchParams;
  const parent = q.get('parentFolderId') || 'media-root';
  const types = q.getAll('mediaTypes');
  const priv = q.get('private');
  const fieldName = q.get('sort.fieldName') || 'updatedDate';
  const order = (q.get('sort.order') || 'DESC').toUpperCase();
  const key = SORT_FIELDS[fieldName];
  if (!key) return unsupportedSort('sort.fieldName', fieldName, ['displayName', 'updatedDate', 'sizeInBytes']);
  if (order !== 'ASC' && order !== 'DESC') return unsupportedSort('sort.order', order, ['ASC', 'DESC']);
  // Newest arrival first among equal keys (the stable order of a DESC listing).
  const files = ctx.library.files
    .map((f, i) => ({ d: f.descriptor, i }))
    .filter(({ d }) => d.parentFolderId === parent && (!types.length || types.includes(d.mediaType)))
    .filter(({ d }) => priv === null || String(d.private) === priv);
  const dir = order === 'ASC' ? 1 : -1;
  files.sort((a, b) => {
    const ka = key(a.d);
    const kb = key(b.d);
    if (ka !== kb) return (ka < kb ? -1 : 1) * dir;
    return (a.i - b.i) * dir;
  });
  const p = page(files.map((x) => x.d), q);
  return isAnswer(p) ? p : ok({ files: p.items, nextCursor: p.nextCursor });
}
