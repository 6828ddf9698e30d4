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
  if (!d) return fileNotFound(fileId);
  return ok({ file: d });
}

/**
 * An unknown file id: 400 with the validation rule RESOURCE_NOT_FOUND, as Wix's Get File Descriptor(s) pages list
 * it (one 400 error) and the SDK types it (`GetFileDescriptorValidationErrors { ruleName: 'RESOURCE_NOT_FOUND' }`
 * in @wix/auto_sdk_media_files meta.d.ts); README "Listing and trash".
 */
export function fileNotFound(id: string): HttpAnswer {
  return validationError([{ field: 'fileId', description: `file ${fileIdOf(id)} not found`, violatedRule: 'OTHER', ruleName: 'RESOURCE_NOT_FOUND' }]);
}
