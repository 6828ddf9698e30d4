// The "Wix Media" view: the site's folders and files, loaded lazily and page by page, a Search Files node, and
// "Recent uploads" (this site, newest first, kept in globalState so it survives restarts, bounded).
import * as vscode from 'vscode';
import { COMMAND } from './command-ids';
import { eolOf } from './eol';
import { formatReference, staticUrl } from '../upload/reference';
import type { UploadItem } from '../upload/types';
import { type WixError } from '../wix/errors';
import { describeError } from '../wix/messages';
import { formatBytes } from '../wix/validate';
import { MEDIA_ROOT, type FileDescriptor, type Folder } from '../wix/types';
import { readConfig, referenceFormat, type WixMediaConfig } from './config';
import { mediaData } from './media-view-data';
import { oncePerWindow } from './once-per-window';
import { linkable } from './private-view-links';
import type { Services } from './services';

import { FILE_MIME, VIEW_ID } from './media-view-lazy';
const RECENT_KEY = 'wixMedia.recentUploads';
export const RECENT_MAX = 50;

export interface RecentUpload {
  id: string;
  name: string;
  url: string;
  source?: string;
  at: string;
  file: FileDescriptor;
}

export type MediaNode =
  | { kind: 'recent' }
  | { kind: 'search'; term?: string }
  | { kind: 'folder'; folder: Folder }
  | { kind: 'file'; file: FileDescriptor; source?: string }
  | { kind: 'more'; parent: MediaNode | undefined; cursor: string; what: 'files' | 'folders' | 'search' }
  | { kind: 'message'; text: string };

type State = 'noKey' | 'noSite' | 'empty' | 'ready' | 'error';

function pageSize(): number {
  const n = vscode.workspace.getConfiguration('wixMedia').get<number>('view.pageSize') ?? 50;
  return Math.min(100, Math.max(1, Math.round(n)));
}

function thumbnails(): boolean {
  return vscode.workspace.getConfiguration('wixMedia').get<boolean>('view.thumbnails') ?? false;
}

/** Wix's image transformation URL at 64×64 (loaded from Wix's CDN, hence opt-in). */
export function thumbnailUrl(d: FileDescriptor): string | undefined {
  if (d.mediaType !== 'IMAGE' || d.private || !staticUrl(d)) return undefined;
  return `${staticUrl(d)}/v1/fill/w_64,h_64,al_c/${encodeURIComponent(d.displayName || 'image')}`;
}

const TYPE_ICONS: Record<string, string> = { IMAGE: 'file-media', VECTOR: 'file-media', VIDEO: 'device-camera-video', AUDIO: 'unmute', DOCUMENT: 'file-pdf', ARCHIVE: 'file-zip' };

export class MediaView implements vscode.TreeDataProvider<MediaNode>, vscode.TreeDragAndDropController<MediaNode> {
  readonly dropMimeTypes: string[] = [];
  readonly dragMimeTypes = [FILE_MIME, 'text/plain'];
  private readonly changed = new vscode.EventEmitter<MediaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private fireOutside?: (node: MediaNode | undefined) => void;
  view?: vscode.TreeView<MediaNode>;
  private searchNode: { kind: 'search'; term?: string } = { kind: 'search' };
  private readonly recentNode: MediaNode = { kind: 'recent' };
  /** Children loaded so far, by parent (pages added by "Load more"); cleared by refresh(). */
  private readonly cache = new Map<string, MediaNode[]>();
  /** Bumped by refresh(): a listing that started before it must not refill the cache with what it read then. */
  private generation = 0;
  /**
   * This window's "Recent uploads" per site, the truth while it runs. globalState only keeps it across restarts:
   * its in-memory value is replaced by the main side's echo of an earlier write, so read-modify-write on it alone
   * lost most of a batch (10 of 52 uploads recorded).
   */
  private readonly recentLists = new Map<string, RecentUpload[]>();
  private readonly parents = new WeakMap<object, MediaNode | undefined>();
  state: State = 'ready';
  /** The modal confirmation before a destructive action (in-host tests read and answer it here). */
  confirm = async (message: string, detail: string, button: string): Promise<string | undefined> =>
    vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  /** Opens an address in the browser (in-host tests see it here: the host refuses VS Code's own confirmation). */
  openExternal = (uri: vscode.Uri): Thenable<boolean> => vscode.env.openExternal(uri);

  /** The drop edit a drag from this view makes (the same one registered for every document). */
  readonly drop: MediaDropProvider;

  constructor(private readonly s: Services) {
    this.drop = new MediaDropProvider(s);
    s.context.subscriptions.push(this.changed, { dispose: s.session.queue.onDidChange((item) => void this.onItem(item)) });
  }

