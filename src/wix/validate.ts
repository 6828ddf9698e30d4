// Client-side limits (Wix: Generate File Upload URL, Generate File Resumable Upload URL, file size limits; test/emulator/README.md), checked before any request so a bad file fails fast with a clear message.
import type { ExternalInfo } from './types';
import { localError } from './messages';
import { LIMITS } from './limits';

export { LIMITS };

export interface UploadFields {
  fileName: string;
  size: number;
  mimeType: string;
  filePath?: string;
  parentFolderId?: string;
  labels?: string[];
  externalInfo?: ExternalInfo;
}

export interface ValidateOptions {
  resumable: boolean;
  maxFileSizeBytes?: number;
}

/** Characters as a person counts them (code points), which is what the length limits are about. */
function len(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** "1023 bytes", "1.5 KB", "300 MB": one formatter for every face; the CLI's terse progress line says "B". */
export function formatBytes(n: number, byteUnit: 'bytes' | 'B' = 'bytes'): string {
  if (n < 1024) return `${n} ${byteUnit}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Throws WixError kind 'local' naming the file and the fix; returns normally when the upload may go ahead. */
export function validateUpload(f: UploadFields, opts: ValidateOptions): void {
  const name = f.fileName;
  if (!Number.isFinite(f.size) || f.size <= 0) {
    throw localError('ZERO_FILE_SIZE', name);
  }
  if (opts.maxFileSizeBytes !== undefined && f.size > opts.maxFileSizeBytes) {
    throw localError(
      'FILE_SIZE_OVER_LIMIT', name,
      `The file is ${formatBytes(f.size)}, above the maximum upload size of ${formatBytes(opts.maxFileSizeBytes)} (FILE_SIZE_OVER_LIMIT).`,
    );
  }
  if (len(name) > LIMITS.fileName) {
    throw localError('FILE_NAME_TOO_LONG', name, `The file name is ${len(name)} characters long; Wix accepts at most ${LIMITS.fileName}.`);
  }
  if (!f.mimeType.trim()) throw localError('MIME_TYPE_MISSING', name);
  if (len(f.mimeType) > LIMITS.mimeType) {
    throw localError('MIME_TYPE_TOO_LONG', name, `The MIME type is ${len(f.mimeType)} characters long; Wix accepts at most ${LIMITS.mimeType}.`);
  }
  if (f.filePath !== undefined && len(f.filePath) > LIMITS.filePath) {
    throw localError(
      'FILE_PATH_TOO_LONG', name,
      `The Media Manager folder path "${f.filePath}" is ${len(f.filePath)} characters long; Wix accepts at most ${LIMITS.filePath}.`,
    );
  }
  if (f.parentFolderId !== undefined && len(f.parentFolderId) > LIMITS.parentFolderId) {
    throw localError(
      'PARENT_FOLDER_ID_TOO_LONG', name,
      `The parent folder ID is ${len(f.parentFolderId)} characters long; Wix accepts at most ${LIMITS.parentFolderId}.`,
    );
  }
  if (f.labels) {
    const max = opts.resumable ? LIMITS.resumableLabels : LIMITS.labels;
    if (f.labels.length > max) {
      throw localError(
        'TOO_MANY_LABELS', name,
        `${f.labels.length} labels were given; Wix accepts at most ${max} for ${opts.resumable ? 'a resumable' : 'an'} upload.`,
      );
    }
    const long = f.labels.find((l) => len(l) > LIMITS.label);
    if (long !== undefined) {
      throw localError(
        'LABEL_TOO_LONG', name,
        `The label "${long.slice(0, 40)}…" is ${len(long)} characters long; Wix accepts at most ${LIMITS.label}.`,
      );
    }
  }
  const ext = f.externalInfo;
  if (ext && !opts.resumable) {
    const ids = ext.externalIds ?? [];
    if ((ext.origin !== undefined && len(ext.origin) > LIMITS.externalOrigin)
      || ids.length > LIMITS.externalIds || ids.some((id) => len(id) > LIMITS.externalId)) {
      throw localError('EXTERNAL_INFO_TOO_LONG', name);
    }
  }
}
