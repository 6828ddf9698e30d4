// Private files are referenced by download links that expire: say when, so nobody is surprised by a 403 later.
import * as vscode from 'vscode';
import type { UploadItem } from '../upload/types';
import type { Services } from './services';

/** The local time a link stops working, e.g. "Dec 1, 2026, 11:40 AM". */
function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** One notification for the private files of a batch: their links and when the first of them expires. */
export function notifyPrivateLinks(s: Services, items: readonly UploadItem[]): void {
  const links = items.filter((i) => i.state === 'done' && i.privateLink).map((i) => i.privateLink!);
  if (!links.length) return;
  const first = links.map((l) => l.expiresAt).sort()[0];
  for (const i of items) if (i.privateLink) s.log.info(`${i.label} is private: its download link works until ${i.privateLink.expiresAt}.`);
  const text = links.length === 1
    ? vscode.l10n.t('Wix Media: the file is private, so its reference is a download link. The link stops working on {0}.', when(first))
    : vscode.l10n.t('Wix Media: {0} files are private, so their references are download links. The links stop working on {1}.', links.length, when(first));
  void vscode.window.showInformationMessage(text);
}
