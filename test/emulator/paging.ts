// Cursor paging as the List endpoints do it (§6, §7): paging.limit ≤ 100, opaque paging.cursor, nextCursor.
import type { PagingCursor } from '../../src/wix/types';
import { validationError, type HttpAnswer } from './errors';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;

export function page<T>(items: T[], query: URLSearchParams): { items: T[]; nextCursor: PagingCursor } | HttpAnswer {
  const rawLimit = query.get('paging.limit');
  const limit = rawLimit === null || rawLimit === '' ? DEFAULT_PAGE : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0) {
    return validationError([{ field: 'paging.limit', description: 'must be a non-negative integer', violatedRule: 'FORMAT' }]);
  }
  if (limit > MAX_PAGE) {
    return validationError([{ field: 'paging.limit', description: `must be at most ${MAX_PAGE}`, violatedRule: 'MAX', data: { max: MAX_PAGE } }]);
  }
  const cursor = query.get('paging.cursor');
  let start = 0;
  if (cursor) {
    const m = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!m) return validationError([{ field: 'paging.cursor', description: 'is not a cursor this API returned', violatedRule: 'FORMAT' }]);
    start = Number(m[1]);
  }
  const size = limit === 0 ? DEFAULT_PAGE : limit;
  const slice = items.slice(start, start + size);
  const hasNext = start + size < items.length;
  const next = hasNext ? Buffer.from(`o${start + size}`).toString('base64url') : '';
  return { items: slice, nextCursor: { cursors: { next }, hasNext } };
}

export function isAnswer(x: unknown): x is HttpAnswer {
  return typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
}
