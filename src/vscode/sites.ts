// Query Sites (POST /site-list/v2/sites/query): the sites an account-level API key can see, for Select Site.
import { requestVia, sharedAgent } from '../wix/undici-core';
import { WixError } from '../wix/errors';
import type { Logger } from '../wix/log';
import { wixError } from '../wix/messages';

export interface SiteSummary {
  id: string;
  displayName: string;
  url?: string;
}

const TIMEOUT_MS = 15_000;

export async function querySites(baseUrl: string, apiKey: string, log: Logger, signal?: AbortSignal): Promise<SiteSummary[]> {
  const url = new URL('/site-list/v2/sites/query', baseUrl);
  log.debug(`POST ${url.pathname} (list the sites the key can see)`);
  let status: number;
  let text: string;
  try {
    const res = await requestVia(sharedAgent(), url, {
      method: 'POST',
      headers: { authorization: apiKey, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: { cursorPaging: { limit: 100 } } }),
      signal, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS,
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (e) {
    if (e instanceof WixError) throw e;
    throw wixError({ kind: 'network', code: 'NETWORK', detail: (e as Error).message, cause: e });
  }
  log.debug(`POST ${url.pathname} -> ${status}`);
  let json: { sites?: { id?: string; displayName?: string; name?: string; viewUrl?: string; url?: string }[]; message?: string } = {};
  try { json = text ? JSON.parse(text) : {}; } catch { /* not JSON: reported by status below */ }
  if (status !== 200) {
    throw wixError({ kind: 'http', code: status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : `HTTP_${status}`, status, detail: json.message });
  }
  return (json.sites ?? [])
    .filter((s): s is { id: string; displayName?: string; name?: string; viewUrl?: string; url?: string } => typeof s.id === 'string')
    .map(s => ({ id: s.id, displayName: s.displayName || s.name || s.id, url: s.viewUrl || s.url }));
}
