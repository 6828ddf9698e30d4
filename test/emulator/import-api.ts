// POST /site-media/v1/files/import (Import File; README "Import"; https://dev.wix.com/docs/rest/assets/media/media-manager/files/import-file).
// Wix fetches `url` itself; so does the emulator (tests serve the URL from a local HTTP server). The answer is
// PENDING with media null and hash "", as Wix's is; the file is then processed like an upload. Wix is silent
// on a URL it cannot fetch: the harsher case is modelled, the call succeeds and the file ends FAILED.
import { basename } from 'node:path';
import * as mime from 'mime-types';
import type { MediaType } from '../../src/wix/types';
import type { Ctx } from './context';
import { applicationError, ok, validationError, type HttpAnswer } from './errors';
import { SNIFF_BYTES } from './image-size';
import { Hasher } from './upload-put';
import type { GenerateSpec } from './validate';

const MEDIA_TYPES: readonly MediaType[] = ['IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT', 'VECTOR', 'ARCHIVE', 'MODEL3D'];
const FETCH_TIMEOUT_MS = 10_000;

const bad = (field: string, description: string, violatedRule = 'FORMAT') => validationError([{ field, description, violatedRule }]);

export async function importFile(ctx: Ctx, body: unknown): Promise<HttpAnswer> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.url !== 'string' || b.url.length < 2) return bad('url', 'must be a web URL', b.url === undefined ? 'REQUIRED_FIELD' : 'FORMAT');
  let url: URL;
  try { url = new URL(b.url); } catch { return bad('url', 'must be a web URL (WEB_URL)'); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('url', 'must be a web URL (WEB_URL)');
  if (b.mediaType !== undefined && (typeof b.mediaType !== 'string' || !MEDIA_TYPES.includes(b.mediaType as MediaType))) {
    return bad('mediaType', `must be one of ${MEDIA_TYPES.join(', ')} (OTHER is not accepted)`);
  }
  if (b.displayName !== undefined && (typeof b.displayName !== 'string' || b.displayName.length > 1000)) return bad('displayName', 'must be a string of at most 1000 characters', 'MAX_LENGTH');
  if (b.mimeType !== undefined && (typeof b.mimeType !== 'string' || b.mimeType.length > 100)) return bad('mimeType', 'must be a string of at most 100 characters', 'MAX_LENGTH');
  if (b.labels !== undefined && (!Array.isArray(b.labels) || b.labels.length > 500 || !b.labels.every(l => typeof l === 'string'))) {
    return bad('labels', 'must be at most 500 strings', 'MAX_SIZE');
  }
  if (b.private !== undefined && typeof b.private !== 'boolean') return bad('private', 'must be a boolean');
  const parentFolderId = typeof b.parentFolderId === 'string' && b.parentFolderId ? b.parentFolderId : 'media-root';
  if (!ctx.folders.get(parentFolderId)) return applicationError(404, 'FOLDER_NOT_FOUND', `parent folder ${parentFolderId} does not exist`);

  // Fetch the URL as Wix would.
  let bytes = Buffer.alloc(0);
  let contentType: string | undefined;
  let fetched = false;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (res.ok) {
      bytes = Buffer.from(await res.arrayBuffer());
      contentType = res.headers.get('content-type') ?? undefined;
      fetched = bytes.length > 0;
    }
  } catch { /* unreachable: the file fails below */ }

  const fromPath = decodeURIComponent(basename(url.pathname)) || 'file';
  const name = (typeof b.displayName === 'string' && b.displayName) || fromPath;
  const mimeType = (b.mimeType as string | undefined) ?? contentType?.split(';')[0].trim() ?? (mime.lookup(name) || 'application/octet-stream');
  const spec: GenerateSpec = {
    mimeType, fileName: name, parentFolderId, private: b.private === true, labels: (b.labels as string[] | undefined) ?? [],
    filePath: typeof b.filePath === 'string' && b.filePath ? b.filePath : undefined,
    mediaType: (b.mediaType as MediaType | undefined) ?? 'OTHER',
  };
  const hasher = new Hasher(ctx.descriptorHash);
  hasher.update(bytes);
  const { sha256, hash } = hasher.digest();
  const stored = ctx.library.store(
    { spec, size: bytes.length, sha256, hash, head: bytes.subarray(0, SNIFF_BYTES), via: 'import', contentType, filenameParam: undefined },
    { failed: !fetched },
  );
  // Import's answer carries no media and an empty hash (the 2023 example), whatever processing has done since.
  return ok({ file: { ...stored.descriptor, operationStatus: 'PENDING', media: null, hash: '' } });
}
