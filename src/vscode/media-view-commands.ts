// Commands on one Media Manager file, from hovers and the Wix Media view: copy as …, insert, open, trash.
import * as vscode from 'vscode';
import { formatReference, staticUrl, wixUri } from '../upload/reference';
import type { FileDescriptor } from '../wix/types';
import { existsSync } from 'node:fs';
import { describeError } from '../wix/messages';
import { COPY_FORMATS, type CopyFormat } from './hover';
import { readConfig } from './config';
import { mediaView, referenceFor, type MediaNode } from './media-view';
import { mediaData } from './media-view-data';
import { linkable } from './private-view-links';
import { VIEW_ID } from './media-view-lazy';
import { reuseStores } from './reuse-setup';
import type { Services } from './services';

export interface FileArg {
  fileId?: string;
  /** A tree node passes its descriptor. */
  file?: FileDescriptor;
  format?: CopyFormat;
}

async function fileOf(s: Services, arg: unknown): Promise<FileDescriptor | undefined> {
  const a = (arg ?? {}) as FileArg;
  if (a.file?.id) return a.file;
  if (typeof a.fileId === 'string') return mediaData(s).descriptor(a.fileId);
  return undefined;
}

/** The text of a file as the format asks; markdown and html use the reference templates. */
export function textAs(d: FileDescriptor, format: CopyFormat): string {
  switch (format) {
    case 'url': return staticUrl(d);
    case 'markdown': return formatReference(d, { languageId: 'markdown' });
    case 'html': return formatReference(d, { languageId: 'html' });
    case 'wixUri': return (!d.private && wixUri(d)) || staticUrl(d);
    case 'json': return JSON.stringify({ id: d.id, name: d.displayName, url: staticUrl(d), wixUri: (!d.private && wixUri(d)) || null, mediaType: d.mediaType, sizeInBytes: d.sizeInBytes }, null, 2);
  }
}

export async function copyAs(s: Services, args: readonly unknown[]): Promise<{ copied?: string }> {
  const [first, second] = args;
  const d = await fileOf(s, first);
  if (!d) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: that file is not known any more; refresh the Wix Media view.'));
    return {};
  }
  let format = ((first as FileArg)?.format ?? (typeof second === 'string' ? second : undefined)) as CopyFormat | undefined;
  if (!format || !COPY_FORMATS.includes(format)) {
    const picked = await vscode.window.showQuickPick(COPY_FORMATS.map((f) => ({ label: formatLabel(f), format: f })), {
      title: vscode.l10n.t('Copy {0} as', d.displayName),
    });
    if (!picked) return {};
    format = picked.format;
  }
  const [usable] = (await linkable(s, [d])) ?? [];
  if (!usable) return {};
  const text = textAs(usable, format);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Wix Media: copied {0} as {1}', d.displayName, formatLabel(format)), 3000);
  return { copied: text };
}

export function formatLabel(f: CopyFormat): string {
  switch (f) {
    case 'url': return vscode.l10n.t('URL');
    case 'markdown': return vscode.l10n.t('Markdown');
    case 'html': return vscode.l10n.t('HTML');
    case 'wixUri': return vscode.l10n.t('wix: URI');
    case 'json': return vscode.l10n.t('JSON');
  }
}

// ---- actions of the Wix Media view ----

type FileNodeArg = { kind?: string; file?: FileDescriptor; source?: string; fileId?: string };

async function fileOfNode(s: Services, arg: unknown): Promise<FileDescriptor | undefined> {
  return fileOf(s, arg);
}

/** Inserts the file's reference at every cursor of the active editor, in that editor's language. */
export async function insertFile(s: Services, args: readonly unknown[]): Promise<{ inserted?: string }> {
  const d = await fileOfNode(s, args[0]);
  const editor = vscode.window.activeTextEditor;
  if (!d) return {};
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: open a text editor to insert {0} into.', d.displayName));
    return {};
  }
  const [usable] = (await linkable(s, [d])) ?? [];
  if (!usable) return {};
  const text = referenceFor(usable, editor.document.languageId, readConfig(editor.document.uri));
  const ok = await editor.edit((b) => { for (const sel of editor.selections) b.replace(sel, text); });
  return ok ? { inserted: text } : {};
}

