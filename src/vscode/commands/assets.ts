// Upload Local Assets and Rewrite Links: find the local files a Markdown/HTML/CSS (…) document refers to, upload
// each once through the queue, and rewrite every link as ONE WorkspaceEdit that VS Code's refactor preview shows
// change by change (needsConfirmation) and a single undo reverts. Missing and failed files keep their links.
import * as vscode from 'vscode';
import {
  findAssetReferences, planAssets, planCounts, rewriteEdits, syntaxOf, targetFor,
  type AssetPlan, type AssetReference, type AssetStyle, type MissingAsset,
} from '../../assets';
import { importableUrl, importRemote } from '../../assets/import-remote';
import type { ItemOptions, QueueEntry, UploadItem } from '../../upload/types';
import { failedEntry } from '../../upload/queue';
import type { FileDescriptor } from '../../wix/types';
import { pinAction } from '../action-pin';
import { readConfig } from '../config';
import { progressAfterDelay, showError } from '../notify';
import { chooseFolderAndLabels } from './upload';
import type { Services } from '../services';
import { folderPathProblem, labelsProblem, normalizeFolderPath } from '../validate';
import { sourceFor, toUri } from '../workspace-files';
import { isPlainObject } from './args';
import { ensureConnection } from './connection';

/** Options from code and tests; given them, the command asks nothing. */
export interface AssetsOptionsArg {
  /** The document (default: the active editor's). */
  document?: vscode.Uri | string;
  folder?: string;
  labels?: string[] | string;
  private?: boolean;
  style?: AssetStyle;
  /** Also import remote http(s) media through Wix's Import File (default: the wixMedia.assets.importRemote setting). */
  importRemote?: boolean;
  /**
   * false: apply the edit without the refactor preview. For the in-host tests, where no one can press Apply;
   * a person always gets the preview.
   */
  preview?: boolean;
}

export type AssetsStatus = 'done' | 'partial' | 'nothing' | 'cancelled' | 'failed' | 'no-key' | 'invalid' | 'discarded';

export interface AssetsResult {
  status: AssetsStatus;
  document?: string;
  found?: { references: number; files: number; remote: number; missing: number };
  /** How many links the applied edit changed. */
  rewritten: number;
  /** Local files uploaded (each once). */
  uploaded: number;
  /** Remote URLs imported (each once). */
  imported: number;
  /** Labels of the files not uploaded: missing, then failed. */
  missing: string[];
  failed: string[];
  message?: string;
}

const result = (status: AssetsStatus, rest: Partial<AssetsResult> = {}): AssetsResult =>
  ({ status, rewritten: 0, uploaded: 0, imported: 0, missing: [], failed: [], ...rest });

/** Explorer: (uri, uris[]); editor menus: (uri); code: (options). */
function parseArgs(args: readonly unknown[]): { uri?: vscode.Uri; options?: AssetsOptionsArg } {
  const [first] = args;
  if (first instanceof vscode.Uri) return { uri: first };
  if (isPlainObject(first)) {
    const options = first as AssetsOptionsArg;
    return { uri: options.document !== undefined ? toUri(options.document) : undefined, options };
  }
  return {};
}

function foundText(c: { references: number; files: number; remote: number; missing: number }): string {
  const parts = [c.references === 1
    ? (c.files === 1 ? vscode.l10n.t('1 reference to 1 local file') : vscode.l10n.t('1 reference to {0} local files', c.files))
    : (c.files === 1 ? vscode.l10n.t('{0} references to 1 local file', c.references) : vscode.l10n.t('{0} references to {1} local files', c.references, c.files))];
  if (c.remote) parts.push(vscode.l10n.t('{0} remote left alone', c.remote));
  if (c.missing) parts.push(vscode.l10n.t('{0} missing', c.missing));
  return parts.join('; ');
}

function documentLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

