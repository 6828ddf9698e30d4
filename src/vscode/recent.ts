// Recently used folders and labels, kept in globalState so every window offers them.
import type * as vscode from 'vscode';

const FOLDERS = 'wixMedia.recentFolders';
const LABELS = 'wixMedia.recentLabels';
const MAX_FOLDERS = 8;
const MAX_LABELS = 30;

/** The new values first, then the old ones; one entry per value ignoring case (the newest spelling kept). */
export function pushFront(list: readonly string[], values: readonly string[], max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of [...values, ...list]) {
    const key = v.toLowerCase();
    if (!v || seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out.slice(0, max);
}

export class Recents {
  constructor(private readonly state: vscode.Memento) {}

  folders(): string[] {
    return pushFront([], this.state.get<string[]>(FOLDERS, []), MAX_FOLDERS);
  }

  labels(): string[] {
    return pushFront([], this.state.get<string[]>(LABELS, []), MAX_LABELS);
  }

  async remember(folder: string | undefined, labels: readonly string[]): Promise<void> {
    if (folder) await this.state.update(FOLDERS, pushFront(this.folders(), [folder], MAX_FOLDERS));
    if (labels.length) await this.state.update(LABELS, pushFront(this.labels(), labels, MAX_LABELS));
  }
}
