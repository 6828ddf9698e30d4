// POST /site-list/v2/sites/query (README "Query Sites"): an account-level API. With an API key it needs the
// `wix-account-id` header and NOT `wix-site-id` (Wix: "don't send both, it may cause an error"; the harsher
// case, a 403, is modelled), and a key with an account-level sites permission ("Read Site Data").
// Cursor paging: { query: { cursorPaging: { limit, cursor } } } -> { sites, pagingMetadata: { count, cursors: { next }, hasNext } }.
// Wix: https://dev.wix.com/docs/api-reference/account-level/sites/skills/query-sites ;
// https://dev.wix.com/docs/go-headless/develop-your-project/admin-operations/make-rest-api-calls-with-an-api-key
import type { IncomingMessage } from 'node:http';
import { keyOf } from './auth';
import { forbidden, ok, unauthorized, validationError, type HttpAnswer } from './errors';

export interface SiteEntry {
  id: string;
  displayName: string;
}

export const MAX_SITES_PAGE = 100;

export function querySites(
  req: IncomingMessage, body: unknown,
  s: { apiKey: string; accountId: string; sitesPermission: boolean; sites: SiteEntry[] },
): HttpAnswer {
  const key = keyOf(req);
  if (!key || key !== s.apiKey) return unauthorized();
  if (req.headers['wix-site-id'] !== undefined) return forbidden('Query Sites is account-level: send wix-account-id, not wix-site-id');
  const account = req.headers['wix-account-id'];
  if (account === undefined) return forbidden('Missing wix-account-id header');
  if (account !== s.accountId) return forbidden('This API key has no access to the requested account');
  if (!s.sitesPermission) return forbidden('The API key lacks the permission to read the account\'s sites');
  const paging = ((body as { query?: { cursorPaging?: { limit?: unknown; cursor?: unknown } } } | undefined)?.query?.cursorPaging) ?? {};
  const limit = paging.limit === undefined ? 50 : paging.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SITES_PAGE) {
    return validationError([{ field: 'query.cursorPaging.limit', description: `must be 1 to ${MAX_SITES_PAGE}`, violatedRule: 'MAX' }]);
  }
  let start = 0;
  if (paging.cursor !== undefined && paging.cursor !== null && paging.cursor !== '') {
    const m = typeof paging.cursor === 'string' ? /^s(\d+)$/.exec(Buffer.from(paging.cursor, 'base64url').toString('utf8')) : null;
    if (!m) return validationError([{ field: 'query.cursorPaging.cursor', description: 'is not a cursor this API returned', violatedRule: 'FORMAT' }]);
    start = Number(m[1]);
  }
  const items = s.sites.slice(start, start + limit);
  const hasNext = start + limit < s.sites.length;
  const next = hasNext ? Buffer.from(`s${start + limit}`).toString('base64url') : '';
  return ok({ sites: items, pagingMetadata: { count: items.length, cursors: { next }, hasNext } });
}
