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

export type ParsedArgs = UploadArgs | { command: 'help' } | { command: 'version' };

export const HELP = `Usage: wix-media upload [options] FILE|FOLDER...

Uploads files to a Wix site's Media Manager and prints one reference per uploaded file, in input order.
A folder is expanded recursively (names sorted; dot-files and dot-folders inside it are skipped).

Options:
  --folder PATH        Media Manager folder path, e.g. /docs/img (missing folders are created)
  --folder-id ID       Parent folder ID (default: media-root)
  --labels a,b         Labels to put on every file (comma-separated)
  --private            Upload as private files (cannot be changed later)
  --format FORMAT      url (default) | markdown | html | wix | json
                         url: the static URL; markdown/html: an image, video, audio or link reference;
                         wix: the wix:image:// (etc.) URI, waiting until Wix has processed the file;
                         json: one JSON object per line (file, id, name, url, wixUri, mediaType,
                         sizeInBytes, operationStatus, reused)
  --concurrency N      Uploads at once, 1-${MAX_CONCURRENCY} (default 4)
  --wait               Wait until Wix has processed each file (operationStatus READY)
  --threshold-mb N     Files above N MB use the resumable (tus) upload (default 10)
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
        format: { type: 'string' },
        concurrency: { type: 'string' },
        wait: { type: 'boolean' },
        'threshold-mb': { type: 'string' },
        'max-size-mb': { type: 'string' },
        verbose: { type: 'boolean' },
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

  const manifest = v.manifest?.trim();
  if (manifest === '') throw new UsageError('--manifest needs a file path such as .wix-media.json.');
  if ((v.force || v['same-folder']) && manifest === undefined) {
    throw new UsageError(`${v.force ? '--force' : '--same-folder'} only applies with --manifest PATH: add one, or drop the flag.`);
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
    format,
    concurrency,
    resumableThresholdBytes: threshold === undefined ? undefined : Math.round(threshold * MB),
    maxFileSizeBytes: maxSize === undefined ? undefined : Math.round(maxSize * MB),
    wait: v.wait ?? false,
    verbose: v.verbose ?? false,
    manifest,
    force: v.force ?? false,
    sameFolder: v['same-folder'] ?? false,
  };
}

export interface Credentials {
  apiKey: string;
  siteId: string;
  baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://www.wixapis.com';

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
