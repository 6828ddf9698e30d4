// Recently used folders and labels, kept in globalState so every window offers them.
import type * as vscode from 'vscode';

/** The folders as places: a browsed folder by its ID, so reusing it never falls on a sibling of the same name. */
const FOLDERS = 'wixMedia.recentFolderPlaces';
/** Before places: folders as paths only (still read, as paths). */
const OLD_FOLDERS = 'wixMedia.recentFolders';
const LABELS = 'wixMedia.recentLabels';
const MAX_FOLDERS = 8;
const MAX_LABELS = 30;

/** A folder used before, sent again exactly as it was the first time. */
export interface RecentFolder {
  /** The whole path as the user saw it ('/blog/news'). */
  display: string;
  /** The folder's ID when it was browsed into (parentFolderId). */
  id?: string;
  /** The site that ID belongs to: on another site the folder is sent by its path. */
  siteId?: string;
  /** A typed path: relative to `id` when there is one, else absolute. Absent with `id`: the folder itself. */
  filePath?: string;
}

/** How a recent folder is sent to Wix: by ID (with the path below it, if one was typed), else as a path. */
export function recentFolderChoice(r: RecentFolder): { folderId?: string; filePath?: string; display: string } {
  return r.id ? { folderId: r.id, filePath: r.filePath, display: r.display } : { filePath: r.filePath ?? r.display, display: r.display };
}

/** The new values first, then the old ones; one entry per value ignoring case (the newest spelling kept). */
export function pushFront(list: readonly string[], values: readonly string[], max: number): string[] {
  return pushFrontBy(list, values, max, v => v);
}

/** pushFront for any entries, keyed (ignoring case) by `key`. */
function pushFrontBy<T>(list: readonly T[], values: readonly T[], max: number, key: (v: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const v of [...values, ...list]) {
    const k = key(v)?.toLowerCase();
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out.slice(0, max);
}

function isRecentFolder(v: unknown): v is RecentFolder {
  return !!v && typeof v === 'object' && typeof (v as RecentFolder).display === 'string' &&
    ((v as RecentFolder).id === undefined || typeof (v as RecentFolder).id === 'string') &&
    ((v as RecentFolder).siteId === undefined || typeof (v as RecentFolder).siteId === 'string') &&
    ((v as RecentFolder).filePath === undefined || typeof (v as RecentFolder).filePath === 'string');
}

export class Recents {
  constructor(private readonly state: vscode.Memento) {}

  /**
   * Newest first, one per path ignoring case (the last use of a path decides which folder it means). The list
   * serves every window, whatever site each is on: a folder ID of another site is dropped, and that folder is
   * sent by its path.
   */
  folders(siteId: string | undefined): RecentFolder[] {
    return this.kept().map((f): RecentFolder => f.id && f.siteId !== siteId ? { display: f.display, filePath: f.display } : f);
  }

  /** As stored, every site's IDs kept: the places first, then paths carried over from the old list. */
  private kept(): RecentFolder[] {
    const places = this.state.get<unknown[]>(FOLDERS, []).filter(isRecentFolder);
    const old = this.state.get<unknown[]>(OLD_FOLDERS, []).filter((p): p is string => typeof p === 'string').map((p): RecentFolder => ({ display: p, filePath: p }));
    return pushFrontBy(old, places, MAX_FOLDERS, f => f.display);
  }

  labels(): string[] {
    return pushFront([], this.state.get<string[]>(LABELS, []), MAX_LABELS);
  }

  async remember(folder: RecentFolder | undefined, labels: readonly string[]): Promise<void> {
    if (folder?.display && folder.display !== '/') {
      await this.state.update(FOLDERS, pushFrontBy(this.kept(), [folder], MAX_FOLDERS, f => f.display));
      if (this.state.get(OLD_FOLDERS) !== undefined) await this.state.update(OLD_FOLDERS, undefined);
    }
    if (labels.length) await this.state.update(LABELS, pushFront(this.labels(), labels, MAX_LABELS));
  }
}

