// /site-media/v1/files/*: generate upload URLs (§2, §4.1), get a descriptor (§6), list files.
import type { Ctx, Exchange } from './context';
import { applicationError, ok, validationError, type HttpAnswer } from './errors';
import { fileIdOf } from './library';
import { isAnswer, page } from './paging';
import { validateGenerate } from './validate';

export function generate(ctx: Ctx, body: unknown, resumable: boolean): HttpAnswer {
  const spec = validateGenerate(body, { resumable, limitFor: (t) => ctx.limitFor(t), quotaLeft: () => ctx.quotaLeft() });
  if (isAnswer(spec)) return spec;
  if (!ctx.folders.get(spec.parentFolderId)) {
    return applicationError(404, 'FOLDER_NOT_FOUND', `parent folder ${spec.parentFolderId} does not exist`);
  }
  if (!resumable) {
    const token = ctx.tokens.issue('put', spec, ctx.uploadUrlTtlMs);
    return ok({ uploadUrl: `${ctx.baseUrl}/upload/${token}` });
  }
  const token = ctx.tokens.issue('tus', spec, ctx.resumableTtlMs);
  return ok({ uploadProtocol: 'TUS', uploadUrl: `${ctx.baseUrl}/upload/tus`, uploadToken: token });
}

export function getFile(ctx: Ctx, fileId: string | null): HttpAnswer {
  if (!fileId) return validationError([{ field: 'fileId', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' }]);
  const d = ctx.library.get(fileId);
  if (!d) return applicationError(404, 'RESOURCE_NOT_FOUND', `file ${fileIdOf(fileId)} not found`);
  return ok({ file: d });
}

/** GET /site-media/v1/files: direct children of parentFolderId (default media-root), newest first. */
export function listFiles(ctx: Ctx, ex: Exchange): HttpAnswer {
  const q = ex.url.searchParams;
  const parent = q.get('parentFolderId') || 'media-root';
  const types = q.getAll('mediaTypes');
  const priv = q.get('private');
  const files = ctx.library.files
    .map((f) => f.descriptor)
    .filter((d) => d.parentFolderId === parent && (!types.length || types.includes(d.mediaType)))
    .filter((d) => priv === null || String(d.private) === priv)
    .reverse();
  const p = page(files, q);
  return isAnswer(p) ? p : ok({ files: p.items, nextCursor: p.nextCursor });
}
