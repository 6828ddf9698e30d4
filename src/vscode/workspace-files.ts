// Turns what the user selected (files and folders, any file system scheme) into FileSources.
// Folders are walked by the engine's walker (src/upload/walk.ts) over vscode.workspace.fs.
import { constants, promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import { walk, type EntryStat, type WalkPort } from '../upload/walk';
import type { FileSource } from '../wix/contract';
import { fileSourceFromPath } from '../wix/file-source';
import { localError } from '../wix/messages';

export interface PickedFile {
  uri: vscode.Uri;
  /** How to name it to a person: the workspace-relative path where there is one. */
  label: string;
}

export interface PickProblem {
  uri: vscode.Uri;
  label: string;
  error: Error;
}

export interface Expansion {
  files: PickedFile[];
  /** Entries that can't be uploaded (missing, symlink loop, too deep); reported beside the uploads. */
  problems: PickProblem[];
}

export function labelFor(uri: vscode.Uri): string {
  const rel = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  return rel || uri.path.split('/').pop() || uri.toString();
}

/** A Uri, or a path: absolute, or relative to the first workspace folder. */
export function toUri(x: vscode.Uri | string): vscode.Uri {
  if (x instanceof vscode.Uri) return x;
  if (typeof x === 'object' && x && 'scheme' in x) return vscode.Uri.from(x as vscode.Uri);
  const s = String(x);
  if (/^[a-zA-Z][\w+.-]+:\/\//.test(s)) return vscode.Uri.parse(s);
  if (s.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(s)) return vscode.Uri.file(s);
  const ws = vscode.workspace.workspaceFolders?.[0];
  return ws ? vscode.Uri.joinPath(ws.uri, s) : vscode.Uri.file(s);
}

function kindOf(type: vscode.FileType): EntryStat {
  const symlink = (type & vscode.FileType.SymbolicLink) !== 0;
  // The disk provider marks a link to nothing as Unknown | SymbolicLink, and devices or pipes as Unknown.
  const kind = type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : symlink ? 'dangling' : 'other';
  return { kind, symlink };
}

/** FileSystemError codes as errno names, so the walker's one error map words them. */
const FS_ERROR_CODES: Record<string, string> = { FileNotFound: 'ENOENT', NoPermissions: 'EACCES', FileNotADirectory: 'ENOTDIR' };

/** vscode.workspace.fs as the walker's file system; real paths (for loops and duplicates) where the scheme is file:. */
export const workspaceWalkPort: WalkPort<vscode.Uri> = {
  stat: async uri => kindOf((await vscode.workspace.fs.stat(uri)).type),
  readDirectory: async dir => (await vscode.workspace.fs.readDirectory(dir)).map(([name, type]) => [name, kindOf(type)]),
  child: (dir, name) => vscode.Uri.joinPath(dir, name),
  realPath: async uri => (uri.scheme === 'file' ? fsp.realpath(uri.fsPath) : undefined),
  key: uri => uri.toString(),
  checkReadable: async uri => { if (uri.scheme === 'file') await fsp.access(uri.fsPath, constants.R_OK); },
  label: labelFor,
  location: uri => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true)),
  codeOf: e => {
    const code = (e as { code?: unknown })?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    if (typeof code === 'string' && FS_ERROR_CODES[code]) return FS_ERROR_CODES[code];
    return /\b(E[A-Z]{3,})\b/.exec(e instanceof Error ? e.message : '')?.[1];
  },
};

/** Expands folders (recursively) into their files through the shared walker (src/upload/walk.ts). */
export async function expandSelection(uris: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<Expansion> {
  const r = await walk(workspaceWalkPort, uris, { signal: token && { get aborted() { return token.isCancellationRequested; } } });
  return {
    files: r.files.map(uri => ({ uri, label: labelFor(uri) })),
    problems: r.problems.map(p => ({ uri: p.at, label: labelFor(p.at), error: p.error })),
  };
}

/** Bytes already in memory (a pasted or dropped file without a path). */
export function bytesSource(name: string, bytes: Uint8Array): FileSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { name, size: buf.length, open: (start = 0) => Readable.from([buf.subarray(start)]) };
}

/** A source for one file: streamed from disk for `file:`, else read through vscode.workspace.fs. */
export async function sourceFor(uri: vscode.Uri, label = labelFor(uri)): Promise<FileSource> {
  const name = uri.path.split('/').pop() || 'file';
  if (uri.scheme === 'file') return fileSourceFromPath(uri.fsPath, name);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    throw localError('FILE_NOT_FOUND', label, undefined, e);
  }
  if (stat.type & vscode.FileType.Directory) throw localError('NOT_A_FILE', label, vscode.l10n.t('It is a folder, not a file.'));
  if (stat.size === 0) throw localError('ZERO_FILE_SIZE', label);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw localError('FILE_NOT_READABLE', label, undefined, e);
  }
  return bytesSource(name, bytes);
}