  /** Called by the activation bundle's lazy view once the core is loaded. */
  bind(view: vscode.TreeView<MediaNode>, fire: (node: MediaNode | undefined) => void): void {
    this.view = view;
    this.fireOutside = fire;
  }

  refresh(): void {
    this.generation++;
    this.cache.clear();
    this.fire(undefined);
  }

  private fire(node: MediaNode | undefined): void {
    this.changed.fire(node);
    this.fireOutside?.(node);
  }

  private keyOf(node: MediaNode | undefined): string | undefined {
    if (!node) return 'root';
    if (node.kind === 'folder') return `f:${node.folder.id}`;
    if (node.kind === 'search') return `s:${node.term ?? ''}`;
    return undefined;
  }

  // ---- recent uploads ----

  private async onItem(item: UploadItem): Promise<void> {
    if (item.state !== 'done' || !item.descriptor) return;
    // Filed under the site the upload went to (its action's pin), even if the window moved to another since.
    let siteId = item.siteId;
    if (!siteId) try { siteId = (await this.s.session.connection()).siteId; } catch { return; }
    const d = item.descriptor;
    const entry: RecentUpload = { id: d.id, name: d.displayName, url: staticUrl(d), source: item.source.path, at: new Date().toISOString(), file: d };
    const list = [entry, ...this.recents(siteId).filter((r) => r.id !== d.id)].slice(0, RECENT_MAX);
    this.recentLists.set(siteId, list);
    this.showRecent();
    await this.s.context.globalState.update(`${RECENT_KEY}.${siteId}`, list);
  }

  /**
   * A finished upload changes only "Recent uploads": redraw the tree from what is already listed (adding that
   * node to the root the first time) instead of listing the site again, which cost two calls per uploaded file
   * while the view was open.
   */
  private showRecent(): void {
    const root = this.cache.get('root');
    if (root && !root.includes(this.recentNode)) {
      if (!root.length) root.push(this.searchNode);
      root.splice(root.indexOf(this.searchNode) + 1, 0, this.recentNode);
      this.parents.set(this.recentNode, undefined);
      if (this.state === 'empty') void this.setState('ready');
    }
    this.fire(undefined);
  }

  recents(siteId: string): RecentUpload[] {
    return this.recentLists.get(siteId) ?? this.s.context.globalState.get<RecentUpload[]>(`${RECENT_KEY}.${siteId}`, []);
  }

  // ---- search ----

  async search(term: string | undefined): Promise<MediaNode> {
    this.searchNode = { kind: 'search', term: term?.trim() || undefined };
    this.refresh();
    if (this.view?.visible && this.searchNode.term) {
      try { await this.view.reveal(this.searchNode, { expand: true, select: false }); } catch { /* view not shown */ }
    }
    return this.searchNode;
  }

  // ---- tree ----

  getParent(node: MediaNode): MediaNode | undefined {
    return this.parents.get(node);
  }

  async getChildren(node?: MediaNode): Promise<MediaNode[]> {
    const key = this.keyOf(node);
    const cached = key ? this.cache.get(key) : undefined;
    const generation = this.generation;
    const out = cached ?? await this.children(node);
    if (key && !cached && generation === this.generation && !out.some((n) => n.kind === 'message')) this.cache.set(key, out);
    for (const c of out) this.parents.set(c, node);
    return out;
  }

