// Validation of generate-upload-url / generate-resumable-upload-url bodies, in the order of §12.
import type { MediaType } from '../../src/wix/types';
import { validationError, type FieldViolation, type HttpAnswer } from './errors';
import { mediaTypeOfMime, mimeContradictsName, resolveMediaType } from './media-types';

/** A validated request, kept with its token until the bytes arrive. */
export interface GenerateSpec {
  mimeType: string;
  fileName?: string;
  sizeInBytes?: number;
  parentFolderId: string;
  private: boolean;
  labels: string[];
  externalInfo?: { origin?: string; externalIds?: string[] };
  filePath?: string;
  /** From mimeType and fileName; refined at PUT time for octet-stream. */
  mediaType: MediaType;
}

export interface ValidateContext {
  resumable: boolean;
  limitFor(mediaType: MediaType): number;
  /** Bytes still free under the quota; undefined when unlimited. */
  quotaLeft(): number | undefined;
}

const isStr = (v: unknown): v is string => typeof v === 'string';

function rule(field: string, ruleName: string, description: string, data: object = {}): HttpAnswer {
  return validationError([{ field, description, violatedRule: 'OTHER', ruleName, data }]);
}

export function validateGenerate(body: unknown, ctx: ValidateContext): GenerateSpec | HttpAnswer {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return validationError([{ field: 'body', description: 'must be a JSON object', violatedRule: 'FORMAT' }]);
  }
  const b = body as Record<string, unknown>;
  const v: FieldViolation[] = [];
  const maxLen = (field: string, max: number) => {
    const value = b[field];
    if (value === undefined || value === null) return;
    if (!isStr(value)) v.push({ field, description: 'must be a string', violatedRule: 'FORMAT' });
    else if (value.length > max) v.push({ field, description: `must be at most ${max} characters`, violatedRule: 'MAX', data: { max } });
  };

  // 1. mimeType present and ≤ 100, 2. fileName length: these answer alone, as Wix checks them first.
  if (b.mimeType === undefined || b.mimeType === null || b.mimeType === '') {
    return validationError([{ field: 'mimeType', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' }]);
  }
  maxLen('mimeType', 100);
  maxLen('fileName', 1000);
  if (v.length) return validationError(v);

  // The other field limits, all reported together.
  maxLen('filePath', 100);
  maxLen('parentFolderId', 100);
  if (b.private !== undefined && b.private !== null && typeof b.private !== 'boolean') {
    v.push({ field: 'private', description: 'must be a boolean', violatedRule: 'FORMAT' });
  }
  const maxLabels = ctx.resumable ? 500 : 50;
  if (b.labels !== undefined && b.labels !== null) {
    if (!Array.isArray(b.labels) || !b.labels.every(isStr)) {
      v.push({ field: 'labels', description: 'must be an array of strings', violatedRule: 'FORMAT' });
    } else {
      if (b.labels.length > maxLabels) v.push({ field: 'labels', description: `must have at most ${maxLabels} items`, violatedRule: 'MAX', data: { max: maxLabels } });
      b.labels.forEach((l, i) => {
        if (l.length > 200) v.push({ field: `labels[${i}]`, description: 'must be at most 200 characters', violatedRule: 'MAX', data: { max: 200 } });
      });
    }
  }
  let externalInfo: GenerateSpec['externalInfo'];
  if (!ctx.resumable && b.externalInfo !== undefined && b.externalInfo !== null) {
    const e = b.externalInfo as Record<string, unknown>;
    if (typeof e !== 'object' || Array.isArray(e)) {
      v.push({ field: 'externalInfo', description: 'must be an object', violatedRule: 'FORMAT' });
    } else {
      if (e.origin !== undefined && (!isStr(e.origin) || e.origin.length > 1000)) {
        v.push({ field: 'externalInfo.origin', description: 'must be a string of at most 1000 characters', violatedRule: 'MAX', data: { max: 1000 } });
      }
      if (e.externalIds !== undefined) {
        const ids = e.externalIds;
        if (!Array.isArray(ids) || !ids.every(isStr)) v.push({ field: 'externalInfo.externalIds', description: 'must be an array of strings', violatedRule: 'FORMAT' });
        else {
          if (ids.length > 30) v.push({ field: 'externalInfo.externalIds', description: 'must have at most 30 items', violatedRule: 'MAX', data: { max: 30 } });
          ids.forEach((id, i) => {
            if (id.length > 4000) v.push({ field: `externalInfo.externalIds[${i}]`, description: 'must be at most 4000 characters', violatedRule: 'MAX', data: { max: 4000 } });
          });
        }
      }
      externalInfo = { origin: e.origin as string | undefined, externalIds: e.externalIds as string[] | undefined };
    }
  }
  if (ctx.resumable && b.uploadProtocol !== undefined && b.uploadProtocol !== 'TUS') {
    v.push({ field: 'uploadProtocol', description: 'must be TUS', violatedRule: 'FORMAT' });
  }
  let size: number | undefined;
  if (b.sizeInBytes !== undefined && b.sizeInBytes !== null) {
    // A decimal string on the wire (the SDK's DECIMAL_VALUE); a JSON number is refused like Wix's proto parser would.
    if (!isStr(b.sizeInBytes) || !/^\d{1,16}$/.test(b.sizeInBytes)) {
      v.push({ field: 'sizeInBytes', description: 'must be a non-negative integer written as a decimal string', violatedRule: 'FORMAT' });
    } else size = Number(b.sizeInBytes);
  }
  if (v.length) return validationError(v);

  const mimeType = b.mimeType as string;
  const fileName = (b.fileName as string | undefined) || undefined;
  // 3. extension vs mimeType, 4. zero size, 5. unknown type, 6. size limit, 7. quota.
  if (mimeContradictsName(mimeType, fileName)) {
    return rule('mimeType', 'MISMATCH_MIME_TYPE', `mime type ${mimeType} does not match the extension of the file name`);
  }
  if (size === 0) return rule('sizeInBytes', 'ZERO_FILE_SIZE', 'the file is empty');
  if (mediaTypeOfMime(mimeType) === undefined) {
    return rule('mimeType', 'UNSUPPORTED_FILE_FORMAT', `files of type ${mimeType} are not supported`);
  }
  const mediaType = resolveMediaType(mimeType, fileName);
  const limit = ctx.limitFor(mediaType);
  if (size !== undefined && size > limit) {
    return rule('sizeInBytes', 'FILE_SIZE_OVER_LIMIT', `the file is larger than the ${limit} bytes allowed for ${mediaType}`, { limit: String(limit) });
  }
  const left = ctx.quotaLeft();
  if (!ctx.resumable && left !== undefined && (left <= 0 || (size !== undefined && size > left))) {
    return rule('sizeInBytes', 'SITE_QUOTA_EXCEEDED', 'the site storage quota is exhausted', { quota: { storage: String(left) } });
  }
  return {
    mimeType,
    fileName,
    sizeInBytes: size,
    parentFolderId: (b.parentFolderId as string | undefined) || 'media-root',
    private: b.private === true,
    labels: (b.labels as string[] | undefined) ?? [],
    externalInfo,
    filePath: (b.filePath as string | undefined) || undefined,
    mediaType,
  };
}
