// Command-line parsing and validation for `wix-media upload`. Every problem is a UsageError (exit 2) whose
// message says what to change.
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY } from '../upload/queue';
import { DEFAULT_BASE_URL, DEFAULT_RESUMABLE_THRESHOLD_MB, MB } from '../wix/limits';

export const FORMATS = ['url', 'markdown', 'html', 'wix', 'json'] as const;
export type Format = typeof FORMATS[number];

export const MAX_CONCURRENCY = 32;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliUploadArgs {
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
  /** Content-hash manifest (read and written): same bytes on the same site are reused, not uploaded again. */
  manifest?: string;
  /** Upload even when the manifest knows the bytes. */
  force: boolean;
  /** Reuse only a copy in the folder asked for, not one elsewhere on the site. */
  sameFolder: boolean;
}

/** `wix-media rewrite`: upload a document's local assets and rewrite its links (src/cli/rewrite.ts). */
export interface RewriteArgs extends Omit<CliUploadArgs, 'command' | 'paths' | 'format' | 'wait'> {
  command: 'rewrite';
  files: string[];
  style: 'url' | 'wix';
  dryRun: boolean;
  /** A leading '/' in a link resolves from here (default: the current directory). */
  root?: string;
  /** Also bring remote http(s) images in, through Wix's Import File. */
  importRemote: boolean;
}

export type ParsedArgs = CliUploadArgs | RewriteArgs | { command: 'help' } | { command: 'version' };

export const HELP = `Usage: wix-media upload [options] FILE|FOLDER...

Uploads files to a Wix site's Media Manager and prints one reference per uploaded file, in input order.
A folder is expanded recursively (names sorted; inside it, names starting with "." and OS clutter such as
Thumbs.db and desktop.ini are skipped).

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
                         sizeInBytes, operationStatus, reused)
  --concurrency N      Uploads at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --wait               Wait until Wix has processed each file (operationStatus READY)
  --threshold-mb N     Files above N MB use the resumable (tus) upload (default ${DEFAULT_RESUMABLE_THRESHOLD_MB})
  --max-size-mb N      Refuse files above N MB before uploading
  --manifest PATH      Content-hash manifest (e.g. .wix-media.json, meant to be committed): a file whose bytes
                         it lists for this site, and which Wix still has outside the trash, is reused
                         instead of uploaded; new uploads are added to it
  --force              Upload even when the manifest lists the same bytes
  --same-folder        Reuse only a copy in the folder asked for (default: anywhere on the site)
  --verbose            Log requests and retries to stderr
  -h, --help           Show this help
  -v, --version        Show the version

Environment:
  WIX_API_KEY          A Wix API key with the "Manage Media Manager" permission (required)
  WIX_SITE_ID          The site's ID: the GUID after /dashboard/ in its dashboard URL (required)
  WIX_API_RATE_LIMIT   Wix's API rate as CALLS/WINDOW_MS (default 200/60000); uploads pace a little under it
  WIX_API_BASE_URL     API base URL (default ${DEFAULT_BASE_URL})
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                       A proxy for the API and upload hosts, and the hosts that bypass it

Progress goes to stderr when it is a terminal; each file that fails gets one line on stderr.
Exit status: 0 all uploaded, 1 some file failed, 2 usage error, 130 interrupted (Ctrl-C).

Usage: wix-media rewrite [options] FILE...

Finds the local images and media a Markdown/MDX, HTML/Vue/Svelte/Astro, CSS/SCSS/Less or JSX/TSX file refers to,
uploads each distinct file once, and rewrites its links in place (code, comments and remote URLs are left alone).
Prints one summary line per file; each missing or failed file gets one line on stderr and keeps its link.

Options: --folder, --folder-id, --labels, --private, --concurrency, --threshold-mb, --max-size-mb, --verbose, and
  --style STYLE        url (default): the static URL | wix: the wix:image:// (etc.) URI, for Wix sites and Velo
  --dry-run            Upload nothing and change nothing: print each reference that would be rewritten
  --root DIR           Where links starting with / resolve from (default: the current directory)
  --import-remote      Also move remote http(s) media into the Media Manager: Wix fetches each URL itself
                       (Import File), and its links are rewritten once Wix has processed it

Exit status: 0 every local reference rewritten, 1 some file missing or failed (the rest are still rewritten),
2 usage error, 130 interrupted.
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
        style: { type: 'string' },
        'dry-run': { type: 'boolean' },
        root: { type: 'string' },
        'import-remote': { type: 'boolean' },
        manifest: { type: 'string' },
        force: { type: 'boolean' },
        'same-folder': { type: 'boolean' },
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
  if (command === undefined) throw new UsageError("Missing command: use 'wix-media upload FILE...' or 'wix-media rewrite FILE...'.");
  if (command !== 'upload' && command !== 'rewrite') {
    throw new UsageError(`Unknown command '${command}': the commands are 'upload' and 'rewrite'.`);
  }
  if (paths.length === 0) {
    throw new UsageError(command === 'upload' ? 'No files given: name at least one file or folder to upload.'
      : 'No files given: name at least one Markdown, HTML or CSS file whose links to rewrite.');
  }
  const only = (flags: string[], cmd: string) => {
    for (const f of flags) if (v[f as keyof typeof v] !== undefined) throw new UsageError(`--${f} is an option of 'wix-media ${cmd}' only.`);
  };
  if (command === 'upload') only(['style', 'dry-run', 'root', 'import-remote'], 'rewrite');
  else only(['format', 'wait'], 'upload');

  const format = (v.format ?? 'url') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`Unknown --format '${v.format}': use one of ${FORMATS.join(', ')}.`);
  }

  let concurrency = DEFAULT_CONCURRENCY;
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
  const manifest = v.manifest?.trim();
  if (manifest === '') throw new UsageError('--manifest needs a file path such as .wix-media.json.');
  if ((v.force || v['same-folder']) && manifest === undefined) {
    throw new UsageError(`${v.force ? '--force' : '--same-folder'} only applies with --manifest PATH: add one, or drop the flag.`);
  }

  const threshold = positiveNumber('--threshold-mb', v['threshold-mb']);
  const maxSize = positiveNumber('--max-size-mb', v['max-size-mb']);

  const common = {
    filePath,
    parentFolderId,
    labels: labels?.length ? labels : undefined,
    private: v.private ?? false,
    concurrency,
    resumableThresholdBytes: threshold === undefined ? undefined : Math.round(threshold * MB),
    maxFileSizeBytes: maxSize === undefined ? undefined : Math.round(maxSize * MB),
    verbose: v.verbose ?? false,
    linkExpiryMinutes,
    manifest,
    force: v.force ?? false,
    sameFolder: v['same-folder'] ?? false,
  };
  if (command === 'rewrite') {
    const style = v.style ?? 'url';
    if (style !== 'url' && style !== 'wix') throw new UsageError(`Unknown --style '${style}': use url or wix.`);
    const root = v.root?.trim();
    if (root === '') throw new UsageError('--root needs a folder, e.g. --root . for the current one.');
    return { command: 'rewrite', files: paths, style, dryRun: v['dry-run'] ?? false, root, importRemote: v['import-remote'] ?? false, ...common };
  }

  return { command: 'upload', paths, format, wait: v.wait ?? false, ...common };
}

export interface Credentials {
  apiKey: string;
  siteId: string;
  baseUrl: string;
}

export { DEFAULT_BASE_URL };

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
