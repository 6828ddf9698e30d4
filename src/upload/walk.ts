// The one folder walker both faces use: the CLI over node:fs (walk-node.ts), the extension over
// vscode.workspace.fs (src/vscode/workspace-files.ts). One skip rule, one loop and depth policy and one
// errno-to-error map, so the same folder gives the same files whichever face uploads it.
//
// The rule (README "Which files a folder upload includes"):
// - Inside a folder, names starting with "." (.git, .env, .DS_Store…) and OS clutter (Thumbs.db, desktop.ini)
//   are skipped. A path named directly is always taken, dot or not.
// - Files come in input order; a folder's files depth-first, names sorted byte-wise (the same on every machine).
// - A file reached twice (same real path, e.g. through a symlink) is listed once; a folder reached again is not
//   walked again; a symlink back to a folder that contains it is reported as a loop and skipped.
// - Folders nested deeper than MAX_DEPTH are reported and skipped (a loop the file system cannot name).
// - Missing paths, dangling links, devices, pipes and unreadable entries are reported, never thrown: one bad
//   entry never stops the others.
import type { WixError } from '../wix/errors';
import { localError } from '../wix/messages';

export const MAX_DEPTH = 32;
const CLUTTER = new Set(['Thumbs.db', 'desktop.ini']);

/** Whether a folder walk leaves out an entry of this name (never applied to a path named directly). */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || CLUTTER.has(name);
}

/** What an entry is, with links followed. `dangling`: a symlink to nothing; `other`: a device, socket or pipe. */
export type EntryKind = 'file' | 'directory' | 'other' | 'dangling';

export interface EntryStat {
  kind: EntryKind;
  /** The entry itself is a symbolic link. */
  symlink: boolean;
}

/**
 * The file system as the walker needs it. Errors thrown carry an errno-style `code` ('ENOENT', 'EACCES'…) where
 * the port can tell; `codeOf` translates the port's own error shapes.
 */
export interface WalkPort<P> {
  /** Follows links; a dangling link is `{ kind: 'dangling' }`, not an error. */
  stat(p: P): Promise<EntryStat>;
  /** The entries of a folder, links followed as in stat(). */
  readDirectory(dir: P): Promise<[string, EntryStat][]>;
  child(dir: P, name: string): P;
  /** The real path (links resolved), or undefined where the file system has none; then `key` identifies. */
  realPath(p: P): Promise<string | undefined>;
  key(p: P): string;
  /** Throws when the file exists but cannot be read (permissions). */
  checkReadable(p: P): Promise<void>;
  /** How errors name the entry to a person (as the user wrote it, or workspace-relative). */
  label(p: P): string;
  /** The full location, for error details. */
  location(p: P): string;
  /** The errno-style code of an error the port threw. */
  codeOf(e: unknown): string | undefined;
}

export interface WalkProblem<P> {
  at: P;
  error: WixError;
}

export interface WalkResult<P> {
  files: P[];
  problems: WalkProblem<P>[];
}

export interface WalkOptions {
  /** Also take dot-entries found inside folders. */
  includeHidden?: boolean;
  /** Stop early (what was found so far is returned). */
  signal?: { readonly aborted: boolean };
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Expands files and folders into files (see the rule at the top of this file). */
export async function walk<P>(port: WalkPort<P>, inputs: readonly P[], opts: WalkOptions = {}): Promise<WalkResult<P>> {
  const result: WalkResult<P> = { files: [], problems: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const fail = (at: P, error: WixError) => { result.problems.push({ at, error }); };
  const identity = async (p: P) => (await port.realPath(p)) ?? `key:${port.key(p)}`;

  const addFile = async (p: P) => {
    let id: string;
    try {
      id = await identity(p);
      await port.checkReadable(p);
    } catch (e) {
      fail(p, problemFor(port, e, p, false));
      return;
    }
    if (seenFiles.has(id)) return;
    seenFiles.add(id);
    result.files.push(p);
  };

  const walkDir = async (dir: P, ancestors: readonly string[], depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      fail(dir, localError('NOT_A_FILE', port.label(dir), `The folder nesting is deeper than ${MAX_DEPTH} levels (a symbolic link loop?); it was skipped.`));
      return;
    }
    let id: string;
    let entries: [string, EntryStat][];
    try {
      id = await identity(dir);
      if (seenDirs.has(id)) return;
      seenDirs.add(id);
      entries = (await port.readDirectory(dir)).sort(([a], [b]) => byteOrder(a, b));
    } catch (e) {
      fail(dir, problemFor(port, e, dir, true));
      return;
    }
    const chain = [...ancestors, id];
    for (const [name, st] of entries) {
      if (opts.signal?.aborted) return;
      if (!opts.includeHidden && isSkippedName(name)) continue;
      await visit(port.child(dir, name), st, chain, depth + 1);
    }
  };

  const visit = async (p: P, st: EntryStat, ancestors: readonly string[], depth: number): Promise<void> => {
    switch (st.kind) {
      case 'file':
        return addFile(p);
      case 'dangling':
        return fail(p, localError('FILE_NOT_FOUND', port.label(p), `It is a symbolic link to a file that does not exist (${port.location(p)}).`));
      case 'other':
        return fail(p, localError('NOT_A_FILE', port.label(p), `It is not a regular file (${port.location(p)}) but a device, socket or pipe.`));
      case 'directory': {
        if (st.symlink) {
          let target: string | undefined;
          try {
            target = await port.realPath(p);
          } catch (e) {
            return fail(p, problemFor(port, e, p, true));
          }
          if (target !== undefined && ancestors.includes(target)) {
            return fail(p, localError('NOT_A_FILE', port.label(p), `It is a symbolic link back to a folder that contains it (a loop: ${target}); it was skipped.`));
          }
        }
        return walkDir(p, ancestors, depth);
      }
    }
  };

  for (const input of inputs) {
    if (opts.signal?.aborted) break;
    let st: EntryStat;
    try {
      st = await port.stat(input);
    } catch (e) {
      fail(input, problemFor(port, e, input, false));
      continue;
    }
    // A link named as an input is what was asked for: no loop check above it.
    await visit(input, st, [], 0);
  }
  return result;
}

/** The one errno-to-error map. */
export function problemFor<P>(port: WalkPort<P>, e: unknown, p: P, isDir: boolean): WixError {
  const label = port.label(p);
  const at = port.location(p);
  const code = port.codeOf(e);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return localError('FILE_NOT_FOUND', label, `The file does not exist: ${at}.`, e);
    case 'EACCES':
    case 'EPERM':
      return localError('FILE_NOT_READABLE', label,
        isDir ? `The folder cannot be read: permission denied (${at}).` : `The file cannot be read: permission denied (${at}).`, e);
    case 'ELOOP':
      return localError('NOT_A_FILE', label, `It is a symbolic link that points back to itself (${at}).`, e);
    default:
      return localError('FILE_READ_FAILED', label, `It could not be read (${code ?? (e instanceof Error ? e.message : String(e))}): ${at}.`, e);
  }
}
