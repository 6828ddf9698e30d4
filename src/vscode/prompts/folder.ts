// Step 1/2 of an upload: the Media Manager folder. The site's real folders (List Folders), browsable; a path
// typed straight into the filter box (or through "Type a new path…"); the recently used ones. A browsed folder
// goes by its ID, a typed path as filePath. Escape cancels the whole upload.
import * as vscode from 'vscode';
import type { Folder } from '../../wix/types';
import { describeError } from '../../wix/messages';
import { folderPathProblem } from '../validate';
import { recentFolderChoice, type RecentFolder } from '../recent';
import { exactMatch, matchesTyped, normalizePath, typedChoice, type FolderChoice } from './folder-choice';

export type { FolderChoice } from './folder-choice';

export interface FolderPromptDeps {
  listFolders(parentFolderId: string | undefined, signal: AbortSignal): Promise<Folder[]>;
  /** Folders used before; a browsed one goes again by its ID. */
  recent: readonly RecentFolder[];
  totalSteps: number;
}

type Choice =
  | { kind: 'here' } | { kind: 'up' } | { kind: 'type' }
  | { kind: 'folder'; folder: Folder } | { kind: 'path'; choice: FolderChoice };

interface Item extends vscode.QuickPickItem { choice?: Choice }

interface Place { id?: string; path: string }


/** The chosen folder, or undefined when the user pressed Escape. */
export async function promptFolder(deps: FolderPromptDeps): Promise<FolderChoice | undefined> {
  // The folders browsed into, root first.
  const trail: Place[] = [{ path: '/' }];
  for (;;) {
    const here = trail[trail.length - 1];
    const choice = await pickOnce(deps, here, trail.length > 1);
    if (!choice) return undefined;
    switch (choice.kind) {
      case 'here': return here.id ? { folderId: here.id, display: here.path } : { display: '/' };
      case 'path': return choice.choice;
      case 'up': trail.pop(); break;
      case 'folder': trail.push({ id: choice.folder.id, path: normalizePath(`${here.path}/${choice.folder.displayName}`) }); break;
      case 'type': {
        const typed = await typePath(deps, here);
        if (typed === undefined) return undefined;
        if (typed !== 'back') return typed;
        break;
      }
    }
  }
}

/** The item for a typed path: labelled with the path, or with why it can't be used (then it does nothing). */
function typedItem(choice: FolderChoice): Item {
  const problem = folderPathProblem(choice.display, vscode.l10n);
  return problem
    ? { label: `$(error) ${choice.display}`, detail: problem, alwaysShow: true }
    : {
      label: `$(new-folder) ${choice.display}`,
      description: vscode.l10n.t('Upload to this path (missing folders are created)'),
      choice: { kind: 'path', choice }, alwaysShow: true,
    };
}

