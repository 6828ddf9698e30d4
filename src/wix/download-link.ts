// Generate File Download URL (Wix: Generate File Download URL,
// https://dev.wix.com/api/rest/media/media-manager/files/generate-file-download-url): the link a private file is
// read through, since its static URL answers 403. Shared by the uploads' client and the Media view's reader.
import type { WixHttp } from './http';
import { wixError } from './messages';

export interface DownloadLink {
  url: string;
  /** When the link stops working (ISO 8601, by this machine's clock at the request). */
  expiresAt: string;
}

export async function generateDownloadLink(http: WixHttp, fileId: string, expirationInMinutes: number, signal?: AbortSignal): Promise<DownloadLink> {
  const asked = Date.now();
  const res = await http.api<{ downloadUrls?: { url?: string; assetKey?: string }[] }>('POST', '/site-media/v1/files/generate-file-download-url', {
    body: { fileId, expirationInMinutes }, signal, what: 'generate-file-download-url',
  });
  const url = res.downloadUrls?.find((d) => d.url && (!d.assetKey || d.assetKey === 'src'))?.url;
  if (!url) throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', detail: 'generate-file-download-url returned no URL' });
  return { url, expiresAt: new Date(asked + expirationInMinutes * 60_000).toISOString() };
}