export async function uploadDocumentAssets(s: Services, args: readonly unknown[]): Promise<AssetsResult> {
  const { uri: given, options } = parseArgs(args);
  const interactive = options === undefined;
  const uri = given ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: open a Markdown, HTML or CSS file first, or pick one in the Explorer.'));
    return result('nothing', { message: 'No document.' });
  }
  if (uri.scheme !== 'file') {
    const message = vscode.l10n.t('Wix Media: only files on disk can have their assets uploaded; {0} is not one. Save it first.', uri.toString(true));
    void vscode.window.showWarningMessage(message);
    return result('invalid', { document: uri.toString(), message });
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const name = documentLabel(uri);
  if (!syntaxOf(uri.fsPath, doc.languageId)) {
    const message = vscode.l10n.t('Wix Media: {0} is not a Markdown, MDX, HTML, Vue, Svelte, Astro, CSS, SCSS, Less, JSX or TSX file.', name);
    void vscode.window.showWarningMessage(message);
    return result('invalid', { document: uri.toString(), message });
  }
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const find = (text: string) => findAssetReferences(text, { documentPath: uri.fsPath, workspaceFolder, languageId: doc.languageId });
  const plan = await planAssets(find(doc.getText()));
  const found = planCounts(plan);
  const summary = foundText(found);
  s.log.info(`${name}: ${summary}.`);
  for (const m of plan.missing) s.log.warn(`${name}: ${m.label}: ${m.reason} (${m.file}); its link is left as it was.`);

  const importing = (options?.importRemote ?? readConfig().importRemote) ? plan.remote.filter(r => importableUrl(r) !== undefined) : [];
  if (!plan.assets.length && !importing.length) {
    const message = plan.missing.length
      ? vscode.l10n.t('Wix Media: nothing to upload in {0}: {1}.', name, summary)
      : vscode.l10n.t('Wix Media: {0} refers to no local files ({1} remote left alone).', name, found.remote);
    if (plan.missing.length) reportMissing(s, name, plan, []);
    else void vscode.window.showInformationMessage(message);
    return result('nothing', { document: uri.toString(), found, missing: plan.missing.map(m => m.label), message });
  }

  if (interactive) {
    const go = vscode.l10n.t('Upload and Rewrite');
    const choice = await vscode.window.showInformationMessage(
      importing.length
        ? vscode.l10n.t('Wix Media: {0} has {1}; {2} remote to import.', name, summary, new Set(importing.map(importableUrl)).size)
        : vscode.l10n.t('Wix Media: {0} has {1}.', name, summary),
      { modal: true, detail: vscode.l10n.t('Each local file is uploaded once. Then the Refactor Preview lists every link to rewrite: tick the changes to make (the file\'s box ticks them all) and press Apply.') },
      go);
    if (choice !== go) return result('cancelled', { document: uri.toString(), found });
  }

  const missingConn = await ensureConnection(s, interactive);
  if (missingConn) return result(missingConn.status === 'no-key' ? 'no-key' : missingConn.status === 'invalid' ? 'invalid' : 'cancelled', { document: uri.toString(), found, message: missingConn.message });

  // The settings and the connection, read once now that a key and a site are set: the prompts, every upload and
  // import of this document go by them.
  const cfg = readConfig();
  const pin = await pinAction(s, cfg);
  const chosen = await chooseFolderAndLabels(s, options, cfg, interactive, pin.client);
  if (!chosen) return result('cancelled', { document: uri.toString(), found, message: 'Cancelled at the prompts; nothing was sent.' });
  const { folder, folderId, folderLabel, labels } = chosen;
  const problem = (folder !== undefined ? folderPathProblem(folder, vscode.l10n) : undefined) ?? (labels ? labelsProblem(labels, vscode.l10n) : undefined);
  if (problem) {
    void showError(vscode.l10n.t('Wix Media: nothing was uploaded. {0}', problem));
    return result('invalid', { document: uri.toString(), found, message: problem });
  }

  // Upload each distinct file once.
  const style: AssetStyle = options?.style ?? (cfg.referenceStyle === 'wixUri' ? 'wix' : 'url');
  const normalized = folder !== undefined ? normalizeFolderPath(folder) : undefined;
  const itemOptions: ItemOptions = {
    filePath: normalized && normalized !== '/' ? normalized : undefined,
    // A browsed folder goes by its ID; only a typed path goes as filePath.
    parentFolderId: folderId,
    labels: labels?.length ? labels : undefined,
    private: (options?.private ?? cfg.private) || undefined,
    resumableThresholdBytes: cfg.resumableThresholdBytes,
    maxFileSizeBytes: cfg.maxFileSizeBytes,
    // A wix:image URI needs the image's size, known once Wix has processed it.
    waitForReady: cfg.waitForReady || style === 'wix',
    readyTimeoutMs: cfg.readyTimeoutMs,
  };
  const importOptions = { filePath: itemOptions.filePath, parentFolderId: folderId, labels: itemOptions.labels, private: itemOptions.private };
  const entries: QueueEntry[] = [];
  for (const a of plan.assets) {
    const fileUri = vscode.Uri.file(a.file);
    const label = vscode.workspace.asRelativePath(fileUri, false);
    const reopen = () => sourceFor(fileUri, label);
    try {
      entries.push({ source: await sourceFor(fileUri, label), label, options: itemOptions, reopen, pin });
    } catch (e) {
      entries.push({ ...failedEntry(label, e as Error, reopen, pin), options: itemOptions });
    }
  }
  s.log.info(`${name}: uploading ${entries.length} file(s) to ${folderLabel ?? (normalized && normalized !== '/' ? normalized : 'the Media Manager root')}.`);
  const batch = s.session.queue.enqueue(entries);
  const progress = progressAfterDelay(s.session.queue, batch.items, batch.done, () => batch.items.forEach(i => s.session.queue.cancel(i.id)));
  await batch.done;
  progress.dispose();
  await s.recents.remember({ display: folderLabel ?? itemOptions.filePath ?? '/', id: folderId, siteId: pin.siteId, filePath: itemOptions.filePath }, batch.items.some(i => i.state === 'done') ? labels ?? [] : []);

  // The descriptor for each resolved path (every way the document wrote a file maps to its one upload).
  const byResolved = new Map<string, FileDescriptor>();
  const failed: UploadItem[] = [];
  plan.assets.forEach((a, i) => {
    const item = batch.items[i];
    if (item.state === 'done' && item.descriptor) {
      for (const r of a.references) if (r.resolved) byResolved.set(r.resolved, item.descriptor);
    } else failed.push(item);
  });
  for (const i of batch.items) if (i.readyTimedOut) s.log.warn(`${i.label}: Wix was still processing it; its link uses the static URL.`);

  // Remote media, when asked: Wix fetches each URL itself (Import File), each once.
  const byUrl = new Map<string, FileDescriptor>();
  const importFailures: string[] = [];
  if (importing.length) {
    const client = pin.client;
    const urls = new Set(importing.map(importableUrl));
    s.log.info(`${name}: importing ${urls.size} remote file(s).`);
    const imported = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Wix Media: importing {0} remote files…', urls.size) },
      () => importRemote(importing, importOptions, client, (_ref, url, why) => {
        s.log.error(`${name}: ${url} was not imported: ${why}`);
        importFailures.push(vscode.l10n.t('{0} (not imported: {1})', url, why));
      }));
    for (const [r, d] of imported) byUrl.set(importableUrl(r)!, d);
  }

  // Ranges from the document as it is now: it may have been edited while the files uploaded.
  const descriptorOf = (r: AssetReference): FileDescriptor | undefined =>
    r.class === 'local' ? (r.resolved ? byResolved.get(r.resolved) : undefined) : byUrl.get(importableUrl(r) ?? '');
  const now = find(doc.getText()).filter(r => descriptorOf(r) !== undefined);
  const edits = rewriteEdits(now, r => targetFor(descriptorOf(r)!, style));
  const preview = options?.preview ?? true;
  let applied = false;
  if (edits.length) {
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) {
      we.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText, metadataFor(e.ref, preview));
    }
    applied = await vscode.workspace.applyEdit(we, { isRefactoring: true });
    // From the Explorer the document may not be open: show what changed (it is left unsaved, like any refactoring).
    if (applied && !vscode.window.visibleTextEditors.some(e => e.document === doc)) await vscode.window.showTextDocument(doc, { preview: false });
  }
  reportMissing(s, name, plan, failed, importFailures);
  const base = {
    document: uri.toString(), found, uploaded: batch.items.length - failed.length, imported: new Set([...byUrl.values()].map(d => d.id)).size,
    missing: plan.missing.map(m => m.label), failed: [...failed.map(i => i.label), ...importFailures],
  };
  // In the preview a person may tick only some changes (or none): count what the document now holds.
  const left = applied ? find(doc.getText()).filter(r => descriptorOf(r) !== undefined).length : now.length;
  const rewritten = Math.max(0, now.length - left);
  if (edits.length && !rewritten) {
    s.log.info(`${name}: the rewrite was not applied; the files stay uploaded, the links unchanged.`);
    return result('discarded', { ...base, message: 'The rewrite was discarded.' });
  }
  s.log.info(`${name}: rewrote ${rewritten} of ${edits.length} link(s) to ${base.uploaded} file(s).`);
  if (rewritten && !failed.length && !plan.missing.length && !importFailures.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Wix Media: rewrote {0} links in {1}.', rewritten, name));
  }
  const status: AssetsStatus = failed.length === plan.assets.length && !byUrl.size ? 'failed'
    : failed.length || plan.missing.length || importFailures.length || rewritten < edits.length ? 'partial' : 'done';
  return result(status, { ...base, rewritten });
}

