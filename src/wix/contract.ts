// The contract of the Media Manager client. The upload engine, the CLI and the VS Code face use only this.
import type { Readable } from 'node:stream';
import type {
  FileDescriptor, Folder, GenerateFileResumableUploadUrlRequest, GenerateFileResumableUploadUrlResponse,
  GenerateFileUploadUrlRequest, GenerateFileUploadUrlResponse, ExternalInfo,
} from './types';
import type { ImportFileRequest } from './import-file';
import type { Logger } from './log';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ClientOptions {
  apiKey: string;
  siteId: string;
  /** Default https://www.wixapis.com */
  baseUrl?: string;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Time bound for response headers and for a stalled body, per request. Default 30 s. */
  requestTimeoutMs?: number;
  userAgent?: string;
}

/** Where an upload's bytes come from. `open` is called again for each retry and each tus slice. */
export interface FileSource {
  /** The file name with its extension, as the Media Manager will show it. */
  name: string;
  size: number;
  /** Absolute local path when the bytes are on this machine's disk (lets tus read slices itself). */
  path?: string;
  /** A fresh stream of the bytes from `start` (default 0) to the end. */
  open(start?: number): Readable;
  /** Bytes [start, end) as chunks read into reused buffers (files on disk); preferred over `open` when present. */
  chunks?(start?: number, end?: number): AsyncIterable<Buffer> & { size: number };
}

export interface UploadOptions {
  /** Default: looked up from the name by mime-types, else application/octet-stream. */
  mimeType?: string;
  /** Media Manager folder path such as /docs/img (≤ 100 chars); missing folders are created. */
  filePath?: string;
  parentFolderId?: string;
  labels?: string[];
  private?: boolean;
  externalInfo?: ExternalInfo;
  /** Files above this go through generate-resumable-upload-url and tus. Default 10 MB (Wix's documented threshold). */
  resumableThresholdBytes?: number;
  /** Bytes per tus PATCH. Default: the whole file in one streamed PATCH. */
  tusChunkSizeBytes?: number;
  /** A local size limit checked before any request; above it: FILE_SIZE_OVER_LIMIT. */
  maxFileSizeBytes?: number;
  signal?: AbortSignal;
  onProgress?: (bytesSent: number, total: number) => void;
}

export interface WaitOptions {
  /** Default 30 s; on expiry the last (PENDING) descriptor is returned, not thrown. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface MediaClient {
  generateUploadUrl(req: GenerateFileUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileUploadUrlResponse>;
  generateResumableUploadUrl(req: GenerateFileResumableUploadUrlRequest, signal?: AbortSignal): Promise<GenerateFileResumableUploadUrlResponse>;
  /** Validates, then generate + PUT (or tus + finalize), with retries. Resolves with the PUT's descriptor. */
  uploadFile(source: FileSource, opts?: UploadOptions): Promise<FileDescriptor>;
  getFileDescriptor(fileId: string, signal?: AbortSignal): Promise<FileDescriptor>;
  /** Polls with backoff until READY; FAILED throws WixError code PROCESSING_FAILED. */
  waitForReady(fileId: string, opts?: WaitOptions): Promise<FileDescriptor>;
  /** A time-limited link to a private file (generate-file-download-url); optional so test doubles may omit it. */
  generateFileDownloadUrl?(fileId: string, expirationInMinutes: number, signal?: AbortSignal): Promise<{ url: string; expiresAt: string }>;
  /** Import File: Wix fetches a public URL itself. Optional: not every client (or fake) has it. */
  importFile?(req: ImportFileRequest, signal?: AbortSignal): Promise<FileDescriptor>;
  /** Direct children of a folder (default media-root), all pages. */
  listFolders(parentFolderId?: string, signal?: AbortSignal): Promise<Folder[]>;
  createFolder(displayName: string, parentFolderId?: string, signal?: AbortSignal): Promise<Folder>;
  close(): Promise<void>;
}
