// Turns any failure into a sentence a person can act on: what went wrong, for which file, and what to do.
import { WixError, isCancellation, type WixErrorInit } from './errors';
import { redact } from './redact';

/** The Wix validation codes of generate-upload-url (Wix: Generate File Upload URL); a PUT answering one of them is not a spent URL. */
export const UPLOAD_RULE_NAMES: readonly string[] = [
  'MISMATCH_MIME_TYPE', 'ZERO_FILE_SIZE', 'UNSUPPORTED_FILE_FORMAT', 'FILE_SIZE_OVER_LIMIT', 'SITE_QUOTA_EXCEEDED',
];

/** Codes of checks made on this machine before any request (kind 'local'). */
export const LOCAL_CODES = {
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  NOT_A_FILE: 'NOT_A_FILE',
  FILE_NOT_READABLE: 'FILE_NOT_READABLE',
  FILE_READ_FAILED: 'FILE_READ_FAILED',
  FILE_CHANGED: 'FILE_CHANGED',
  ZERO_FILE_SIZE: 'ZERO_FILE_SIZE',
  FILE_SIZE_OVER_LIMIT: 'FILE_SIZE_OVER_LIMIT',
  FILE_NAME_TOO_LONG: 'FILE_NAME_TOO_LONG',
  MIME_TYPE_MISSING: 'MIME_TYPE_MISSING',
  MIME_TYPE_TOO_LONG: 'MIME_TYPE_TOO_LONG',
  FILE_PATH_TOO_LONG: 'FILE_PATH_TOO_LONG',
  PARENT_FOLDER_ID_TOO_LONG: 'PARENT_FOLDER_ID_TOO_LONG',
  TOO_MANY_LABELS: 'TOO_MANY_LABELS',
  LABEL_TOO_LONG: 'LABEL_TOO_LONG',
  EXTERNAL_INFO_TOO_LONG: 'EXTERNAL_INFO_TOO_LONG',
  INVALID_REQUEST: 'INVALID_REQUEST',
} as const;

/**
 * What the user can change to fix a failure, named neutrally: each face words it in its own terms (the CLI in
 * flags and environment variables, the extension in commands and settings). The sentences here never do.
 */
export const REMEDIES = ['set-api-key', 'select-site', 'raise-size-limit'] as const;
export type Remedy = typeof REMEDIES[number];

/** Upload-URL token answers (upload host): not about the key or the site. */
function isTokenCode(code: string): boolean {
  return /TOKEN/.test(code);
}

/** The remedy for an error's fields, if one exists beyond what its sentence says. */
export function remedyFor(err: unknown): Remedy | undefined {
  if (!(err instanceof WixError)) return undefined;
  const { kind, code, status } = err;
  if (kind === 'local') return code === 'FILE_SIZE_OVER_LIMIT' ? 'raise-size-limit' : undefined;
  if (kind !== 'application' && kind !== 'http' && kind !== 'validation') return undefined;
  if (isTokenCode(code) && status !== 401) return undefined;
  if (status === 401 || code === 'UNAUTHORIZED' || code === 'UNAUTHENTICATED') return 'set-api-key';
  if (status === 403 || code === 'FORBIDDEN' || code === 'PERMISSION_DENIED') return 'select-site';
  return undefined;
}

/** Refusals of the bytes themselves (empty, a type Wix does not take, a file it could not process). */
const REFUSED_BYTES = ['ZERO_FILE_SIZE', 'UNSUPPORTED_FILE_FORMAT', 'PROCESSING_FAILED'];

/** Sending the same bytes again cannot succeed: Wix (or the local check) refused the content itself. */
export function bytesRefused(err: unknown): boolean {
  return err instanceof WixError && REFUSED_BYTES.includes(err.code);
}

/** Local problems a new attempt can get past (the file was busy or changing); nothing of it reached Wix. */
const TRANSIENT_LOCAL = ['FILE_READ_FAILED', 'FILE_CHANGED', 'FILE_NOT_READABLE'];

