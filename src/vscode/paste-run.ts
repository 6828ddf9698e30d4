// The core's half of paste and drop: an applied edit's placeholder is in the document; upload what was pasted
// or dropped through the one pipeline (runUpload, destination: the placeholder), and retry a failure marker.
import * as vscode from 'vscode';
import { ensureConnection } from './commands/connection';
import { readConfig } from './config';
import { MarkerFixes, RETRY_MARKER_COMMAND, type KeptFailure } from './markers';
import { eolOf } from './eol';
import { failureMarker } from '../upload/placeholder';
import type { PastedData } from './paste-drop';
import { PASTE_DROP_LANGUAGES } from './paste-drop';
import { recentFolderChoice } from './recent';
import type { Services } from './services';
import { PlaceholderTarget } from './insertion-target';
import { planFiles, runUpload, type PlannedFile, type UploadResult } from './upload-flow';
import { normalizeFolderPath, parseLabels } from './validate';
import { bytesSource, expandSelection } from './workspace-files';

/**
 * The folder paste and drop upload to: wixMedia.defaultFolder (a path), else the folder used last, sent as it
 * was then (a browsed folder by its ID, so a sibling of the same name is never taken for it).
 */
function folderFor(s: Services, defaultFolder: string, siteId: string): { folder?: string; folderId?: string; folderLabel?: string } {
  if (defaultFolder) return { folder: normalizeFolderPath(defaultFolder) };
  const last = s.recents.folders(siteId)[0];
  if (!last) return {};
  const c = recentFolderChoice(last);
  return { folder: c.filePath, folderId: c.folderId, folderLabel: c.display };
}

const OFFERED = 'wixMedia.offeredPreferUpload';

/** After the first pick of the Wix edit from the widget in a language: offer to make it the default there. */
function offerPreferUpload(s: Services, languageId: string): void {
  const offered = s.context.globalState.get<string[]>(OFFERED, []);
  if (offered.includes(languageId)) return;
  void s.context.globalState.update(OFFERED, [...offered, languageId]);
  const always = vscode.l10n.t('Always upload pasted and dropped files to Wix');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Wix Media: uploading what you pasted or dropped. Make this the default in {0} files?', languageId), always,
  ).then(choice => {
    if (choice !== always) return;
    void vscode.workspace.getConfiguration('wixMedia', { languageId })
      .update('dropAndPaste.preferUpload', true, vscode.ConfigurationTarget.Global, true);
  });
}

export async function uploadPasted(s: Services, data: PastedData): Promise<UploadResult | undefined> {
  const target = new PlaceholderTarget(data.document, data.anchors, data.before);
  if (!data.preferred) offerPreferUpload(s, data.document.languageId);
  const expansion = await expandSelection(data.uris);
  const files: PlannedFile[] = [
    ...await planFiles(expansion.files, expansion.problems),
    ...data.blobs.map(b => ({ label: b.name, source: bytesSource(b.name, b.bytes) })),
  ];
  const cfg = readConfig(data.document.uri);
  const where = folderFor(s, cfg.defaultFolder, cfg.siteId);
  const missing = await ensureConnection(s, true);
  if (missing) {
    // No key or site after all (ensureConnection said why): the pasted bytes are not thrown away. Each file
    // leaves its failure marker, whose Quick Fix uploads the kept bytes once a key and site are set.
    await leaveMarkers(s, target, files, { ...where, labels: parseLabels(cfg.defaultLabels), private: cfg.private });
    return missing;
  }
  s.log.info(`${data.kind === 'paste' ? 'Pasted' : 'Dropped'}: uploading ${files.length} file(s) to ${where.folderLabel ?? where.folder ?? 'the Media Manager root'}.`);
  return runUpload(s, {
    files, ...where, labels: parseLabels(cfg.defaultLabels), private: cfg.private, alt: data.alt,
    destination: { kind: 'placeholder', target }, config: cfg,
  });
}

/** Swaps the placeholder for a failure marker per file and keeps the files (their bytes) for the Quick Fix. */
async function leaveMarkers(s: Services, target: PlaceholderTarget, files: readonly PlannedFile[], request: KeptFailure['request']): Promise<void> {
  try {
    const languageId = target.languageId;
    const markers = files.map(f => failureMarker(languageId, f.label));
    const outcome = await target.replace(markers.join(eolOf(target.document)));
    if (outcome.where === 'editor') s.markers.keep(target.document, files.map((file, n) => ({ marker: markers[n], file, request })));
    s.log.info(`Not uploaded (no API key or site): ${files.map(f => f.label).join(', ')}; the failure marker's Quick Fix retries.`);
  } finally {
    target.dispose();
  }
}

/** The Quick Fix's command: upload a marker's kept bytes again and swap the marker for the reference. */
async function retryMarker(s: Services, uri: vscode.Uri, marker: string): Promise<UploadResult | undefined> {
  const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (!doc) return undefined;
  const found = s.markers.at(doc, new vscode.Range(0, 0, doc.lineCount, 0)).find(f => f.failure.marker === marker);
  if (!found) return undefined;
  s.markers.take(doc, found.failure);
  const target = new PlaceholderTarget(doc, [{ start: doc.offsetAt(found.range.start), end: doc.offsetAt(found.range.end) }]);
  return runUpload(s, {
    files: [found.failure.file], ...found.failure.request, destination: { kind: 'placeholder', target }, config: readConfig(doc.uri),
  });
}

export function registerMarkerFixes(s: Services): void {
  s.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(PASTE_DROP_LANGUAGES.map(language => ({ language })), new MarkerFixes(s.markers),
      { providedCodeActionKinds: MarkerFixes.kinds }),
    vscode.commands.registerCommand(RETRY_MARKER_COMMAND, (uri: vscode.Uri, marker: string) => retryMarker(s, uri, marker)),
  );
}
