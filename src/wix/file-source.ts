// A FileSource over a file on disk, checked up front so a missing, unreadable or empty file fails with a clear message.
import { constants, createReadStream, promises as fsp } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { FileSource } from './contract';
import { BufferRing, FileChunks } from './file-chunks';
import { localError } from './messages';

/** Read granularity for uploads: big enough for throughput, small enough that memory stays flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

/** Stat + access checks; throws WixError kind 'local' (FILE_NOT_FOUND, NOT_A_FILE, FILE_NOT_READABLE, ZERO_FILE_SIZE). */
export async function fileSourceFromPath(path: string, name?: string): Promise<FileSource> {
  const abs = resolve(path);
  const shown = name ?? basename(abs);

  let isLink = false;
  try {
    isLink = (await fsp.lstat(abs)).isSymbolicLink();
  } catch (e) {
    throw notFoundOr(e, shown, abs);
  }
  let st;
  try {
    st = await fsp.stat(abs);
  } catch (e) {
    if (isLink && errno(e) === 'ENOENT') {
      throw localError('FILE_NOT_FOUND', shown, `It is a symbolic link to a file that does not exist (${abs}).`, e);
    }
    throw notFoundOr(e, shown, abs);
  }
  if (st.isDirectory()) {
    throw localError('NOT_A_FILE', shown, `It is a folder (${abs}), not a file.`);
  }
  if (!st.isFile()) {
    throw localError('NOT_A_FILE', shown, `It is not a regular file (${abs}) but a device, socket or pipe.`);
  }
  // access() answers for the permission bits; opening catches what it cannot see (locks, ACLs, root squash).
  try {
    await fsp.access(abs, constants.R_OK);
    const fh = await fsp.open(abs, 'r');
    await fh.close();
  } catch (e) {
    throw notFoundOr(e, shown, abs);
  }
  if (st.size === 0) {
    throw localError('ZERO_FILE_SIZE', shown);
  }

  const size = st.size;
  const ring = new BufferRing();
  return {
    name: shown,
    size,
    path: abs,
    open: (start = 0) => createReadStream(abs, { start, highWaterMark: READ_CHUNK_BYTES }),
    chunks: (start = 0, end = size) => new FileChunks(abs, start, end, size, ring),
  };
}

function notFoundOr(e: unknown, shown: string, abs: string) {
  const code = errno(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return localError('FILE_NOT_FOUND', shown, `The file does not exist: ${abs}.`, e);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return localError('FILE_NOT_READABLE', shown, `The file cannot be read: permission denied (${abs}).`, e);
  }
  if (code === 'EISDIR') return localError('NOT_A_FILE', shown, `It is a folder (${abs}), not a file.`, e);
  return localError('FILE_READ_FAILED', shown, `The file could not be opened (${code ?? String(e)}): ${abs}.`, e);
}
