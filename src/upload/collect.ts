// Expands CLI inputs (files and folders) into a stable list of files, folders recursively. Problems (missing
// paths, dangling links, unreadable entries, devices and pipes) are collected as errors, never thrown, so one bad
// entry doesn't stop the rest.
import { constants, promises as fsp, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { WixError } from '../wix/errors';
import { localError } from '../wix/messages';

export interface CollectOptions {
  /** Include dot-files and dot-folders found inside folders (a dot-path named directly is always included). */
  includeHidden?: boolean;
}

export interface CollectedError {
  path: string;
  error: WixError;
}

export interface CollectResult {
  /** Paths as the user would write them (the input joined with the relative path), in a stable order. */
  files: string[];
  errors: CollectedError[];
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

/** Byte-wise order, the same on every machine and locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Files named directly come in input order; a folder's files come depth-first with names sorted. A file reached
 * twice (the same real path, e.g. through a symlink) is listed once; a folder reached again (an input inside
 * another, a second link to it) is not walked again, and a symlink back to a folder that contains it is reported.
 */
export async function collectFiles(inputs: readonly string[], opts: CollectOptions = {}): Promise<CollectResult> {
  const result: CollectResult = { files: [], errors: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const fail = (path: string, error: WixError) => result.errors.push({ path, error });

  const addFile = async (path: string, st: Stats) => {
    if (!st.isFile()) {
      fail(path, localError('NOT_A_FILE', path, `It is not a regular file (${resolve(path)}) but a device, socket or pipe.`));
      return;
    }
    let real: string;
    try {
      real = await fsp.realpath(path);
      await fsp.access(path, constants.R_OK);
    } catch (e) {
      fail(path, problem(e, path));
      return;
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    result.files.push(path);
  };

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    let names: string[];
    try {
      real = await fsp.realpath(dir);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      names = (await fsp.readdir(dir)).sort(compareNames);
    } catch (e) {
      fail(dir, problem(e, dir, true));
      return;
    }
    for (const name of names) {
      if (!opts.includeHidden && name.startsWith('.')) continue;
      await visit(join(dir, name), true);
    }
  };

  const visit = async (path: string, inside = false): Promise<void> => {
    let st: Stats;
    try {
      st = await fsp.stat(path);   // follows symlinks
    } catch (e) {
      fail(path, await danglingOr(e, path));
      return;
    }
    if (st.isDirectory()) {
      const loop = inside ? await loopTarget(path) : undefined;   // a link named as an input is what was asked for
      if (loop) fail(path, localError('NOT_A_FILE', path, `It is a symbolic link back to a folder that contains it (a loop: ${loop}); it was skipped.`));
      else await walk(path);
    } else await addFile(path, st);
  };

  for (const input of inputs) await visit(input);
  return result;
}

/** For a symlink to a folder that contains it (a loop), that folder's real path; else undefined. */
async function loopTarget(path: string): Promise<string | undefined> {
  try {
    if (!(await fsp.lstat(path)).isSymbolicLink()) return undefined;
    const [target, parent] = await Promise.all([fsp.realpath(path), fsp.realpath(dirname(path))]);
    return parent === target || parent.startsWith(target.endsWith(sep) ? target : target + sep) ? target : undefined;
  } catch {
    return undefined; // walk() reports whatever makes it unreadable
  }
}

async function danglingOr(e: unknown, path: string): Promise<WixError> {
  if (errno(e) === 'ENOENT') {
    const isLink = await fsp.lstat(path).then(s => s.isSymbolicLink(), () => false);
    if (isLink) return localError('FILE_NOT_FOUND', path, `It is a symbolic link to a file that does not exist (${resolve(path)}).`, e);
  }
  if (errno(e) === 'ELOOP') return localError('NOT_A_FILE', path, `It is a symbolic link that points back to itself (${resolve(path)}).`, e);
  return problem(e, path);
}

function problem(e: unknown, path: string, isDir = false): WixError {
  const abs = resolve(path);
  switch (errno(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return localError('FILE_NOT_FOUND', path, `The file does not exist: ${abs}.`, e);
    case 'EACCES':
    case 'EPERM':
      return localError('FILE_NOT_READABLE', path,
        isDir ? `The folder cannot be read: permission denied (${abs}).` : `The file cannot be read: permission denied (${abs}).`, e);
    default:
      return localError('FILE_READ_FAILED', path, `It could not be read (${errno(e) ?? String(e)}): ${abs}.`, e);
  }
}
