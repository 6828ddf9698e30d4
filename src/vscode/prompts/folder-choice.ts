// Pure rules of the folder prompt (no vscode import, so unit tests run them): what typed text means, which
// listed entries it matches, and how a choice is sent to Wix.

/** Where the files go. A browsed folder goes by its ID (also when picked again from Recent); only a typed path goes as `filePath`. */
export interface FolderChoice {
  /** The folder the user browsed into (parentFolderId); absent: media-root. */
  folderId?: string;
  /** A typed path, relative to `folderId` when there is one (Wix resolves filePath against parentFolderId). */
  filePath?: string;
  /** The whole path as the user saw it, for the log and the recent list ('/' is the root). */
  display: string;
}

/** '/a/b' for 'a//b/ ', '/' for ''. */
export function normalizePath(input: string): string {
  const parts = input.trim().split('/').map(p => p.trim()).filter(p => p.length > 0);
  return parts.length ? '/' + parts.join('/') : '/';
}

/**
 * What typed text means while browsing `here`: an absolute path when it starts with '/', else a path below the
 * browsed folder. Undefined for blank text or text naming the browsed folder itself.
 */
export function typedChoice(text: string, here: { id?: string; path: string }): FolderChoice | undefined {
  const t = text.trim();
  if (!t || normalizePath(t) === '/') return undefined;
  if (t.startsWith('/')) {
    const abs = normalizePath(t);
    return { filePath: abs, display: abs };
  }
  const rel = normalizePath(t);
  const display = normalizePath(`${here.path}/${rel}`);
  return here.id ? { folderId: here.id, filePath: rel, display } : { filePath: display, display };
}

/** Case-insensitive substring: the entries (folder names, recent paths) the typed text picks out. */
export function matchesTyped(text: string, candidate: string): boolean {
  const t = text.trim().toLowerCase();
  return t.length > 0 && candidate.toLowerCase().includes(t);
}

/** The entry named exactly by the typed text (ignoring case and slashes around it), if any. */
export function exactMatch<T>(text: string, entries: readonly T[], name: (e: T) => string): T | undefined {
  const t = normalizePath(text).toLowerCase();
  return entries.find(e => normalizePath(name(e)).toLowerCase() === t);
}