export async function openInBrowser(s: Services, args: readonly unknown[]): Promise<{ opened?: string }> {
  const d = await fileOfNode(s, args[0]);
  const [usable] = d ? (await linkable(s, [d])) ?? [] : [];
  const url = usable ? staticUrl(usable) : '';
  if (!usable || !url) return {};
  await mediaView(s).openExternal(vscode.Uri.parse(url));
  return { opened: url };
}

/** The local file an upload came from: the view's history, else the manifest, else the reuse cache. */
export async function localSourceOf(s: Services, d: FileDescriptor, hint?: string): Promise<string | undefined> {
  if (hint) return hint;
  const { siteId } = await mediaData(s).client();
  for (const r of mediaView(s).recents(siteId)) if (r.id === d.id && r.source) return r.source;
  const stores = reuseStores(s);
  for (const ix of [stores.manifest(), stores.cache]) {
    if (!ix) continue;
    try {
      for (const list of Object.values(await ix.entries(siteId))) {
        const r = list.find((x) => x.fileId === d.id && x.source);
        if (r) return ix.sourcePath(r);
      }
    } catch { /* an unreadable index knows nothing */ }
  }
  return undefined;
}

export async function revealSource(s: Services, args: readonly unknown[]): Promise<{ revealed?: string }> {
  const d = await fileOfNode(s, args[0]);
  if (!d) return {};
  const path = await localSourceOf(s, d, (args[0] as FileNodeArg)?.source);
  if (!path || !existsSync(path)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Wix Media: no local file is known for {0} (it was not uploaded from here, or has moved).', d.displayName));
    return {};
  }
  const uri = vscode.Uri.file(path);
  await vscode.commands.executeCommand('revealInExplorer', uri);
  return { revealed: path };
}

/** Moves the file to the site's trash (Bulk Delete), after a confirmation that names it. */
export async function trashFile(s: Services, args: readonly unknown[]): Promise<{ trashed: boolean }> {
  const d = await fileOfNode(s, args[0]);
  if (!d) return { trashed: false };
  const move = vscode.l10n.t('Move to Trash');
  const answer = await mediaView(s).confirm(
    vscode.l10n.t('Move "{0}" to the Wix site\'s trash?', d.displayName),
    vscode.l10n.t('Pages that show it will show a broken image until it is restored from the trash in the Media Manager.'),
    move);
  if (answer !== move) return { trashed: false };
  try {
    const { client } = await mediaData(s).client();
    await client.trashFiles([d.id]);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Wix Media: could not move {0} to the trash: {1}', d.displayName, describeError(e)));
    return { trashed: false };
  }
  mediaData(s).forget(d.id);
  mediaView(s).refresh();
  vscode.window.setStatusBarMessage(vscode.l10n.t('Wix Media: moved {0} to the trash', d.displayName), 3000);
  return { trashed: true };
}

export async function searchView(s: Services, args: readonly unknown[]): Promise<{ term?: string }> {
  let term = typeof args[0] === 'string' ? args[0] : (args[0] as { term?: string } | undefined)?.term;
  if (term === undefined) {
    // Asked from the palette: show the view the results appear in.
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    term = await vscode.window.showInputBox({
      title: vscode.l10n.t('Search Files'), prompt: vscode.l10n.t('Words in the file name, type or labels'),
      placeHolder: vscode.l10n.t('e.g. hero banner'),
    });
    if (term === undefined) return {};
  }
  await mediaView(s).search(term);
  return { term };
}

export async function loadMore(s: Services, args: readonly unknown[]): Promise<{ added: number }> {
  const added = await mediaView(s).loadMore(args[0] as MediaNode);
  return { added: added.length };
}

export function refreshView(s: Services): { refreshed: true } {
  mediaData(s).clear();
  mediaView(s).refresh();
  return { refreshed: true };
}
