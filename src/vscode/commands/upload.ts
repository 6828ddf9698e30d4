// Upload to Wix Media (explorer, editor title menus, palette) and Upload Active File.
import * as vscode from 'vscode';
import { showError } from '../notify';
import type { MediaClient } from '../../wix/contract';
import { MEDIA_ROOT } from '../../wix/types';
import { pinAction } from '../action-pin';
import { readConfig, type WixMediaConfig } from '../config';
import { promptFolder } from '../prompts/folder';
import { promptLabels } from '../prompts/labels';
import type { Services } from '../services';
import type { RecentEditor } from '../recent-editors';
import { InsertionTarget } from '../insertion-target';
import { emptyResult, planFiles, runUpload, type Destination, type UploadRequest, type UploadResult } from '../upload-flow';
import { folderPathProblem, labelsProblem, normalizeFolderPath, parseLabels } from '../validate';
import { expandSelection, toUri } from '../workspace-files';
import { optionsOf, parseUploadArgs, type UploadOptionsArg } from './args';
import { ensureConnection } from './connection';

/** Above this many files, an interactive upload asks first. */
const CONFIRM_ABOVE = 200;

type InsertMode = 'editor' | 'clipboard' | 'none';

function insertModeOf(v: UploadOptionsArg['insert']): InsertMode {
  if (v === false || v === 'none') return 'none';
  if (v === 'clipboard') return 'clipboard';
  return 'editor';
}

/** Where the references go when the upload was asked for: a text editor's cursors. */
interface EditorPlace {
  document: vscode.TextDocument;
  selections: readonly vscode.Selection[];
}

/**
 * The text editor references go to: the active one, else (an image preview or another non-text editor is the
 * active tab) the most recently active text editor of the active group that is still open there, as a person
 * expects. Its cursors are the ones it had when the person left it.
 */
function targetPlace(recent: readonly RecentEditor[]): EditorPlace | undefined {
  const active = vscode.window.activeTextEditor;
  if (active) return { document: active.document, selections: active.selections };
  const group = vscode.window.tabGroups.activeTabGroup;
  const tabUris = new Set(group.tabs.map(t => t.input instanceof vscode.TabInputText ? t.input.uri.toString() : undefined));
  for (const r of recent) {
    if (r.viewColumn !== undefined && r.viewColumn !== group.viewColumn) continue;
    if (!tabUris.has(r.uri.toString())) continue;
    const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === r.uri.toString() && !d.isClosed);
    if (document) return { document, selections: r.selections };
  }
  return undefined;
}

async function pickFiles(): Promise<vscode.Uri[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Upload to Wix Media'), openLabel: vscode.l10n.t('Upload'), canSelectMany: true, canSelectFiles: true, canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.length ? picked : undefined;
}

function invalid(message: string): UploadResult {
  void showError(vscode.l10n.t('Wix Media: nothing was uploaded. {0}', message));
  return emptyResult('invalid', message);
}

/**
 * Folder and labels: the command's options, else the settings, else (interactive) the prompts. undefined when the
 * user pressed Escape at a prompt. The folder picker browses with `client`, the action's.
 */
export async function chooseFolderAndLabels(s: Services, options: { folder?: string; labels?: string | readonly string[] } | undefined,
  cfg: WixMediaConfig, interactive: boolean, client: MediaClient): Promise<{ folder?: string; folderId?: string; folderLabel?: string; labels?: string[] } | undefined> {
  const folder = options?.folder ?? (cfg.defaultFolder || undefined);
  const labels = options?.labels !== undefined ? parseLabels(options.labels) : cfg.defaultLabels.length ? parseLabels(cfg.defaultLabels) : undefined;
  return interactive ? askFolderAndLabels(s, folder, labels, cfg, client) : { folder, labels };
}

/** Folder (step 1) and labels (step 2) as the settings ask for them; undefined when the user pressed Escape. */
export async function askFolderAndLabels(s: Services, folder: string | undefined, labels: string[] | undefined,
  cfg: Pick<WixMediaConfig, 'askForFolder' | 'askForLabels' | 'siteId'>, client: MediaClient):
  Promise<{ folder?: string; folderId?: string; folderLabel?: string; labels: string[] } | undefined> {
  const askFolder = folder === undefined && cfg.askForFolder;
  const askLabels = labels === undefined && cfg.askForLabels;
  const total = (askFolder ? 1 : 0) + (askLabels ? 1 : 0);
  for (;;) {
    let chosen = folder;
    let folderId: string | undefined;
    let folderLabel: string | undefined;
    if (askFolder) {
      const picked = await promptFolder({
        listFolders: (parent, signal) => client.listFolders(parent ?? MEDIA_ROOT, signal),
        recent: s.recents.folders(cfg.siteId),
        totalSteps: total,
      });
      if (picked === undefined) return undefined;
      // A browsed folder goes by its ID (parentFolderId); only a typed path goes as filePath.
      chosen = picked.filePath ?? '/';
      folderId = picked.folderId;
      folderLabel = picked.display;
    }
    if (!askLabels) return { folder: chosen, folderId, folderLabel, labels: labels ?? [] };
    const got = await promptLabels({ recent: s.recents.labels(), initial: [], step: askFolder ? 2 : 1, totalSteps: total });
    if (got === undefined) return undefined;
    if (got !== 'back') return { folder: chosen, folderId, folderLabel, labels: got };
    if (!askFolder) return undefined;
  }
}

