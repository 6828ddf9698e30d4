// Public shapes of the emulator: options, what it records, and the faults a test can inject.
import type { IncomingHttpHeaders } from 'node:http';
import type { FileDescriptor, Folder, MediaType } from '../../src/wix/types';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The origin the upload URLs it hands out point to (default: its own address). Wix's upload host is another
   * host than the API's; the bench puts a latency proxy there, so uploads must be sent to the proxy too.
   */
  uploadBaseUrl?: string;
  apiKey?: string;
  siteId?: string;
  /** PENDING -> READY/FAILED after this many ms. Default 300. */
  readyDelayMs?: number;
  /** Prepended to every upload token (after "eyJ") so a secret-hygiene test can grep for it. */
  tokenPrefix?: string;
  /** One limit for every media type (overrides the per-type defaults). */
  maxFileBytes?: number;
  /** Per media type limits; unlisted types use `maxFileBytes` or the defaults. */
  maxBytesByType?: Partial<Record<MediaType, number>>;
  /** Site storage quota in bytes (sum of stored files). Default unlimited. */
  quotaBytes?: number;
  /** Upload URL lifetime. Default 24 h. */
  uploadUrlTtlMs?: number;
  /** Resumable token lifetime. Default 7 d. */
  resumableTtlMs?: number;
  /** How the descriptor `hash` is computed. 'md5' (default, like Wix) or 'sha256' (first 32 hex; faster for benchmarks). */
  descriptorHash?: 'md5' | 'sha256';
  /** Rate-limit mode: at most `calls` API-host calls per sliding `windowMs` (README "Rate-limit mode"). */
  rateLimit?: { calls: number; windowMs: number };
  /** The account the key belongs to; Query Sites requires it as `wix-account-id`. Default a random UUID. */
  accountId?: string;
  /** More sites of the account, besides the emulated one (for Select Site's list and its paging). */
  extraSites?: { id: string; displayName: string }[];
  /** Called with one line per request, tokens and keys already redacted (main.ts prints them). */
  log?: (line: string) => void;
}

export interface StoredFile {
  descriptor: FileDescriptor;
  sha256: string;
  size: number;
  /** '/a/b' or '/' (relative to media-root, whatever parentFolderId the upload named). */
  folderPath: string;
  labels: string[];
  mimeType: string;
  private: boolean;
  via: 'put' | 'tus' | 'import';
  /** Content-Type header of the PUT, or the tus contentType metadata. */
  contentType: string | undefined;
  /** The `filename` query parameter of the PUT / finalize. */
  filenameParam: string | undefined;
  /** fileName given to generate-*-upload-url. */
  fileName: string | undefined;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body for API calls. */
  body?: any;
  /** When the request arrived here (Date.now()), for tests of pauses the client makes between calls. */
  at: number;
  bytesReceived: number;
  /** 0 while unanswered (or never answered: hang, reset). */
  status: number;
  /** True once the exchange is over: answered, or the connection closed. */
  closed: boolean;
}

export interface EmulatorStats {
  putBodyBytes: number;
  tusPatchBytes: number;
  tusCreates: number;
  generateCalls: number;
  resumableGenerateCalls: number;
  /** Upload bodies (PUT/PATCH under /upload/) being received right now, and the most at once since reset. */
  uploadsInFlight: number;
  maxUploadsInFlight: number;
}

export interface EmulatorState {
  files: StoredFile[];
  folders: Folder[];
  stats: EmulatorStats;
}

export type FaultRoute =
  | 'generate' | 'generate-resumable' | 'put' | 'tus-create' | 'tus-patch' | 'tus-finalize' | 'get-file' | 'folders'
  | 'download-url' | 'import' | 'bulk-delete';

export type Fault =
  | { type: 'status'; route: FaultRoute; status: number; times?: number; retryAfter?: number; body?: object }
  | { type: 'reset'; route: 'put' | 'tus-patch'; afterBytes?: number; atUploadOffset?: number; times?: number }
  | { type: 'hang'; route: FaultRoute; times?: number }
  | { type: 'slow'; route: 'put' | 'tus-patch'; bytesPerSecond: number; times?: number }
  | { type: 'spent-url'; times?: number }
  | { type: 'stay-pending' }
  | { type: 'fail-processing'; times?: number }
  /** The file is stored, then the connection drops before the answer (README "Lost answers"). */
  | { type: 'lose-answer'; route: 'put' | 'tus-finalize'; times?: number }
  /** The route works but answers only after `ms` (a slow finalize: README "Slow finalize"). */
  | { type: 'delay'; route: FaultRoute; ms: number; times?: number };
