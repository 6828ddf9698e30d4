// The "Wix Media" view as the activation bundle registers it: the tree and its drag controller forward to the
// core (dist/core.js), which loads when the view is first shown. No heavy imports here.
import * as vscode from 'vscode';

export const VIEW_ID = 'wixMedia.library';
/** What a file dragged from the view carries (a DocumentDropEditProvider turns it into a reference). */
export const FILE_MIME = 'application/vnd.wixmedia.file+json';

/** The part of the core's MediaView the lazy view forwards to. */
export interface MediaViewCore<T> {
  getChildren(node?: T): Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
  getParent(node: T): T | undefined;
  handleDrag(source: readonly T[], dt: vscode.DataTransfer): void;
  bind(view: vscode.TreeView<T>, fire: (node: T | undefined) => void): void;
}

export function registerLazyMediaView<T>(context: vscode.ExtensionContext, load: () => Promise<MediaViewCore<T>>): void {
  const changed = new vscode.EventEmitter<T | undefined>();
  let bound: Promise<MediaViewCore<T>> | undefined;
  const core = () => bound ??= load().then((v) => { v.bind(view, (n) => changed.fire(n)); return v; }, (e) => { bound = undefined; throw e; });
  // The provider's calls come after the view exists, so `core` may name it before this line.
  const view = vscode.window.createTreeView<T>(VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getChildren: async (n) => (await core()).getChildren(n),
      getTreeItem: async (n) => (await core()).getTreeItem(n),
      getParent: async (n) => (await core()).getParent(n),
    },
    dragAndDropController: {
      dragMimeTypes: [FILE_MIME, 'text/plain'],
      dropMimeTypes: [],
      handleDrag: async (source, dt) => (await core()).handleDrag(source, dt),
    },
    showCollapseAll: true,
    canSelectMany: true,
  });
  context.subscriptions.push(view, changed);
}
