// API-key auth as Wix does it (§1): raw key in Authorization (Bearer tolerated), wix-site-id for site-level calls.
import type { IncomingMessage } from 'node:http';
import { forbidden, unauthorized, type HttpAnswer } from './errors';

export function keyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers.authorization;
  if (!raw) return undefined;
  return raw.replace(/^Bearer\s+/i, '').trim();
}

/** Undefined when allowed; otherwise the 401/403 answer. `siteLevel` false for account-level APIs. */
export function checkAuth(req: IncomingMessage, apiKey: string, siteId: string, siteLevel = true): HttpAnswer | undefined {
  const key = keyOf(req);
  if (!key || key !== apiKey) return unauthorized();
  if (!siteLevel) return undefined;
  // Exactly one context header: Wix's API-key page says not to send both wix-site-id and wix-account-id, as that
  // may cause an error; the harsher case is modelled (README "Auth").
  if (req.headers['wix-account-id'] !== undefined) return forbidden('Send wix-site-id or wix-account-id, not both');
  const site = req.headers['wix-site-id'];
  if (site === undefined) return forbidden('Missing wix-site-id header');
  if (site !== siteId) return forbidden('This API key has no access to the requested site');
  return undefined;
}
