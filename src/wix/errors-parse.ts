// Wix error envelope (Wix's "About errors" page) -> WixError, the way Wix's own SDK reads it:
// validationError.fieldViolations[].ruleName, then applicationError.code, then the HTTP status in CONSTANT_CASE.
import { STATUS_CODES } from 'node:http';
import type { WixError } from './errors';
import { wixError } from './messages';
import type { WixErrorEnvelope } from './types';

const MAX_DETAIL = 300;

/** 'Too Many Requests' -> 'TOO_MANY_REQUESTS'; unknown statuses -> 'HTTP_<n>'. */
export function statusCode(status: number): string {
  const text = STATUS_CODES[status];
  if (!text) return `HTTP_${status}`;
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
const HTTP_DATE = /^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s.*\d{2}:\d{2}:\d{2}/i;

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.max(0, Math.round(parseFloat(v) * 1000));
  // Only an HTTP-date (IMF-fixdate, RFC 850 or asctime, all starting with a weekday): Date.parse alone reads
  // "in 5", "-5" or "5;" as dates in 2001, which would make the wait 0 ms instead of unreadable.
  if (!HTTP_DATE.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_DETAIL ? `${t.slice(0, MAX_DETAIL - 1)}…` : t;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds the WixError for a non-2xx answer. `bodyText` may be anything (upload hosts may not use the envelope). */
export function parseErrorResponse(
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined> = {},
  fileName?: string,
): WixError {
  const parsed = tryJson(bodyText);
  const env: WixErrorEnvelope = parsed && typeof parsed === 'object' ? (parsed as WixErrorEnvelope) : {};
  const violations = env.details?.validationError?.fieldViolations ?? [];
  const rule = violations.find((v) => typeof v?.ruleName === 'string' && v.ruleName)?.ruleName;
  const appCode = env.details?.applicationError?.code || undefined;

  let kind: WixError['kind'];
  let code: string;
  if (rule) {
    kind = 'validation';
    code = rule;
  } else if (appCode) {
    kind = 'application';
    code = appCode;
  } else {
    kind = env.details?.validationError ? 'validation' : 'http';
    code = statusCode(status);
  }

  // Wix's own words: the message, else the first violation or the application error description.
  const parts: string[] = [];
  if (typeof env.message === 'string' && env.message.trim()) parts.push(env.message);
  else if (violations[0]?.description) parts.push(`${violations[0].field ?? ''} ${violations[0].description}`.trim());
  else if (env.details?.applicationError?.description) parts.push(env.details.applicationError.description);
  else if (parsed === undefined && bodyText.trim() && !/^\s*</.test(bodyText)) parts.push(bodyText); // plain text, not HTML
  const detail = parts.length ? clip(parts.join(' ')) : undefined;

  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers['retry-after']) : undefined;
  return wixError({ kind, code, status, detail, retryAfterMs, fileName });
}

/**
 * A non-2xx answer from the upload host (PUT, tus, finalize). Wix's Upload API documents only an HTTP status for
 * these, no envelope (test/emulator/README.md "Upload-host errors"). A plain 4xx other than 429 gets its own code,
 * UPLOAD_HOST_REFUSED, so it is never worded as the API host's "check the key's permission": the upload host
 * knows nothing of the key. An envelope, if one ever comes, is read as usual.
 */
export function parseUploadHostError(
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined> = {},
  fileName?: string,
): WixError {
  const parsed = tryJson(bodyText) as WixErrorEnvelope | undefined;
  const hasEnvelope = !!parsed && typeof parsed === 'object' && !!(parsed.details?.applicationError?.code || parsed.details?.validationError);
  if (hasEnvelope || status < 400 || status >= 500 || status === 429) return parseErrorResponse(status, bodyText, headers, fileName);
  const text = STATUS_CODES[status] ?? '';
  // Whatever words came with it (redacted by wixError), unless they only repeat the status or are an HTML page.
  const said = typeof parsed?.message === 'string' ? parsed.message : parsed === undefined && !/^\s*</.test(bodyText) ? bodyText : '';
  const extra = said.trim() && said.trim() !== text ? `: ${clip(said)}` : '';
  return wixError({ kind: 'http', code: 'UPLOAD_HOST_REFUSED', status, detail: `the upload server answered ${status}${text ? ` ${text}` : ''}${extra}`, fileName });
}