  private async setState(state: State): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'wixMedia.view.state', state);
  }

  private async children(node?: MediaNode): Promise<MediaNode[]> {
    const data = mediaData(this.s);
    let conn: { client: import('../wix/media-library').MediaLibraryClient; siteId: string };
    try {
      conn = await data.client();
    } catch (e) {
      const code = (e as WixError)?.code;
      await this.setState(code === 'NO_API_KEY' ? 'noKey' : code === 'NO_SITE_ID' ? 'noSite' : 'error');
      return code === 'NO_API_KEY' || code === 'NO_SITE_ID' ? [] : [{ kind: 'message', text: describeError(e) }];
    }
    const { client, siteId } = conn;
    const limit = pageSize();
    try {
      if (!node) {
        const [folders, files] = await Promise.all([client.listFolders(MEDIA_ROOT, undefined, limit), client.listFiles(MEDIA_ROOT, undefined, limit)]);
        data.remember(siteId, files.files);
        const recent = this.recents(siteId);
        if (!folders.folders.length && !files.files.length && !recent.length) {
          await this.setState('empty');
          return [];
        }
        await this.setState('ready');
        return [
          this.searchNode, ...(recent.length ? [this.recentNode] : []),
          ...this.folderPage(undefined, folders.folders, folders.next), ...this.filePage(undefined, files.files, files.next, 'files'),
        ];
      }
      switch (node.kind) {
        case 'recent':
          return this.recents(siteId).map((r) => ({ kind: 'file', file: r.file, source: r.source }));
        case 'search': {
          if (!node.term) return [{ kind: 'message', text: vscode.l10n.t('Click to search the site\'s files by name or label.') }];
          const page = await client.searchFiles(node.term, undefined, limit);
          data.remember(siteId, page.files);
          if (!page.files.length) return [{ kind: 'message', text: vscode.l10n.t('No files match "{0}".', node.term) }];
          return this.filePage(node, page.files, page.next, 'search');
        }
        case 'folder': {
          const [folders, files] = await Promise.all([client.listFolders(node.folder.id, undefined, limit), client.listFiles(node.folder.id, undefined, limit)]);
          data.remember(siteId, files.files);
          return [...this.folderPage(node, folders.folders, folders.next), ...this.filePage(node, files.files, files.next, 'files')];
        }
        default:
          return [];
      }
    } catch (e) {
      return [{ kind: 'message', text: vscode.l10n.t('Could not list the files: {0}', describeError(e)) }];
    }
  }

  private folderPage(parent: MediaNode | undefined, folders: Folder[], next: string | undefined): MediaNode[] {
    const nodes: MediaNode[] = folders.map((folder) => ({ kind: 'folder', folder }));
    if (next) nodes.push({ kind: 'more', parent, cursor: next, what: 'folders' });
    return nodes;
  }

  private filePage(parent: MediaNode | undefined, files: FileDescriptor[], next: string | undefined, what: 'files' | 'search'): MediaNode[] {
    const nodes: MediaNode[] = files.map((file) => ({ kind: 'file', file }));
    if (next) nodes.push({ kind: 'more', parent, cursor: next, what });
    return nodes;
  }

  /** "Load more": fetches the next page and shows it in place of the node. */
  async loadMore(node: MediaNode): Promise<MediaNode[]> {
    if (node.kind !== 'more') return [];
    const generation = this.generation;
    const { client, siteId } = await mediaData(this.s).client();
    const limit = pageSize();
    const parent = node.parent;
    const folderId = parent?.kind === 'folder' ? parent.folder.id : MEDIA_ROOT;
    let added: MediaNode[];
    if (node.what === 'folders') {
      const page = await client.listFolders(folderId, node.cursor, limit);
      added = this.folderPage(parent, page.folders, page.next);
    } else {
      const page = node.what === 'search' && parent?.kind === 'search'
        ? await client.searchFiles(parent.term ?? '', node.cursor, limit)
        : await client.listFiles(folderId, node.cursor, limit);
      mediaData(this.s).remember(siteId, page.files);
      added = this.filePage(parent, page.files, page.next, node.what);
    }
    // Refreshed meanwhile: the tree is listed again from the start, so this page has no place to go.
    if (generation !== this.generation) return added;
    // The page (with its own "Load more", if any) takes the place of the node it was asked from.
    const key = this.keyOf(parent)!;
    const list = this.cache.get(key) ?? [];
    const at = list.indexOf(node);
    this.cache.set(key, at < 0 ? [...list, ...added] : [...list.slice(0, at), ...added, ...list.slice(at + 1)]);
    for (const c of added) this.parents.set(c, parent);
    this.fire(parent);
    return added;
  }

  getTreeItem(node: MediaNode): vscode.TreeItem {
    switch (node.kind) {
      case 'recent': {
        const t = new vscode.TreeItem(vscode.l10n.t('Recent uploads'), vscode.TreeItemCollapsibleState.Collapsed);
        t.iconPath = new vscode.ThemeIcon('history');
        t.contextValue = 'wixMedia.recent';
        return t;
      }
      case 'search': {
        const label = node.term ? vscode.l10n.t('Search: {0}', node.term) : vscode.l10n.t('Search Files…');
        const t = new vscode.TreeItem(label, node.term ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        t.id = `search:${node.term ?? ''}`;
        t.iconPath = new vscode.ThemeIcon('search');
        t.command = { command: COMMAND.viewSearch, title: vscode.l10n.t('Search Files') };
        t.contextValue = 'wixMedia.search';
        return t;
      }
      case 'folder': {
        const t = new vscode.TreeItem(node.folder.displayName, vscode.TreeItemCollapsibleState.Collapsed);
        t.iconPath = vscode.ThemeIcon.Folder;
        t.contextValue = 'wixMedia.folder';
        t.id = `folder:${node.folder.id}`;
        return t;
      }
      case 'file': {
        const d = node.file;
        const t = new vscode.TreeItem(d.displayName, vscode.TreeItemCollapsibleState.None);
        t.description = `${d.mediaType.toLowerCase()} · ${formatBytes(Number(d.sizeInBytes) || 0)}`;
        // A private file's static URL answers 403: the tooltip never shows it (insert or copy makes a link).
        const where = d.private ? vscode.l10n.t('Private: inserting or copying it makes a download link.') : staticUrl(d);
        t.tooltip = new vscode.MarkdownString(`**${d.displayName}**\n\n${where}`);
        const thumb = thumbnails() ? thumbnailUrl(d) : undefined;
        t.iconPath = thumb ? vscode.Uri.parse(thumb) : new vscode.ThemeIcon(TYPE_ICONS[d.mediaType] ?? 'file');
        t.contextValue = 'wixMedia.file';
        return t;
      }
      case 'more': {
        const t = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        t.iconPath = new vscode.ThemeIcon('ellipsis');
        t.command = { command: COMMAND.viewLoadMore, title: vscode.l10n.t('Load more'), arguments: [node] };
        return t;
      }
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  // ---- drag into an editor ----

  handleDrag(source: readonly MediaNode[], dt: vscode.DataTransfer): void {
    const files = source.filter((n): n is Extract<MediaNode, { kind: 'file' }> => n.kind === 'file').map((n) => n.file);
    if (!files.length) return;
    dt.set(FILE_MIME, new vscode.DataTransferItem(JSON.stringify(files)));
    // Plain text carries public files only: a private file's static URL answers 403, and a link can't be made
    // here without a request per drag. Dropped into an editor, the drop edit below makes its download link.
    const open = files.filter((f) => !f.private).map(staticUrl).filter(Boolean);
    if (open.length) dt.set('text/plain', new vscode.DataTransferItem(open.join('\n')));
  }
}

/**
 * The reference an upload would insert in that language (the same style rule: wixUri only where it applies).
 * A private file is referenced by its download link (in `url`), never by a wix: URI.
 */
export function referenceFor(d: FileDescriptor, languageId: string, cfg: Pick<WixMediaConfig, 'templates'>): string {
  const format = referenceFormat(languageId, cfg.templates);
  return formatReference(d, d.private ? { ...format, style: 'url' } : format);
}

/** Turns files dragged from the view into references in the language of the document they land in. */
export class MediaDropProvider implements vscode.DocumentDropEditProvider {
  static readonly kind = vscode.DocumentDropOrPasteEditKind.Empty.append('wixMedia', 'reference');

  /** Without services a private file can't get its download link, so a drop of one is refused. */
  constructor(private readonly s?: Services) {}

  async provideDocumentDropEdits(doc: vscode.TextDocument, _pos: vscode.Position, dt: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const item = dt.get(FILE_MIME);
    if (!item) return undefined;
    let files: FileDescriptor[];
    try { files = JSON.parse(await item.asString()) as FileDescriptor[]; } catch { return undefined; }
    if (!Array.isArray(files) || !files.length) return undefined;
    const usable = this.s ? await linkable(this.s, files) : files.some((f) => f.private) ? undefined : files;
    if (!usable) return undefined;
    const cfg = readConfig(doc.uri);
    const text = usable.map((f) => referenceFor(f, doc.languageId, cfg)).join(eolOf(doc));
    const edit = new vscode.DocumentDropEdit(text, vscode.l10n.t('Insert Wix Media reference'), MediaDropProvider.kind);
    edit.yieldTo = [];
    return edit;
  }
}

/** The one view of this window; files dragged from it drop as references. */
export const mediaView = oncePerWindow((s) => {
  s.context.subscriptions.push(vscode.languages.registerDocumentDropEditProvider({ pattern: '**' }, new MediaDropProvider(s), {
    providedDropEditKinds: [MediaDropProvider.kind], dropMimeTypes: [FILE_MIME],
  }));
  return new MediaView(s);
});

/** Reveal in Wix Media View (from a hover): shows the file under "Recent uploads" or its search result. */
export async function revealInView(s: Services, args: readonly unknown[]): Promise<{ revealed: boolean }> {
  const fileId = (args[0] as { fileId?: string } | undefined)?.fileId;
  if (!fileId) return { revealed: false };
  const d = await mediaData(s).descriptor(fileId);
  const v = mediaView(s);
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  if (!d) return { revealed: false };
  const node = await v.search(d.displayName);
  const kids = await v.getChildren(node);
  const hit = kids.find((k) => k.kind === 'file' && k.file.id === d.id);
  if (hit && v.view) {
    try { await v.view.reveal(hit, { select: true, focus: true }); } catch { /* not shown */ }
  }
  return { revealed: !!hit };
}
