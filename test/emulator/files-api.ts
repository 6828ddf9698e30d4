// /site-media/v1/files/*: generate upload URLs (§2, §4.1), get a descriptor (§6). List, search and delete: files-query.ts.
import type { Ctx } from './context';
import { applicationError, ok, validationError, type HttpAnswer } from './errors';
import { fileIdOf } from './library';
import { isAnswer } from './paging';
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
