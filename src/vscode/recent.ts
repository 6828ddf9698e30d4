// Recently used folders and labels, kept in globalState so every window offers them.
import type * as vscode from 'vscode';

const FOLDERS = 'wixMedia.recentFolders';
const LABELS = 'wixMedia.recentLabels';
const MAX_FOLDERS = 8;
const MAX_LABELS = 30;

function pushFront(list: readonly string[], values: readonly string[], max: number): string[] {
  const add = values.filter(v => v);
  return [...add, ...list.filter(v => !add.includes(v))].slice(0, max);
}

export class Recents {
  constructor(private readonly state: vscode.Memento) {}

  folders(): string[] {
    return this.state.get<string[]>(FOLDERS, []);
  }

  labels(): string[] {
    return this.state.get<string[]>(LABELS, []);
  }

  async remember(folder: string | undefined, labels: readonly string[]): Promise<void> {
    if (folder) await this.state.update(FOLDERS, pushFront(this.folders(), [folder], MAX_FOLDERS));
    if (labels.length) await this.state.update(LABELS, pushFront(this.labels(), labels, MAX_LABELS));
  }
}
