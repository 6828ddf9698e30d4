// Private files (README "Private files"): a private file's static URL answers 403 and its media URLs are empty
// (Wix's "Private files" page: https://dev.wix.com/docs/sdk/backend-modules/media/files/private-files). Reading it
// takes POST /site-media/v1/files/generate-file-download-url { fileId, expirationInMinutes, … } ->
// { downloadUrls: [{ url, assetKey }] } (https://dev.wix.com/api/rest/media/media-manager/files/generate-file-download-url):
// expirationInMinutes min 1, default 600, max 525600; the link answers 403 once it expired.
import { randomBytes } from 'node:crypto';
import type { Ctx, Exchange } from './context';
import { applicationError, ok, plainStatus, send, validationError, type HttpAnswer } from './errors';
import { fileIdOf } from './library';

export const DEFAULT_LINK_MINUTES = 600;
export const MAX_LINK_MINUTES = 525_600;

export interface DownloadLink {
  fileId: string;
  token: string;
  expiresAt: number;
  expirationInMinutes: number;
}

export class DownloadLinks {
  readonly issued: DownloadLink[] = [];

  clear(): void {
    this.issued.length = 0;
  }

  generate(ctx: Ctx, body: unknown): HttpAnswer {
    const b = (body ?? {}) as { fileId?: unknown; expirationInMinutes?: unknown; assetKeys?: unknown };
    if (typeof b.fileId !== 'string' || !b.fileId) {
      return validationError([{ field: 'fileId', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' }]);
    }
    if (b.fileId.length > 1000) return validationError([{ field: 'fileId', description: 'must be at most 1000 characters', violatedRule: 'MAX' }]);
    const minutes = b.expirationInMinutes === undefined ? DEFAULT_LINK_MINUTES : b.expirationInMinutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LINK_MINUTES) {
      return validationError([{ field: 'expirationInMinutes', description: `must be a whole number from 1 to ${MAX_LINK_MINUTES}`, violatedRule: 'MAX' }]);
    }
    if (b.assetKeys !== undefined && !(Array.isArray(b.assetKeys) && b.assetKeys.every((k) => k === 'src'))) {
      return validationError([{ field: 'assetKeys', description: 'only the original (src) exists here', violatedRule: 'OTHER', ruleName: 'INVALID_ASSET_KEY' }]);
    }
    const id = fileIdOf(b.fileId);
    if (!ctx.library.get(id)) return applicationError(404, 'RESOURCE_NOT_FOUND', `file ${id} not found`);
    const token = `eyJ${randomBytes(24).toString('base64url')}`;
    this.issued.push({ fileId: id, token, expiresAt: Date.now() + minutes * 60_000, expirationInMinutes: minutes });
    return ok({ downloadUrls: [{ url: `${ctx.baseUrl}/download/media/${encodeURIComponent(id)}?token=${token}`, assetKey: 'src' }] });
  }

  /** GET /download/media/<id>?token=: 200 while the link lives, plain 403 after (Wix's default expiry page). */
  serve(ex: Exchange): void {
    const id = decodeURIComponent(ex.url.pathname.slice('/download/media/'.length));
    const token = ex.url.searchParams.get('token');
    const link = this.issued.find((l) => l.token === token && l.fileId === id);
    if (!link || Date.now() > link.expiresAt) return send(ex.res, plainStatus(403));
    ex.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 0 });
    ex.res.end();
  }
}

/**
 * What a browser would get from a descriptor URL (static.wixstatic.com and friends are not served here):
 * 403 for a private file's static URL, 200 for a public one, 404 for unknown; links of this emulator by their rules.
 */
export function staticStatus(ctx: Ctx, links: DownloadLinks, url: string): number {
  if (!url) return 404;
  if (url.startsWith(`${ctx.baseUrl}/download/media/`)) {
    const u = new URL(url);
    const id = decodeURIComponent(u.pathname.slice('/download/media/'.length));
    const link = links.issued.find((l) => l.token === u.searchParams.get('token') && l.fileId === id);
    return link && Date.now() <= link.expiresAt ? 200 : 403;
  }
  const file = ctx.library.files.find((f) => f.descriptor.url === url);
  if (!file) return 404;
  return file.descriptor.private ? 403 : 200;
}
