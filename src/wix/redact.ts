// Keeps the API key and upload-URL tokens out of logs, errors and output.
// Every logger and every error detail passes through redact(); the client registers the key and each token it sees.
import { silentLogger, type Logger } from './log';

const MASK = '***';

/** The API key (and anything else registered permanently). */
const pinned = new Set<string>();
/** Upload tokens: one per upload, so kept in a bounded FIFO rather than forever. */
const transient: string[] = [];
const MAX_TRANSIENT = 512;
interface Masked { text: string; encoded: string }
/**
 * The registered secrets, longest first, with their percent-encoded forms. Built once per change, not per call:
 * redact() runs several times per request, and with hundreds of upload tokens registered, sorting and encoding
 * them on every call cost a quarter of the CPU of a 1,000-file upload.
 */
let sorted: Masked[] | undefined;

/** Short strings would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Makes every later redact() call mask `secret`. `transient` secrets (upload tokens) age out after 512 newer ones. */
export function registerSecret(secret: string | undefined, opts: { transient?: boolean } = {}): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return;
  if (!opts.transient) {
    if (!pinned.has(secret)) sorted = undefined;
    pinned.add(secret);
    return;
  }
  if (pinned.has(secret) || transient.includes(secret)) return;
  transient.push(secret);
  if (transient.length > MAX_TRANSIENT) transient.shift();
  sorted = undefined;
}

export function unregisterSecret(secret: string): void {
  pinned.delete(secret);
  const i = transient.indexOf(secret);
  if (i >= 0) transient.splice(i, 1);
  sorted = undefined;
}

function masked(list: Iterable<string>): Masked[] {
  return [...list].sort((a, b) => b.length - a.length).map((text) => ({ text, encoded: encodeURIComponent(text) }));
}

function registered(): Masked[] {
  sorted ??= masked([...pinned, ...transient]);
  return sorted;
}

// The token path segment of an upload URL: /upload/<token> (but not the tus endpoint /upload/tus itself)
// and /upload/tus/<token-or-upload-id>.
const UPLOAD_TOKEN = /(\/upload\/)(?!tus(?=$|[/?#\s"'<>]))([^/?#\s"'<>]+)/g;
const TUS_TOKEN = /(\/upload\/tus\/)([^/?#\s"'<>]+)/g;
// JWT-like strings: base64url JSON headers start with "eyJ".
const JWT = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
const TOKEN_QUERY = /([?&;]token=)([^&#\s"'<>]+)/gi;
// "uploadToken": "..." and Authorization: ... in serialized headers or bodies.
const TOKEN_FIELD = /("(?:uploadToken|token|apiKey|authorization)"\s*:\s*")([^"]*)(")/gi;
// The value after an optional quote and auth scheme: "Authorization: Bearer <token>" masks the token, not the word.
const AUTH_HEADER = /(\bauthorization\s*[:=]\s*['"]?(?:(?:bearer|basic|token)\s+)?)(?!\*\*\*)([^\s,;"'}]+)/gi;

/** Masks registered secrets, `secrets`, upload-URL tokens, JWT-like strings and token= query values. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  if (!text) return text;
  let out = String(text);
  const extra = secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is masked whole.
  const all = extra.length ? masked([...pinned, ...transient, ...extra]) : registered();
  for (const { text: s, encoded: enc } of all) {
    if (out.includes(s)) out = out.split(s).join(MASK);
    // A secret may also appear percent-encoded inside a URL.
    if (enc !== s && out.includes(enc)) out = out.split(enc).join(MASK);
  }
  out = out
    .replace(TUS_TOKEN, `$1${MASK}`)
    .replace(UPLOAD_TOKEN, `$1${MASK}`)
    .replace(TOKEN_QUERY, `$1${MASK}`)
    .replace(TOKEN_FIELD, `$1${MASK}$3`)
    .replace(AUTH_HEADER, `$1${MASK}`)
    .replace(JWT, MASK);
  return out;
}

/** A URL fit for a log line: the token segment and token= values masked. */
export function redactUrl(url: string | URL): string {
  return redact(String(url));
}

/** Wraps a logger so every line is redacted, whoever wrote it. */
export function redactingLogger(inner: Logger): Logger {
  if (inner === silentLogger) return inner; // nothing is written, so there is nothing to redact
  return {
    trace: (m) => inner.trace(redact(m)),
    debug: (m) => inner.debug(redact(m)),
    info: (m) => inner.info(redact(m)),
    warn: (m) => inner.warn(redact(m)),
    error: (m) => inner.error(redact(m)),
  };
}
