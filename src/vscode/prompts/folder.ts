// Step 1/2 of an upload: the Media Manager folder. The site's real folders (List Folders), browsable; a typed
// new path (validated while typing); the recently used ones. Escape cancels the whole upload.
import * as vscode from 'vscode';
import type { Folder } from '../../wix/types';
import { describeError } from '../../wix/messages';
import { folderPathProblem, normalizeFolderPath } from '../validate';

export interface FolderPromptDeps {
  listFolders(parentFolderId: string | undefined, signal: AbortSignal): Promise<Folder[]>;
  recent: readonly string[];
  totalSteps: number;
}

type Choice =
  | { kind: 'here' } | { kind: 'up' } | { kind: 'type' }
  | { kind: 'folder'; folder: Folder } | { kind: 'recent'; path: string };

interface Item extends vscode.QuickPickItem { choice?: Choice }

const TITLE = 'Upload to Wix Media';

/** The chosen folder path ('/' is the root), or undefined when the user pressed Escape. */
export async function promptFolder(deps: FolderPromptDeps): Promise<string | undefined> {
  // The folders browsed into, root first.
  const trail: { id?: string; path: string }[] = [{ path: '/' }];
  for (;;) {
    const here = trail[trail.length - 1];
    const choice = await pickOnce(deps, here, trail.length > 1);
    if (!choice) return undefined;
    switch (choice.kind) {
      case 'here': return here.path;
      case 'recent': return choice.path;
      case 'up': trail.pop(); break;
      case 'folder': trail.push({ id: choice.folder.id, path: normalizeFolderPath(`${here.path}/${choice.folder.displayName}`) }); break;
      case 'type': {
        const typed = await typePath(deps, here.path);
        if (typed === undefined) return undefined;
        if (typed !== 'back') return typed;
        break;
      }
    }
  }
}

function pickOnce(deps: FolderPromptDeps, here: { id?: string; path: string }, canGoUp: boolean): Promise<Choice | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `${TITLE}: folder`;
  qp.step = 1;
  qp.totalSteps = deps.totalSteps;
  qp.placeholder = `Media Manager folder (now in ${here.path === '/' ? 'the root' : here.path}) — pick one to open it`;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  const fixed: Item[] = [
    { label: '$(check) Upload here', description: here.path === '/' ? 'Media root' : here.path, choice: { kind: 'here' }, alwaysShow: true },
    ...(canGoUp ? [{ label: '$(arrow-up) Up', description: 'Parent folder', choice: { kind: 'up' } as Choice, alwaysShow: true }] : []),
    { label: '$(edit) Type a new path…', description: 'Missing folders are created', choice: { kind: 'type' }, alwaysShow: true },
  ];
  const recent: Item[] = deps.recent.length
    ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator },
      ...deps.recent.map(p => ({ label: `$(history) ${p}`, choice: { kind: 'recent', path: p } as Choice }))]
    : [];
  qp.items = [...fixed, ...recent];
  qp.busy = true;
  const abort = new AbortController();
  deps.listFolders(here.id, abort.signal).then(folders => {
    const sorted = [...folders].sort((a, b) => a.displayName.localeCompare(b.displayName));
    const list: Item[] = sorted.length
      ? [{ label: here.path === '/' ? 'Folders' : `Folders in ${here.path}`, kind: vscode.QuickPickItemKind.Separator },
        ...sorted.map(f => ({ label: `$(folder) ${f.displayName}`, choice: { kind: 'folder', folder: f } as Choice }))]
      : [];
    qp.items = [...fixed, ...list, ...recent];
  }, err => {
    if (abort.signal.aborted) return;
    qp.items = [...fixed, { label: '$(error) Could not list the folders', detail: describeError(err), alwaysShow: true }, ...recent];
  }).finally(() => { qp.busy = false; });

  return new Promise(resolve => {
    let result: Choice | undefined;
    qp.onDidAccept(() => {
      const c = qp.selectedItems[0]?.choice;
      if (!c) return;
      result = c;
      qp.hide();
    });
    qp.onDidHide(() => { abort.abort(); qp.dispose(); resolve(result); });
    qp.show();
  });
}

function typePath(deps: FolderPromptDeps, start: string): Promise<string | 'back' | undefined> {
  const ib = vscode.window.createInputBox();
  ib.title = `${TITLE}: new folder path`;
  ib.step = 1;
  ib.totalSteps = deps.totalSteps;
  ib.prompt = 'A Media Manager folder path such as /site/images (at most 100 characters). Missing folders are created.';
  ib.value = start === '/' ? '/' : `${start}/`;
  ib.valueSelection = [ib.value.length, ib.value.length];
  ib.buttons = [vscode.QuickInputButtons.Back];
  ib.ignoreFocusOut = true;
  return new Promise(resolve => {
    let result: string | 'back' | undefined;
    ib.onDidChangeValue(v => { ib.validationMessage = folderPathProblem(v); });
    ib.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) { result = 'back'; ib.hide(); } });
    ib.onDidAccept(() => {
      const problem = folderPathProblem(ib.value);
      if (problem) { ib.validationMessage = problem; return; }
      result = normalizeFolderPath(ib.value);
      ib.hide();
    });
    ib.onDidHide(() => { ib.dispose(); resolve(result); });
    ib.show();
  });
}