/** Everything a command asks or checks before sending anything: a request to run, or the result to stop with. */
async function gatherUpload(s: Services, args: readonly unknown[], recent: readonly RecentEditor[], extra: { force?: boolean } = {}): Promise<UploadRequest | UploadResult> {
  const { uris, options } = parseUploadArgs(args);
  const interactive = options === undefined;
  // The place to insert is where the cursor was when the upload was asked for.
  const editor = targetPlace(recent);
  // Without a text editor the references go to the clipboard; say why in words that fit what is on screen.
  const nonTextTabActive = !editor && vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;

  let selected = uris ?? options?.files?.map(toUri);
  if (!selected?.length) {
    if (!interactive) return invalid('No files were given (options.files is empty).');
    selected = await pickFiles();
    if (!selected) return emptyResult('cancelled', 'No files were picked.');
  }

  const missing = await ensureConnection(s, interactive);
  if (missing) return missing;

  const expansion = await expandSelection(selected);
  const count = expansion.files.length + expansion.problems.length;
  if (!count) return invalid('The selected folders hold no files.');
  if (interactive && expansion.files.length > CONFIRM_ABOVE) {
    const uploadButton = vscode.l10n.t('Upload');
    const go = await vscode.window.showWarningMessage(
      vscode.l10n.t('Upload {0} files to Wix Media?', expansion.files.length), { modal: true }, uploadButton);
    if (go !== uploadButton) return emptyResult('cancelled', 'The upload was not confirmed.');
  }

  // The settings and the connection, read once: the prompts and every file of this upload go by them.
  const cfg = readConfig();
  const pin = await pinAction(s, cfg);
  // Folder and labels: the options, else the settings, else the prompts.
  const chosen = await chooseFolderAndLabels(s, options, cfg, interactive, pin.client);
  if (!chosen) {
    s.log.info('Upload cancelled at the prompts; nothing was sent.');
    return emptyResult('cancelled', 'The upload was cancelled; nothing was sent.');
  }
  const { folder, folderId, folderLabel, labels } = chosen;
  const folderProblem = folder !== undefined ? folderPathProblem(folder, vscode.l10n) : undefined;
  if (folderProblem) return invalid(folderProblem);
  const labelProblem = labels ? labelsProblem(labels, vscode.l10n) : undefined;
  if (labelProblem) return invalid(labelProblem);

  const insert = insertModeOf(options?.insert);
  const uploading = new Set(expansion.files.map(f => f.uri.toString()));
  const intoItself = editor && uploading.has(editor.document.uri.toString());
  const languageId = editor?.document.languageId ?? 'plaintext';
  const destination: Destination = insert === 'none' ? { kind: 'returned', languageId }
    : insert === 'editor' && editor && !intoItself ? { kind: 'editor', target: InsertionTarget.at(editor.document, editor.selections) }
    : {
      kind: 'clipboard', languageId,
      // Shown inside "…copied to the clipboard, because {0}", so translated here.
      reason: insert === 'clipboard' ? vscode.l10n.t('the clipboard was asked for')
        : intoItself ? vscode.l10n.t('the active editor shows a file being uploaded')
        : nonTextTabActive ? vscode.l10n.t('the active editor is not a text editor') : vscode.l10n.t('no text editor was open'),
    };
  const files = await planFiles(expansion.files, expansion.problems);
  const shown = folderLabel ?? folder;
  const where = shown && normalizeFolderPath(shown) !== '/' ? normalizeFolderPath(shown) : 'the Media Manager root';
  s.log.info(`Uploading ${files.length} file(s) to ${where}${labels?.length ? ` with labels ${labels.join(', ')}` : ''}.`);
  return {
    files,
    folder: folder !== undefined ? normalizeFolderPath(folder) : undefined,
    folderId,
    folderLabel,
    labels: labels ?? [],
    private: options?.private ?? cfg.private,
    force: extra.force ?? options?.force,
    destination,
    config: cfg,
    pin,
  };
}

export async function upload(s: Services, args: readonly unknown[], extra: { force?: boolean } = {}): Promise<UploadResult> {
  const gathered = await gatherUpload(s, args, s.recentEditors.all(), extra);
  return 'destination' in gathered ? runUpload(s, gathered) : gathered;
}

/** The file behind the active editor tab: a text editor, or an image/binary preview. */
function activeFileUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.uri.scheme !== 'untitled') return doc.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputNotebook) return input.uri;
  return undefined;
}

export async function uploadActiveFile(s: Services, args: readonly unknown[]): Promise<UploadResult> {
  const options = optionsOf<UploadOptionsArg>(args);
  const uri = options?.files?.length ? undefined : activeFileUri();
  if (!uri && !options?.files?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: open the file to upload first.'));
    return emptyResult('nothing', 'No file is open in the active editor.');
  }
  const doc = vscode.workspace.textDocuments.find(d => uri && d.uri.toString() === uri.toString());
  if (doc?.isDirty) s.log.warn(`${doc.uri.fsPath} has unsaved changes; the saved file is uploaded.`);
  return upload(s, options ? [{ ...options, files: options.files?.length ? options.files : [uri!] }] : [uri]);
}
