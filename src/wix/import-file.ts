// Import File (POST /site-media/v1/files/import): Wix fetches a public URL itself, so the bytes never pass
// through this machine. Answers PENDING (media null, hash ""); wait for READY before using the file.
// https://dev.wix.com/docs/rest/assets/media/media-manager/files/import-file
import type { WixHttp } from './http';
import type { FileDescriptor, MediaType } from './types';

export interface ImportFileRequest {
  /** A publicly reachable http(s) URL. */
  url: string;
  /** Any type but OTHER; Wix otherwise learns it from mimeType, an extension in displayName/url, or a HEAD request. */
  mediaType?: Exclude<MediaType, 'OTHER'>;
  /** ≤1000 characters, truncated to 255. */
  displayName?: string;
  parentFolderId?: string;
  /** Media Manager folder path; missing folders are created. */
  filePath?: string;
  private?: boolean;
  /** ≤500 labels. */
  labels?: string[];
  mimeType?: string;
}

export async function importFile(http: WixHttp, req: ImportFileRequest, signal?: AbortSignal): Promise<FileDescriptor> {
  const body = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined));
  const res = await http.api<{ file: FileDescriptor }>('POST', '/site-media/v1/files/import', {
    body, signal, what: 'import-file', fileName: req.displayName ?? req.url,
  });
  return res.file;
}