/**
 * Whether trying again can fix it: network, timeouts, 429, 5xx, a refused upload token, or a file that was
 * busy. Empty, unsupported, corrupt or oversized files, a refused key or site, and unknown errors are not:
 * retrying those only stores another broken copy or fails the same way.
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof WixError)) return false;
  if (err.kind === 'local') return TRANSIENT_LOCAL.includes(err.code);
  if (err.kind === 'cancelled') return false;
  if (isTokenCode(err.code) && err.status !== 401) return true;
  return err.retryable;
}

/** What to do, by Wix code (server answers) — the problem itself is stated before it. */
const SERVER: Record<string, string> = {
  SITE_QUOTA_EXCEEDED:
    "The Wix site's media storage is full (SITE_QUOTA_EXCEEDED). Delete unused files in the Media Manager (and empty its trash) or upgrade the site's plan, then upload again.",
  FILE_SIZE_OVER_LIMIT:
    'Wix refused the file as too large for its media type (FILE_SIZE_OVER_LIMIT). Compress or shrink it below Wix\'s limit for this type, then upload again.',
  UNSUPPORTED_FILE_FORMAT:
    "Wix's Media Manager does not accept this file type (UNSUPPORTED_FILE_FORMAT). Convert it to a supported format (e.g. PNG, JPEG or WebP for images, MP4 for video, MP3 for audio, PDF for documents) or leave it out.",
  ZERO_FILE_SIZE:
    'Wix refuses empty files and this one is 0 bytes (ZERO_FILE_SIZE). Add content to it or leave it out.',
  MISMATCH_MIME_TYPE:
    "Wix says the file's extension does not match its MIME type (MISMATCH_MIME_TYPE). Rename it with the extension that matches its content, or set the MIME type explicitly.",
  PROCESSING_FAILED:
    'Wix received the file but could not process it (PROCESSING_FAILED). It may be corrupt or an unusual variant of its format: check that it opens locally, re-export or convert it, and upload again.',
  UPLOAD_HOST_REFUSED:
    "Wix's upload server refused the file's bytes (UPLOAD_HOST_REFUSED), also with a fresh upload URL. This is not about the API key's permissions: the upload URL may have expired or been used, or a proxy changed the request. Try the upload again; if it keeps happening, check this computer's clock and any proxy in front of upload.wixmp.com.",
  RESOURCE_NOT_FOUND:
    'Wix could not find the file or folder (RESOURCE_NOT_FOUND). It may have been deleted; check the site ID and the ID you used.',
};

/** Local checks: the fix, by code. The specific problem (with numbers) is in the error's detail. */
const LOCAL: Record<string, { problem: string; fix: string }> = {
  FILE_NOT_FOUND: { problem: 'The file does not exist.', fix: 'Check the path, or restore the file, then upload again.' },
  NOT_A_FILE: { problem: 'This is not a regular file.', fix: 'Choose files, not folders or devices.' },
  FILE_NOT_READABLE: {
    problem: 'The file cannot be read (permission denied).',
    fix: 'Give your user read permission on it (e.g. chmod u+r) or close the program that locks it, then upload again.',
  },
  FILE_READ_FAILED: {
    problem: 'Reading the file failed during the upload.',
    fix: 'Make sure it is not being moved, deleted or rewritten, then upload again.',
  },
  FILE_CHANGED: {
    problem: 'The file changed size while it was being uploaded.',
    fix: 'Wait until whatever writes it has finished, then upload again.',
  },
  ZERO_FILE_SIZE: {
    problem: 'The file is empty (0 bytes) and Wix refuses empty files (ZERO_FILE_SIZE).',
    fix: 'Add content to it or leave it out.',
  },
  FILE_SIZE_OVER_LIMIT: {
    problem: 'The file is larger than the configured maximum upload size (FILE_SIZE_OVER_LIMIT).',
    fix: 'Compress or shrink it, or raise the maximum upload size.',
  },
  FILE_NAME_TOO_LONG: { problem: 'The file name is too long for Wix.', fix: 'Rename the file to a name of at most 200 characters.' },
  MIME_TYPE_MISSING: { problem: 'No MIME type was given.', fix: 'Set a MIME type such as image/png, or leave it unset to derive it from the extension.' },
  MIME_TYPE_TOO_LONG: { problem: 'The MIME type is too long for Wix.', fix: 'Use a standard MIME type of at most 100 characters.' },
  FILE_PATH_TOO_LONG: {
    problem: 'The Media Manager folder path is too long for Wix.',
    fix: 'Choose a folder path of at most 100 characters.',
  },
  PARENT_FOLDER_ID_TOO_LONG: {
    problem: 'The parent folder ID is too long for Wix.',
    fix: "Use a folder ID from the Media Manager (at most 100 characters) or 'media-root'.",
  },
  TOO_MANY_LABELS: { problem: 'Too many labels were given.', fix: 'Use fewer labels (at most 50, or 500 for files above the resumable threshold).' },
  LABEL_TOO_LONG: { problem: 'A label is too long for Wix.', fix: 'Shorten each label to at most 200 characters.' },
  INVALID_REQUEST: {
    problem: 'The request could not be built.',
    fix: 'Check the MIME type, folder path, labels and base URL for unusual characters.',
  },
  EXTERNAL_INFO_TOO_LONG: {
    problem: 'The external info is too large for Wix.',
    fix: 'Keep origin within 1000 characters and at most 30 external IDs of at most 4000 characters each.',
  },
};