/** How each change is listed in the refactor preview: grouped by the file it links to. */
function metadataFor(ref: AssetReference, needsConfirmation: boolean): vscode.WorkspaceEditEntryMetadata {
  return {
    needsConfirmation,
    label: vscode.l10n.t('Link to {0}', ref.path ?? ref.written),
    description: ref.syntax,
    iconPath: new vscode.ThemeIcon('cloud-upload'),
  };
}

/** Why a referenced file was not uploaded, in the user's language. */
function missingReason(m: MissingAsset): string {
  switch (m.why) {
    case 'no-workspace': return vscode.l10n.t('a path from the root (/) needs a workspace folder');
    case 'not-found': return vscode.l10n.t('the file does not exist');
    case 'is-folder': return vscode.l10n.t('it is a folder, not a file');
    case 'not-a-file': return vscode.l10n.t('it is not a regular file');
    case 'no-permission': return vscode.l10n.t('the file cannot be read (permission denied)');
    case 'link-loop': return vscode.l10n.t('it is a symbolic link loop');
    case 'unreadable': return vscode.l10n.t('it could not be read ({0})', m.detail ?? '');
  }
}

/** One notification for every file not uploaded (missing or failed), with the log a click away. */
function reportMissing(s: Services, name: string, plan: AssetPlan, failed: readonly UploadItem[], notImported: readonly string[] = []): void {
  const lines = [
    ...plan.missing.map(m => vscode.l10n.t('{0} ({1})', m.label, missingReason(m))),
    ...failed.map(i => i.message ?? i.label),
    ...notImported,
  ];
  if (!lines.length) return;
  const showLog = vscode.l10n.t('Show Log');
  const text = vscode.l10n.t('Wix Media: {0} file(s) referred to by {1} were not uploaded; their links were left as they were: {2}',
    lines.length, name, lines.join('; '));
  void showError(text, showLog).then(c => { if (c === showLog) s.log.show(); });
}
