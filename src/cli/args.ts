// Command-line parsing and validation for `wix-media upload`. Every problem is a UsageError (exit 2) whose
// message says what to change.
import { parseArgs } from 'node:util';

export const FORMATS = ['url', 'markdown', 'html', 'wix', 'json'] as const;
export type Format = typeof FORMATS[number];

export const MAX_CONCURRENCY = 32;
const MB = 1024 * 1024;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface UploadArgs {
  command: 'upload';
  paths: string[];
  filePath?: string;
  parentFolderId?: string;
  labels?: string[];
  private: boolean;
  /** Minutes a private file's download link works (1-525600). */
  linkExpiryMinutes?: number;
  format: Format;
  concurrency: number;
  resumableThresholdBytes?: number;
  maxFileSizeBytes?: number;
  wait: boolean;
  verbose: boolean;
}

export type ParsedArgs = UploadArgs | { command: 'help' } | { command: 'version' };

export const HELP = `Usage: wix-media upload [options] FILE|FOLDER...

Uploads files to a Wix site's Media Manager and prints one reference per uploaded file, in input order.
A folder is expanded recursively (names sorted; dot-files and dot-folders inside it are skipped).

Options:
  --folder PATH        Media Manager folder path, e.g. /docs/img (missing folders are created)
  --folder-id ID       Parent folder ID (default: media-root)
  --labels a,b         Labels to put on every file (comma-separated)
  --private            Upload as private files (cannot be changed later); prints a download link for
                         each, since a private file's static URL answers 403
  --link-expiry-minutes N
                       How long those download links work, 1-525600 minutes (default 600)
  --format FORMAT      url (default) | markdown | html | wix | json
                         url: the static URL; markdown/html: an image, video, audio or link reference;
                         wix: the wix:image:// (etc.) URI, waiting until Wix has processed the file;
                         json: one JSON object per line (file, id, name, url, wixUri, mediaType,
                         sizeInBytes, operationStatus)
  --concurrency N      Uploads at once, 1-${MAX_CONCURRENCY} (default 4)
  --wait               Wait until Wix has processed each file (operationStatus READY)
  --threshold-mb N     Files above N MB use the resumable (tus) upload (default 10)
  --max-size-mb N      Refuse files above N MB before uploading
  --verbose            Log requests and retries to stderr
  -h, --help           Show this help
  -v, --version        Show the version

Environment:
  WIX_API_KEY          A Wix API key with the "Manage Media Manager" permission (required)
  WIX_SITE_ID          The site's ID: the GUID after /dashboard/ in its dashboard URL (required)
  WIX_API_RATE_LIMIT   Wix's API rate as CALLS/WINDOW_MS (default 200/60000); uploads pace a little under it
  WIX_API_BASE_URL     API base URL (default https://www.wixapis.com)

Progress goes to stderr when it is a terminal; each file that fails gets one line on stderr.
Exit status: 0 all uploaded, 1 some file failed, 2 usage error, 130 interrupted (Ctrl-C).
`;