function httpText(status: number | undefined, code: string, detail: string | undefined): string {
  const tag = status ? `${status} ${code}` : code;
  const why = detail ? `: ${detail}` : '';
  if (isTokenCode(code) && status !== 401) {
    return `The upload URL Wix issued was refused (${tag}${why}), also after asking for a fresh one. Try the upload again; if it keeps happening, check that this computer's clock is right.`;
  }
  if (status === 401 || code === 'UNAUTHORIZED' || code === 'UNAUTHENTICATED') {
    return `The Wix API key was rejected (${tag}). It may be wrong, revoked or for another account: create or copy a valid key in the Wix API Keys Manager.`;
  }
  if (status === 403 || code === 'FORBIDDEN' || code === 'PERMISSION_DENIED') {
    return `Wix refused access (${tag}${why}). Check that the API key has the "Manage Media Manager" permission, that it has access to this site, and that the site ID is right (the GUID after /dashboard/ in the site's dashboard URL).`;
  }
  if (status === 404 || code === 'NOT_FOUND') {
    return `Wix could not find it (${tag}${why}). The file or folder may have been deleted, or the site ID may be wrong.`;
  }
  if (status === 429 || code === 'TOO_MANY_REQUESTS' || code === 'RESOURCE_EXHAUSTED') {
    return `Wix is limiting the request rate (${tag}) and the retries did not get through. Wait a minute and try again; uploading fewer files at once helps.`;
  }
  if (status !== undefined && status >= 500) {
    return `Wix had a server error (${tag}) and the retries did not help. This is on Wix's side: try again in a few minutes.`;
  }
  return `Wix refused the request (${tag}${why}).`;
}

/** The sentence for an error's fields; `subject` names the file. */
export function messageFor(init: Pick<WixErrorInit, 'kind' | 'code' | 'status' | 'detail'>, subject?: string): string {
  const prefix = subject ? `"${subject}": ` : '';
  const { kind, code, status, detail } = init;
  switch (kind) {
    case 'cancelled':
      return `${prefix}The upload was cancelled.`;
    case 'network':
      return `${prefix}Could not reach Wix${detail ? ` (${detail})` : ''}. Check the internet connection, proxy and firewall, then try again.`;
    case 'timeout':
      return `${prefix}Wix did not answer in time${detail ? ` (${detail})` : ''}, even after retrying. Check the connection and try again.`;
    case 'local': {
      const l = LOCAL[code];
      if (!l) return `${prefix}${detail ?? code}`;
      return `${prefix}${detail ?? l.problem} ${l.fix}`;
    }
    default: {
      const known = SERVER[code];
      if (known) return `${prefix}${known}${detail && code !== 'PROCESSING_FAILED' ? ` Wix said: ${detail}` : ''}`;
      return `${prefix}${httpText(status, code, detail)}`;
    }
  }
}

/**
 * A sentence a person can act on, for any error: WixError, an AbortError, or anything else.
 * `fileLabel` (e.g. a workspace-relative path) names the file; else the file name the error carries, if any.
 */
export function describeError(err: unknown, fileLabel?: string): string {
  if (err instanceof WixError) return redact(messageFor(err, fileLabel ?? err.fileName));
  const prefix = fileLabel ? `"${fileLabel}": ` : '';
  if (isCancellation(err)) return `${prefix}The upload was cancelled.`;
  const text = err instanceof Error ? err.message : String(err);
  return redact(`${prefix}Unexpected error: ${text}`);
}

/** Builds a WixError whose message is already the actionable sentence. */
export function wixError(init: WixErrorInit): WixError {
  const detail = init.detail === undefined ? undefined : redact(init.detail);
  const full = { ...init, detail };
  return new WixError(redact(messageFor(full, init.fileName)), full);
}

/** The same error, now naming `fileName` (errors are immutable, so a copy). */
export function withFileName(err: WixError, fileName: string): WixError {
  if (err.fileName === fileName) return err;
  return wixError({
    kind: err.kind, code: err.code, status: err.status, detail: err.detail, retryAfterMs: err.retryAfterMs,
    cause: err.cause, fileName,
  });
}

export function localError(code: keyof typeof LOCAL_CODES, fileName: string | undefined, detail?: string, cause?: unknown): WixError {
  return wixError({ kind: 'local', code, fileName, detail, cause });
}

export function cancelledError(fileName?: string): WixError {
  return wixError({ kind: 'cancelled', code: 'CANCELLED', fileName });
}
