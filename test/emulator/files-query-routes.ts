// Routes of files-query.ts (List/Search Files, Get File Descriptors, Bulk Delete, List Deleted Files).
import type { Ctx } from './context';
import type { HttpAnswer } from './errors';
import { bulkDeleteFiles, getFileDescriptors, listFilesQuery, searchFiles } from './files-query';
import type { FaultRoute } from './types';

export function filesQueryRoute(ctx: Ctx, method: string, rest: string, q: URLSearchParams): { route: FaultRoute; run: (body: unknown) => HttpAnswer } | undefined {
  if (method === 'GET' && rest === 'files') return { route: 'get-file', run: () => listFilesQuery(ctx, q) };
  if (method === 'POST' && rest === 'files/search') return { route: 'get-file', run: (b) => searchFiles(ctx, b) };
  if (method === 'POST' && rest === 'files/get-files') return { route: 'get-file', run: (b) => getFileDescriptors(ctx, b) };
  if (method === 'POST' && rest === 'bulk/files/delete') return { route: 'bulk-delete', run: (b) => bulkDeleteFiles(ctx, b) };
  if (method === 'GET' && rest === 'trash-bin/files') return { route: 'get-file', run: () => listFilesQuery(ctx, q, true) };
  return undefined;
}
