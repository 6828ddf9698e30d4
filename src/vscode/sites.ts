// Select Site's calls, no vscode import. Two routes, because Query Sites is an ACCOUNT-level API: with an API key
// it needs `wix-account-id` (not `wix-site-id`) and a key with an account-level sites permission, which a key made
// for "Manage Media Manager" lacks (https://dev.wix.com/docs/api-reference/account-level/sites/skills/query-sites).
// So the dependable route is the site ID itself, the GUID after /dashboard/ in the site's dashboard URL, checked
// with one site-level call (List Folders, one item) before it is saved.
import { requestVia, sharedAgent } from '../wix/undici-core';
import { WixError } from '../wix/errors';
import { parseErrorResponse } from '../wix/errors-parse';
import type { Logger } from '../wix/log';
import { apiRateLimiter, sendPaced, type RateLimitOptions } from '../wix/rate-limit';
import { wixError } from '../wix/messages';

export interface SiteSummary {
  id: string;
  displayName: string;
  url?: string;
}

const TIMEOUT_MS = 15_000;
const PAGE = 50;
/** Wix lists at most 1,000 sites. */
const MAX_PAGES = 20;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

/**
 * The site ID in what was pasted: a bare GUID, or a dashboard URL such as
 * https://manage.wix.com/dashboard/<GUID>/home (the GUID right after /dashboard/). Undefined when there is none.
 */
export function siteIdFrom(text: string): string | undefined {
  const t = text.trim();
  const dash = /\/dashboard\/([0-9a-fA-F-]{36})(?:[/?#]|$)/.exec(t);
  if (dash && GUID.test(dash[1])) return dash[1].toLowerCase();
  const exact = new RegExp(`^${GUID.source}$`).exec(t);
  return exact ? exact[0].toLowerCase() : undefined;
}

/** The account ID in what was pasted (a bare GUID); undefined otherwise. */
export function accountIdFrom(text: string): string | undefined {
  const t = text.trim();
  return new RegExp(`^${GUID.source}$`).test(t) ? t.toLowerCase() : undefined;
}

async function call(baseUrl: string, path: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, log: Logger, signal?: AbortSignal, rate?: RateLimitOptions | false) {
  const url = new URL(path, baseUrl);
  // These calls count against the key's one budget at Wix too: the same process-wide limiter as the uploads.
  const limiter = apiRateLimiter(baseUrl, init.headers.authorization, rate, log);
  try {
    return await sendPaced(limiter, async () => {
      const res = await requestVia(sharedAgent(), url, { ...init, signal, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
      const text = await res.body.text();
      log.debug(`${init.method} ${url.pathname} -> ${res.statusCode}`);
      return { status: res.statusCode, text, headers: res.headers };
    }, signal);
  } catch (e) {
    if (e instanceof WixError) throw e;
    throw wixError({ kind: 'network', code: 'NETWORK_ERROR', detail: (e as Error).message, cause: e });
  }
}

/**
 * One site-level call with this key and site (List Folders, a single item): resolves when Wix accepts both,
 * else throws the WixError (401: the key; 403: no access to this site or no Media Manager permission).
 */
export async function checkSite(baseUrl: string, apiKey: string, siteId: string, log: Logger, signal?: AbortSignal, rate?: RateLimitOptions | false): Promise<void> {
  log.debug(`Checking site ${siteId} with one List Folders call`);
  const r = await call(baseUrl, '/site-media/v1/folders?parentFolderId=media-root&paging.limit=1', {
    method: 'GET', headers: { authorization: apiKey, 'wix-site-id': siteId, accept: 'application/json' },
  }, log, signal, rate);
  if (r.status !== 200) throw parseErrorResponse(r.status, r.text, r.headers);
}

interface SitesPage {
  sites?: { id?: string; displayName?: string; name?: string; viewUrl?: string; url?: string }[];
  pagingMetadata?: { cursors?: { next?: string }; hasNext?: boolean };
  metadata?: { cursors?: { next?: string }; hasNext?: boolean };
}

/** Query Sites with `wix-account-id` (never `wix-site-id`), following the cursor through every page. */
export async function querySites(baseUrl: string, apiKey: string, log: Logger, signal?: AbortSignal, accountId?: string, rate?: RateLimitOptions | false): Promise<SiteSummary[]> {
  if (!accountId) throw wixError({ kind: 'local', code: 'ACCOUNT_ID_MISSING', detail: 'Listing the sites needs the Wix account ID.' });
  const out: SiteSummary[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await call(baseUrl, '/site-list/v2/sites/query', {
      method: 'POST',
      headers: { authorization: apiKey, 'wix-account-id': accountId, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: { cursorPaging: cursor ? { limit: PAGE, cursor } : { limit: PAGE } } }),
    }, log, signal, rate);
    if (r.status !== 200) throw parseErrorResponse(r.status, r.text, r.headers);
    let json: SitesPage = {};
    try { json = JSON.parse(r.text) as SitesPage; } catch { throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', status: r.status, detail: 'the site list was not JSON' }); }
    for (const s of json.sites ?? []) {
      if (typeof s.id === 'string') out.push({ id: s.id, displayName: s.displayName || s.name || s.id, url: s.viewUrl || s.url });
    }
    const meta = json.pagingMetadata ?? json.metadata;
    const next = meta?.cursors?.next;
    if (!next || meta?.hasNext === false || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return out;
}
