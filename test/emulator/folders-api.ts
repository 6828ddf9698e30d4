// /site-media/v1/folders: list direct children, create, get (§7).
import type { Ctx } from './context';
import { applicationError, ok, validationError, type HttpAnswer } from './errors';
import { isAnswer, page } from './paging';

const notFound = (id: string) => applicationError(404, 'NOT_FOUND', `folder ${id} not found`);

export function listFolders(ctx: Ctx, q: URLSearchParams): HttpAnswer {
  const parent = q.get('parentFolderId') || 'media-root';
  if (!ctx.folders.get(parent)) return notFound(parent);
  const p = page(ctx.folders.children(parent), q);
  return isAnswer(p) ? p : ok({ folders: p.items, nextCursor: p.nextCursor });
}

export function getFolder(ctx: Ctx, id: string): HttpAnswer {
  const f = ctx.folders.get(id);
  return f ? ok({ folder: f }) : notFound(id);
}

export function createFolder(ctx: Ctx, body: unknown): HttpAnswer {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const name = b.displayName;
  if (typeof name !== 'string' || !name.trim()) {
    return validationError([{ field: 'displayName', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' }]);
  }
  if (name.length > 1000) {
    return validationError([{ field: 'displayName', description: 'must be at most 1000 characters', violatedRule: 'MAX', data: { max: 1000 } }]);
  }
  const parent = b.parentFolderId === undefined || b.parentFolderId === null || b.parentFolderId === '' ? 'media-root' : b.parentFolderId;
  if (typeof parent !== 'string' || parent.length > 100) {
    return validationError([{ field: 'parentFolderId', description: 'must be a string of at most 100 characters', violatedRule: 'MAX', data: { max: 100 } }]);
  }
  if (!ctx.folders.get(parent)) return notFound(parent);
  // Duplicate names are not refused (the docs name no such error); a filePath naming a shared name matches none (folders.ts).
  return ok({ folder: ctx.folders.create(name, parent) });
}
