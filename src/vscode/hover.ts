// Hovers on Wix references in any document: the image, its size, dimensions, folder and processing state, and
// command links (copy as …, reveal in the Wix Media view). Nothing is asked of Wix until a hover; answers are
// cached for the session (MediaData).
import * as vscode from 'vscode';
import { COMMAND } from './command-ids';
import { sizeOf, staticUrl } from '../upload/reference';
import { formatBytes } from '../wix/validate';
import type { FileDescriptor } from '../wix/types';
import { describeError } from '../wix/messages';
import { wixRefAt } from './hover-match';
import type { MediaData } from './media-view-data';

export const COPY_FORMATS = ['url', 'markdown', 'html', 'wixUri', 'json'] as const;
export type CopyFormat = typeof COPY_FORMATS[number];

function commandLink(label: string, command: string, args: unknown): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}

function stateText(d: FileDescriptor): string {
  if (d.state === 'DELETED') return vscode.l10n.t('in the trash');
  switch (d.operationStatus) {
    case 'READY': return vscode.l10n.t('ready');
    case 'PENDING': return vscode.l10n.t('still processing');
    case 'FAILED': return vscode.l10n.t('processing failed');
  }
  return d.operationStatus;
}

/** Markdown-safe text (names come from the site). */
function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#|!<>]/g, (c) => `\\${c}`);
}

/** A small rendition for images (Wix's image transformation URL), else none. */
export function previewUrl(d: FileDescriptor, w = 320, h = 240): string | undefined {
  if (d.mediaType !== 'IMAGE' || d.private) return undefined;
  const url = staticUrl(d);
  if (!url) return undefined;
  const name = encodeURIComponent(d.displayName || 'image');
  return `${url}/v1/fit/w_${w},h_${h},al_c/${name}`;
}

export function hoverMarkdown(d: FileDescriptor, folder: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [COMMAND.copyAs, COMMAND.revealInView] };
  md.supportHtml = false;
  md.appendMarkdown(`**${esc(d.displayName)}**\n\n`);
  const preview = previewUrl(d);
  if (preview) md.appendMarkdown(`![${esc(d.displayName)}](${preview})\n\n`);
  const dims = sizeOf(d);
  const facts = [
    d.mediaType,
    dims ? vscode.l10n.t('{0} × {1} px', dims.width, dims.height) : undefined,
    formatBytes(Number(d.sizeInBytes) || 0),
    vscode.l10n.t('folder {0}', folder),
    stateText(d),
  ].filter(Boolean);
  md.appendMarkdown(facts.map((f) => esc(String(f))).join(' · ') + '\n\n');
  const copy = (label: string, format: CopyFormat) => commandLink(label, COMMAND.copyAs, { fileId: d.id, format });
  md.appendMarkdown([
    vscode.l10n.t('Copy as:'),
    copy(vscode.l10n.t('URL'), 'url'), copy(vscode.l10n.t('Markdown'), 'markdown'), copy(vscode.l10n.t('HTML'), 'html'),
    copy(vscode.l10n.t('wix: URI'), 'wixUri'), copy(vscode.l10n.t('JSON'), 'json'),
  ].join(' ') + ' · ' + commandLink(vscode.l10n.t('Reveal in Wix Media view'), COMMAND.revealInView, { fileId: d.id }));
  return md;
}

export async function provideWixHover(data: MediaData, doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  const line = doc.lineAt(pos.line).text;
  const ref = wixRefAt(line, pos.character);
  if (!ref) return undefined;
  const range = new vscode.Range(pos.line, ref.start, pos.line, ref.end);
  let md: vscode.MarkdownString;
  try {
    const found = await data.lookup(ref.fileId);
    if (token.isCancellationRequested) return undefined;
    if (found.kind === 'missing') {
      md = new vscode.MarkdownString(vscode.l10n.t('Wix Media: {0} is not on this site (it was deleted, or belongs to another site).', esc(ref.fileId)));
    } else {
      md = hoverMarkdown(found.file, found.folder);
    }
  } catch (e) {
    md = new vscode.MarkdownString(vscode.l10n.t('Wix Media: could not look up {0}: {1}', esc(ref.fileId), esc(describeError(e))));
  }
  return new vscode.Hover(md, range);
}
