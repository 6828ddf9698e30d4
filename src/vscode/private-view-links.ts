// The Media view and hovers on a private file: its static URL answers 403 and its media URLs are empty (Wix's
// "Private files" page, https://dev.wix.com/docs/sdk/backend-modules/media/files/private-files), so whatever is
// inserted, copied or opened uses a fresh download link (generate-file-download-url) with the expiry of
// wixMedia.privateLinkExpiryMinutes, or nothing at all with a message saying why.
import * as vscode from 'vscode';
import { describeError } from '../wix/messages';
import type { FileDescriptor } from '../wix/types';
import { readConfig } from './config';
import { mediaData } from './media-view-data';
import { showError } from './notify';
import type { Services } from './services';

/** The local time a link stops working, e.g. "Dec 1, 2026, 11:40 AM". */
function when(iso: string): string {
  // In the display language VS Code runs in (Node's own locale may differ).
  try {
    return new Date(iso).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }); // a pseudo-locale
  }
}

/**
 * The files as they may be referenced: public ones as they are, private ones with `url` set to a download link.
 * Undefined (after an error message naming the file) when a link could not be made: nothing is then used.
 */
export async function linkable(s: Services, files: readonly FileDescriptor[]): Promise<FileDescriptor[] | undefined> {
  if (!files.some((f) => f.private)) return [...files];
  const minutes = readConfig().privateLinkMinutes;
  const out: FileDescriptor[] = [];
  let first: string | undefined;
  for (const f of files) {
    if (!f.private) { out.push(f); continue; }
    try {
      const { client } = await mediaData(s).client();
      const link = await client.downloadLink(f.id, minutes);
      s.log.info(`${f.displayName} is private: its download link works until ${link.expiresAt}.`);
      if (!first || link.expiresAt < first) first = link.expiresAt;
      out.push({ ...f, url: link.url });
    } catch (e) {
      const message = vscode.l10n.t('Wix Media: {0} is private and its address would answer 403, but no download link could be made for it: {1} Its address was not used.', f.displayName, describeError(e));
      s.log.warn(message);
      void showError(message);
      return undefined;
    }
  }
  if (first) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Wix Media: a private file is referenced by a download link. The link stops working on {0}.', when(first)));
  }
  return out;
}