function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} needs a positive number of megabytes, not '${raw}'.`);
  }
  return n;
}

function optionError(e: unknown): UsageError {
  const err = e as { code?: string; message?: string };
  const text = (err.message ?? String(e)).replace(/\. To specify a positional argument.*$/s, '.');
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`${text} Run 'wix-media --help' for the options.`);
  return new UsageError(text);
}

export function parseCli(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        folder: { type: 'string' },
        'folder-id': { type: 'string' },
        labels: { type: 'string' },
        private: { type: 'boolean' },
        'link-expiry-minutes': { type: 'string' },
        format: { type: 'string' },
        concurrency: { type: 'string' },
        wait: { type: 'boolean' },
        'threshold-mb': { type: 'string' },
        'max-size-mb': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw optionError(e);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError("Missing command: use 'wix-media upload FILE...'.");
  if (command !== 'upload') throw new UsageError(`Unknown command '${command}': the only command is 'upload'.`);
  if (paths.length === 0) throw new UsageError('No files given: name at least one file or folder to upload.');

  const format = (v.format ?? 'url') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`Unknown --format '${v.format}': use one of ${FORMATS.join(', ')}.`);
  }

  let concurrency = 4;
  if (v.concurrency !== undefined) {
    concurrency = Number(v.concurrency);
    if (!/^\d+$/.test(v.concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new UsageError(`--concurrency needs a whole number from 1 to ${MAX_CONCURRENCY}, not '${v.concurrency}'.`);
    }
  }

  const labels = v.labels?.split(',').map(l => l.trim()).filter(l => l !== '');
  let filePath = v.folder?.trim();
  if (filePath !== undefined) {
    if (filePath === '') throw new UsageError('--folder needs a folder path such as /docs/img.');
    if (!filePath.startsWith('/')) filePath = '/' + filePath;
  }
  const parentFolderId = v['folder-id']?.trim();
  if (parentFolderId === '') throw new UsageError("--folder-id needs a folder ID (or 'media-root').");

  let linkExpiryMinutes: number | undefined;
  const rawExpiry = v['link-expiry-minutes'];
  if (rawExpiry !== undefined) {
    linkExpiryMinutes = Number(rawExpiry);
    if (!/^\d+$/.test(rawExpiry) || linkExpiryMinutes < 1 || linkExpiryMinutes > 525_600) {
      throw new UsageError(`--link-expiry-minutes needs a whole number of minutes from 1 to 525600, not '${rawExpiry}'.`);
    }
  }
  const threshold = positiveNumber('--threshold-mb', v['threshold-mb']);
  const maxSize = positiveNumber('--max-size-mb', v['max-size-mb']);

  return {
    command: 'upload',
    paths,
    filePath,
    parentFolderId,
    labels: labels?.length ? labels : undefined,
    private: v.private ?? false,
    linkExpiryMinutes,
    format,
    concurrency,
    resumableThresholdBytes: threshold === undefined ? undefined : Math.round(threshold * MB),
    maxFileSizeBytes: maxSize === undefined ? undefined : Math.round(maxSize * MB),
    wait: v.wait ?? false,
    verbose: v.verbose ?? false,
  };
}

export interface Credentials {
  apiKey: string;
  siteId: string;
  baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://www.wixapis.com';

/** WIX_API_RATE_LIMIT=CALLS/WINDOW_MS: Wix's API rate the uploads pace under (default 200/60000, Wix's documented one). */
export function rateLimitFrom(env: NodeJS.ProcessEnv): { requestsPerWindow: number; windowMs: number } | undefined {
  const raw = env.WIX_API_RATE_LIMIT?.trim();
  if (!raw) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new UsageError(`WIX_API_RATE_LIMIT must be CALLS/WINDOW_MS such as 200/60000, not '${raw}'.`);
  }
  return { requestsPerWindow: Number(m[1]), windowMs: Number(m[2]) };
}

/** Reads WIX_API_KEY, WIX_SITE_ID and WIX_API_BASE_URL; a missing one is a usage error naming it. */
export function credentialsFrom(env: NodeJS.ProcessEnv): Credentials {
  const apiKey = env.WIX_API_KEY?.trim();
  const siteId = env.WIX_SITE_ID?.trim();
  const missing = [!apiKey && 'WIX_API_KEY', !siteId && 'WIX_SITE_ID'].filter(Boolean);
  if (missing.length) {
    const what = [
      !apiKey && 'WIX_API_KEY to a Wix API key with the "Manage Media Manager" permission (create one in the Wix API Keys Manager)',
      !siteId && "WIX_SITE_ID to the site's ID (the GUID after /dashboard/ in its dashboard URL)",
    ].filter(Boolean).join(', and ');
    throw new UsageError(`Missing ${missing.join(' and ')}: set ${what}.`);
  }
  const baseUrl = env.WIX_API_BASE_URL?.trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`WIX_API_BASE_URL is not a URL ('${baseUrl}'): unset it to use ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`WIX_API_BASE_URL must be an http(s) URL, not '${baseUrl}'.`);
  }
  return { apiKey: apiKey!, siteId: siteId!, baseUrl: baseUrl.replace(/\/+$/, '') };
}
