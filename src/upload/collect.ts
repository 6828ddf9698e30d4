// The CLI's side of the folder walker (walk.ts): expands CLI inputs (files and folders) into a stable list of
// files over node:fs. Problems (missing paths, dangling links, unreadable entries, devices and pipes) are
// collected as errors, never thrown, so one bad entry doesn't stop the rest.
import { constants, promises as fsp, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WixError } from '../wix/errors';
import { walk, type EntryStat, type WalkPort } from './walk';

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

function kindOf(st: Stats | Dirent): EntryStat['kind'] {
  return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
}

async function statFollowing(path: string, symlink: boolean): Promise<EntryStat> {
  try {
    return { kind: kindOf(await fsp.stat(path)), symlink };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const isLink = symlink || await fsp.lstat(path).then(s => s.isSymbolicLink(), () => false);
    if (isLink) return { kind: 'dangling', symlink: true };
    throw e;
  }
}

/** node:fs as the walker's file system. Paths stay as the user wrote them (relative stays relative). */
export const nodeWalkPort: WalkPort<string> = {
  async stat(path) {
    const link = await fsp.lstat(path).then(s => s.isSymbolicLink(), () => false);
    return statFollowing(path, link);
  },
  async readDirectory(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return Promise.all(entries.map(async (d): Promise<[string, EntryStat]> => [
      d.name,
      // Only links need a second look; a link that cannot be followed (ELOOP) is reported by the walker later.
      d.isSymbolicLink()
        ? await statFollowing(join(dir, d.name), true).catch((): EntryStat => ({ kind: 'file', symlink: true }))
        : { kind: kindOf(d), symlink: false },
    ]));
  },
  child: (dir, name) => join(dir, name),
  realPath: path => fsp.realpath(path),
  key: path => resolve(path),
  checkReadable: path => fsp.access(path, constants.R_OK),
  label: path => path,
  location: path => resolve(path),
  codeOf: e => (e as NodeJS.ErrnoException)?.code,
};

/** The CLI's inputs through the shared walker (see walk.ts for the rule). */
export async function collectFiles(inputs: readonly string[], opts: CollectOptions = {}): Promise<CollectResult> {
  const r = await walk(nodeWalkPort, inputs, { includeHidden: opts.includeHidden });
  return { files: r.files, errors: r.problems.map(p => ({ path: p.at, error: p.error })) };
}
