// Remote http(s) media (`wix-media rewrite --import-remote`, the wixMedia.assets.importRemote setting) are brought into the Media Manager through Import File,
// so Wix fetches them and the bytes never pass through this machine. Each distinct URL is imported once; its links
// are rewritten only once Wix has processed the file (READY).
import type { AssetReference } from './types';
import type { MediaClient } from '../wix/contract';
import { describeError } from '../wix/messages';
import type { FileDescriptor } from '../wix/types';

export interface ImportOptions {
  filePath?: string;
  parentFolderId?: string;
  labels?: string[];
  private?: boolean;
}

/** The URL Wix can fetch: http(s), or //host as https. data: and the like cannot be imported. */
export function importableUrl(ref: AssetReference): string | undefined {
  const url = ref.url ?? '';
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`;
  return undefined;
}

function displayNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

/** Imports each distinct URL once; the descriptor (READY) of each reference whose import succeeded. */
export async function importRemote(
  refs: readonly AssetReference[], opts: ImportOptions, client: MediaClient,
  report: (ref: AssetReference, url: string, why: string) => void,
): Promise<Map<AssetReference, FileDescriptor>> {
  const byUrl = new Map<string, AssetReference[]>();
  for (const r of refs) {
    const url = importableUrl(r);
    if (!url) continue;
    byUrl.set(url, [...(byUrl.get(url) ?? []), r]);
  }
  const out = new Map<AssetReference, FileDescriptor>();
  if (!client.importFile) throw new Error('This client cannot import files.');
  for (const [url, list] of byUrl) {
    try {
      const started = await client.importFile({
        url, displayName: displayNameOf(url), filePath: opts.filePath, parentFolderId: opts.parentFolderId,
        labels: opts.labels, private: opts.private || undefined,
      });
      const d = await client.waitForReady(started.id);
      if (d.operationStatus !== 'READY') throw new Error('Wix was still processing it when the wait ended');
      for (const r of list) out.set(r, d);
    } catch (e) {
      report(list[0], url, describeError(e));
    }
  }
  return out;
}