function pickOnce(deps: FolderPromptDeps, here: Place, canGoUp: boolean): Promise<Choice | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Upload to Wix Media: folder');
  qp.step = 1;
  qp.totalSteps = deps.totalSteps;
  qp.placeholder = vscode.l10n.t('Media Manager folder (now in {0}) — pick one to open it, or type a path', here.path === '/' ? vscode.l10n.t('the root') : here.path);
  qp.ignoreFocusOut = true;
  // While text is typed, the list holds only what it matches (and the typed path), so that what is on top and
  // highlighted is what Enter takes.
  qp.matchOnDescription = false;
  const fixed: Item[] = [
    {
      label: `$(check) ${vscode.l10n.t('Upload here')}`,
      description: here.path === '/' ? vscode.l10n.t('Media root') : here.path,
      choice: { kind: 'here' }, alwaysShow: true,
    },
    ...(canGoUp ? [{ label: `$(arrow-up) ${vscode.l10n.t('Up')}`, description: vscode.l10n.t('Parent folder'), choice: { kind: 'up' } as Choice, alwaysShow: true }] : []),
    { label: `$(edit) ${vscode.l10n.t('Type a new path…')}`, description: vscode.l10n.t('Missing folders are created'), choice: { kind: 'type' }, alwaysShow: true },
  ];
  const recentPaths = dedupeIgnoringCase(deps.recent);
  const recentItem = (r: RecentFolder): Item => ({ label: `$(history) ${r.display}`, choice: { kind: 'path', choice: recentFolderChoice(r) }, alwaysShow: true });
  let folders: Folder[] | undefined;
  let listProblem: string | undefined;

  const folderItem = (f: Folder, all: readonly Folder[]): Item => {
    // Siblings may share a name: tell them apart by when they were made (each still goes by its own ID).
    const shared = all.filter(o => o.displayName.toLowerCase() === f.displayName.toLowerCase()).length > 1;
    return {
      label: `$(folder) ${f.displayName}`,
      description: shared ? vscode.l10n.t('created {0}', f.createdDate ? new Date(f.createdDate).toLocaleString() : f.id) : undefined,
      choice: { kind: 'folder', folder: f }, alwaysShow: true,
    };
  };

  /** The list for the text in the box: the whole list when empty, else the matches and the typed path. */
  const itemsFor = (value: string): Item[] => {
    const sorted = [...(folders ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.createdDate ?? '').localeCompare(b.createdDate ?? ''));
    if (!value.trim()) {
      const list: Item[] = sorted.length
        ? [{ label: here.path === '/' ? vscode.l10n.t('Folders') : vscode.l10n.t('Folders in {0}', here.path), kind: vscode.QuickPickItemKind.Separator },
          ...sorted.map(f => folderItem(f, sorted))]
        : [];
      const problem: Item[] = listProblem ? [{ label: `$(error) ${vscode.l10n.t('Could not list the folders')}`, detail: listProblem, alwaysShow: true }] : [];
      const recent: Item[] = recentPaths.length
        ? [{ label: vscode.l10n.t('Recent'), kind: vscode.QuickPickItemKind.Separator }, ...recentPaths.map(recentItem)]
        : [];
      return [...fixed, ...problem, ...list, ...recent];
    }
    const typed = typedChoice(value, here);
    const text = value.trim();
    const folderMatches = text.includes('/') ? [] : sorted.filter(f => matchesTyped(text, f.displayName));
    const recentMatches = recentPaths.filter(r => matchesTyped(text, r.display));
    // Text naming a listed folder or a recent path exactly means that entry; else the typed path comes first.
    const exact = !text.includes('/') && exactMatch(text, sorted, f => f.displayName);
    const exactRecent = exactMatch(text, recentPaths, r => r.display);
    // The fixed entries answer to the start of their names ("Upload here", "Up", "Type a new path…").
    const fixedMatches = fixed.filter(i => plain(i.label).toLowerCase().startsWith(text.toLowerCase()));
    const exactFixed = fixedMatches.some(i => plain(i.label).toLowerCase() === text.toLowerCase());
    const matches: Item[] = [...fixedMatches, ...folderMatches.map(f => folderItem(f, sorted)), ...recentMatches.map(recentItem)];
    if (!typed || exact || exactRecent || exactFixed) return matches;
    return matches.length ? [...matches, typedItem(typed)] : [typedItem(typed), ...matches];
  };

  // The list on screen and the text it was made for: Enter trusts the highlighted item only while they agree.
  let shownFor = '';
  const refresh = () => {
    const items = itemsFor(qp.value);
    shownFor = qp.value;
    qp.items = items;
    const first = items.find(i => i.kind !== vscode.QuickPickItemKind.Separator);
    if (first && qp.value.trim()) qp.activeItems = [first];
  };
  refresh();
  qp.busy = true;
  const abort = new AbortController();
  deps.listFolders(here.id, abort.signal).then(list => { folders = list; }, err => {
    if (!abort.signal.aborted) listProblem = describeError(err);
  }).finally(() => { qp.busy = false; if (!abort.signal.aborted) refresh(); });
  qp.onDidChangeValue(() => refresh());

  return new Promise(resolve => {
    let result: Choice | undefined;
    qp.onDidAccept(() => {
      // Enter may come before the list caught up with the last keystroke: take the highlighted item only if it
      // belongs to the list for the text now in the box, else that list's first item.
      const active = qp.selectedItems[0] ?? qp.activeItems[0];
      const first = itemsFor(qp.value).find(i => i.kind !== vscode.QuickPickItemKind.Separator);
      const c = (shownFor === qp.value && active ? active : first)?.choice;
      if (!c) return;
      result = c;
      qp.hide();
    });
    qp.onDidHide(() => { abort.abort(); qp.dispose(); resolve(result); });
    qp.show();
  });
}

/** A label without its leading $(icon). */
function plain(label: string): string {
  return label.replace(/^\$\([^)]*\)\s*/, '');
}

function dedupeIgnoringCase(recent: readonly RecentFolder[]): RecentFolder[] {
  const seen = new Set<string>();
  return recent.filter(r => { const k = r.display.toLowerCase(); if (seen.has(k)) return false; seen.add(k); return true; });
}

function typePath(deps: FolderPromptDeps, here: Place): Promise<FolderChoice | 'back' | undefined> {
  const ib = vscode.window.createInputBox();
  ib.title = vscode.l10n.t('Upload to Wix Media: new folder path');
  ib.step = 1;
  ib.totalSteps = deps.totalSteps;
  ib.prompt = vscode.l10n.t('A Media Manager folder path such as /site/images (at most 100 characters). Missing folders are created.');
  ib.value = here.path === '/' ? '/' : `${here.path}/`;
  ib.valueSelection = [ib.value.length, ib.value.length];
  ib.buttons = [vscode.QuickInputButtons.Back];
  ib.ignoreFocusOut = true;
  return new Promise(resolve => {
    let result: FolderChoice | 'back' | undefined;
    ib.onDidChangeValue(v => { ib.validationMessage = folderPathProblem(v, vscode.l10n); });
    ib.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) { result = 'back'; ib.hide(); } });
    ib.onDidAccept(() => {
      const problem = folderPathProblem(ib.value, vscode.l10n);
      if (problem) { ib.validationMessage = problem; return; }
      const abs = normalizePath(ib.value);
      // Below the browsed folder: that folder by ID, the rest as a path relative to it.
      const prefix = here.path === '/' ? undefined : `${here.path}/`;
      if (here.id && prefix && abs.startsWith(prefix)) result = typedChoice(abs.slice(prefix.length), here)!;
      else result = abs === '/' ? { display: '/' } : { filePath: abs, display: abs };
      ib.hide();
    });
    ib.onDidHide(() => { ib.dispose(); resolve(result); });
    ib.show();
  });
}
