// Turns what the user selected (files and folders, any file system scheme) into FileSources.
// Folders are walked recursively through vscode.workspace.fs; symlink loops are detected and reported.
import { promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { FileSource } from '../wix/api';
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

/** OS clutter and VCS metadata that nobody means to upload when picking a folder. */
const SKIPPED_NAMES = new Set(['.git', '.hg', '.svn', '.DS_Store', 'Thumbs.db', 'desktop.ini']);
const MAX_DEPTH = 32;

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

function problem(uri: vscode.Uri, code: 'FILE_NOT_FOUND' | 'NOT_A_FILE', detail: string): PickProblem {
  const label = labelFor(uri);
  return { uri, label, error: localError(code, label, detail) };
}

async function realPath(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  return fsp.realpath(uri.fsPath);
}

/** Expands folders (recursively) into their files, in a stable order, without duplicates. */
export async function expandSelection(uris: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<Expansion> {
  const files: PickedFile[] = [];
  const problems: PickProblem[] = [];
  const seen = new Set<string>();
  const addFile = (uri: vscode.Uri) => {
    const k = uri.toString();
    if (seen.has(k)) return;
    seen.add(k);
    files.push({ uri, label: labelFor(uri) });
  };

  const walk = async (dir: vscode.Uri, ancestors: Set<string>, depth: number): Promise<void> => {
    if (token?.isCancellationRequested) return;
    if (depth > MAX_DEPTH) {
      problems.push(problem(dir, 'NOT_A_FILE', `The folder nesting is deeper than ${MAX_DEPTH} levels (a symbolic link loop?); it was skipped.`));
      return;
    }
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (e) {
      problems.push(problem(dir, 'FILE_NOT_FOUND', `The folder could not be read: ${(e as Error).message}`));
      return;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (SKIPPED_NAMES.has(name)) continue;
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        let real: string | undefined;
        try {
          real = await realPath(child);
        } catch (e) {
          problems.push(problem(child, 'NOT_A_FILE', `It is a symbolic link that cannot be followed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it was skipped.`));
          continue;
        }
        if (real !== undefined && ancestors.has(real)) {
          problems.push(problem(child, 'NOT_A_FILE', `It is a symbolic link back to a folder that contains it (a loop: ${real}); it was skipped.`));
          continue;
        }
        await walk(child, real !== undefined ? new Set([...ancestors, real]) : ancestors, depth + 1);
      } else {
        // Files, and broken links (Unknown): the source reports a broken link with a clear message.
        addFile(child);
      }
    }
  };

  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      // Let the source report it (it names the path and says what to do).
      addFile(uri);
      continue;
    }
    if (stat.type & vscode.FileType.Directory) {
      let real: string | undefined;
      try { real = await realPath(uri); } catch { real = undefined; }
      await walk(uri, new Set(real !== undefined ? [real] : []), 0);
    } else {
      addFile(uri);
    }
  }
  return { files, problems };
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
  if (stat.type & vscode.FileType.Directory) throw localError('NOT_A_FILE', label, 'It is a folder, not a file.');
  if (stat.size === 0) throw localError('ZERO_FILE_SIZE', label);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw localError('FILE_NOT_READABLE', label, undefined, e);
  }
  return bytesSource(name, bytes);
}
