// "Upload to Wix Media" offered when files or images are pasted or dropped (Shift+drop) into an editor, beside
// VS Code's own edits (first when wixMedia.dropAndPaste.preferUpload is on for the language).
//
// This file is part of the thin activation bundle (dist/extension.js): it must stay cheap, so the upload
// itself (client, queue, tus, MIME tables in dist/core.js) is loaded only once the edit was applied.
// As in VS Code's markdown copyFiles, the pasted/dropped bytes are read in provide*, before anything else is
// awaited: VS Code frees the data transfer once provide returns (reading them in resolve fails with "No data
// transfer found"). The edit inserts a placeholder in the language's form; once that placeholder shows up in
// the document (this edit was the one applied), the core uploads and swaps it for the reference.
//
// resolve* is not used: in VS Code 1.100 a drop edit's resolve is sent to the paste resolver (the workbench's
// MainThreadDocumentOnDropEditProvider calls $resolvePasteEdit, so the extension host finds no paste adapter
// under the drop provider's handle and the drop fails); watching the document for the placeholder works for both.
// The code: https://github.com/microsoft/vscode/blob/1.100.3/src/vs/workbench/api/browser/mainThreadLanguageFeatures.ts
// (class MainThreadDocumentOnDropEditProvider, resolveDocumentDropEdit). No VS Code issue for it was found (searched
// microsoft/vscode's issues for drop resolve routed to $resolvePasteEdit); once a release resolves drop edits through
// the drop provider, resolveDocumentDropEdit can replace this.
import * as vscode from 'vscode';
import { eolOf } from './eol';
import {
  DEFAULT_NAME_PATTERN, extensionFor, failureMarker, isBlockReference, isUselessName, nameFromPattern, placeholderText,
} from '../upload/placeholder';
import type { BeforePlaceholder } from './insertion-target';
import { layoutForLine } from './anchors';
import { TEMPLATE_LANGUAGES } from '../upload/templates';
import { Recents } from './recent';

const KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('wixMedia', 'upload');
const MIME_TYPES = ['text/uri-list', 'files', 'image/*', 'video/*', 'audio/*', 'application/pdf'];
/**
 * How long an offered edit keeps what was pasted or dropped, waiting to be picked in the widget. Picked later,
 * its placeholder becomes a failure marker (the bytes are gone), never an "Uploading…" that stays.
 */
let pickWaitMs = 2 * 60_000;

/** For the in-host tests only: how long an offer waits (so that a late pick can be tested). */
export function setPickWaitForTests(ms: number | undefined): void {
  pickWaitMs = ms ?? 2 * 60_000;
}

/** Paste and drop work in every language with a reference template (package.json activates on each: a test checks). */
export const PASTE_DROP_LANGUAGES = [...TEMPLATE_LANGUAGES, 'plaintext'];

/** A paste or drop whose placeholder is in the document: everything the core needs to upload it. */
export interface PastedData {
  kind: 'paste' | 'drop';
  document: vscode.TextDocument;
  /** Files with a Uri (Explorer, copied files). */
  uris: vscode.Uri[];
  /** Data without a Uri (a screenshot, a file from outside VS Code), read while VS Code still held it. */
  blobs: { name: string; bytes: Uint8Array }[];
  /** The selected text the paste replaced: the alt text. */
  alt?: string;
  /** Where the placeholder is now (one range per cursor). */
  anchors: { start: number; end: number }[];
  before: BeforePlaceholder;
  /** Whether this edit was the default (preferUpload) rather than picked in the widget. */
  preferred: boolean;
  /** The placeholder's text and the marker it becomes if the upload cannot even start. */
  placeholder?: string;
  marker?: string;
}

/**
 * Replaces a placeholder still in the document with its failure marker: for an upload that cannot run (the edit
 * was picked too late, or the core failed to load), so that "Uploading…" never stays. False if it is gone.
 */
export async function placeholderToMarker(document: vscode.TextDocument, anchors: readonly { start: number; end: number }[],
  placeholder: string, marker: string): Promise<boolean> {
  const text = document.getText();
  const at = anchors.map(a => (text.slice(a.start, a.end) === placeholder ? a.start : -1)).filter(a => a >= 0);
  // Edited around since: found by its text, but only where that text is there once (another paste of the same
  // name may be uploading under an identical placeholder).
  const first = text.indexOf(placeholder);
  if (!at.length && first >= 0 && text.indexOf(placeholder, first + 1) < 0) at.push(first);
  if (!at.length) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const a of at) edit.replace(document.uri, new vscode.Range(document.positionAt(a), document.positionAt(a + placeholder.length)), marker);
  return vscode.workspace.applyEdit(edit);
}

export type StartUpload = (data: PastedData) => void;

function isFileLike(uri: vscode.Uri): boolean {
  return !['http', 'https', 'data', 'mailto', 'command'].includes(uri.scheme);
}

let counter = 0;
const namesGiven = new Set<string>();

/** A name for data without a useful one, from wixMedia.dropAndPaste.namePattern; unique in this session. */
function nameFor(doc: vscode.TextDocument, pattern: string, mime: string, given: string, selected: string | undefined): string {
  if (!isUselessName(given)) return given;
  const base = (doc.uri.path.split('/').pop() ?? '').replace(/\.[^.]*$/, '') || 'untitled';
  let name = nameFromPattern(pattern, { documentBaseName: base, now: new Date(), counter: ++counter, selectedText: selected }, extensionFor(mime, given));
  for (let n = 2; namesGiven.has(name); n++) name = name.replace(/(-\d+)?(\.[^.]+)$/, `-${n}$2`);
  namesGiven.add(name);
  return name;
}

interface Captured {
  uris: vscode.Uri[];
  blobs: { name: string; mime: string; bytes: Uint8Array }[];
}

/** Reads what was pasted or dropped, bytes included, at once (the data transfer dies when provide returns). */
async function capture(dt: vscode.DataTransfer): Promise<Captured> {
  const uris: vscode.Uri[] = [];
  const seen = new Set<string>();
  const add = (u: vscode.Uri) => { if (isFileLike(u) && !seen.has(u.toString())) { seen.add(u.toString()); uris.push(u); } };
  const reads: Promise<{ name: string; mime: string; bytes: Uint8Array }>[] = [];
  const list = dt.get('text/uri-list')?.asString();
  dt.forEach((item, mime) => {
    const f = item.asFile();
    if (!f) return;
    if (f.uri) add(f.uri);
    else reads.push(Promise.resolve(f.data()).then(bytes => ({ name: f.name, mime, bytes })));
  });
  const [text, blobs] = await Promise.all([list, Promise.all(reads)]);
  for (const line of (text ?? '').split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    try { add(vscode.Uri.parse(t, true)); } catch { /* not a URI */ }
  }
  // One clipboard image can be offered under two types: keep one copy.
  const unique = blobs.filter((b, i) => blobs.findIndex(o => o.name === b.name && o.bytes.byteLength === b.bytes.byteLength) === i);
  return { uris, blobs: unique };
}

function settings(doc: vscode.TextDocument) {
  const c = vscode.workspace.getConfiguration('wixMedia', { languageId: doc.languageId, uri: doc.uri });
  return {
    enabled: c.get<boolean>('dropAndPaste.enabled') ?? true,
    preferUpload: c.get<boolean>('dropAndPaste.preferUpload') ?? false,
    namePattern: c.get<string>('dropAndPaste.namePattern') || DEFAULT_NAME_PATTERN,
    defaultFolder: (c.get<string>('defaultFolder') ?? '').trim(),
  };
}

class Offers {
  /** The offered edit still waiting to be applied, per document: a newer paste or drop replaces it. */
  private readonly pending = new Map<string, vscode.Disposable>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly start: StartUpload) {
    context.subscriptions.push({ dispose: () => { for (const d of [...this.pending.values()]) d.dispose(); } });
  }

  /** The edit for a paste or drop at `ranges`, or undefined when there is nothing to upload. */
  async offer(kind: 'paste' | 'drop', document: vscode.TextDocument, ranges: readonly vscode.Range[], dt: vscode.DataTransfer,
    token: vscode.CancellationToken): Promise<{ text: string; title: string; preferred: boolean } | undefined> {
    const cfg = settings(document);
    if (!cfg.enabled) return undefined;
    const got = await capture(dt);
    if (token.isCancellationRequested || (!got.uris.length && !got.blobs.length)) return undefined;

    const selected = ranges.length === 1 && !ranges[0].isEmpty ? document.getText(ranges[0]) : undefined;
    const blobs = got.blobs.map(b => ({ name: nameFor(document, cfg.namePattern, b.mime, b.name, selected), bytes: b.bytes }));
    const names = [...got.uris.map(u => u.path.split('/').pop() ?? ''), ...blobs.map(b => b.name)];
    const what = names.length === 1 ? names[0] : vscode.l10n.t('{0} files', names.length);
    const placeholder = placeholderText(document.languageId, what);
    const eol = eolOf(document);
    const first = ranges[0];
    const text = first ? layoutForLine(placeholder, document.lineAt(first.start.line).text.slice(0, first.start.character),
      document.lineAt(first.end.line).text.slice(first.end.character), eol, isBlockReference(document.languageId, placeholder)) : placeholder;

    const before = document.getText();
    const rangesBefore = ranges.map(r => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
    const marker = failureMarker(document.languageId, what);
    this.whenApplied(document, placeholder, (anchors, versionAfter) => this.start({
      kind, document, uris: got.uris, blobs, alt: selected?.trim() || undefined, anchors, preferred: cfg.preferUpload,
      before: { versionAfter, text: before, ranges: rangesBefore }, placeholder, marker,
    }), lateMarker(document, placeholder, marker, what));
    const folder = cfg.defaultFolder || new Recents(this.context.globalState).folders(undefined)[0]?.display || '';
    const title = folder && folder !== '/' ? vscode.l10n.t('Upload to Wix Media ({0})', folder)
      : vscode.l10n.t('Upload to Wix Media (Media root)');
    return { text, title, preferred: cfg.preferUpload };
  }

  /**
   * Calls `then` with the placeholder's ranges once VS Code has inserted it (this edit was the one chosen). Past
   * the pick wait, `then` (and the bytes it holds) is let go, and a late insert calls `late` instead. The watch
   * ends when the edit is applied, a newer paste or drop in the document replaces it, or the document closes.
   */
  private whenApplied(document: vscode.TextDocument, placeholder: string, then: (anchors: { start: number; end: number }[], version: number) => void,
    late: (anchors: { start: number; end: number }[]) => void): void {
    const key = document.uri.toString();
    this.pending.get(key)?.dispose();
    let onApplied: typeof then | undefined = then;
    const stop = () => { clearTimeout(timer); sub.dispose(); closed.dispose(); if (this.pending.get(key) === done) this.pending.delete(key); };
    const done = new vscode.Disposable(stop);
    const timer = setTimeout(() => { onApplied = undefined; }, pickWaitMs);
    const closed = vscode.workspace.onDidCloseTextDocument(d => { if (d === document) stop(); });
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document !== document) return;
      // The changes are against the text before the event; sorted by offset, each shifts the ones after it.
      const anchors: { start: number; end: number }[] = [];
      let shift = 0;
      for (const c of [...e.contentChanges].sort((a, b) => a.rangeOffset - b.rangeOffset)) {
        const at = c.text.indexOf(placeholder);
        if (at >= 0) anchors.push({ start: c.rangeOffset + shift + at, end: c.rangeOffset + shift + at + placeholder.length });
        shift += c.text.length - c.rangeLength;
      }
      if (!anchors.length) return;
      const text = document.getText();
      if (!anchors.every(a => text.slice(a.start, a.end) === placeholder)) return;
      stop();
      if (onApplied) onApplied(anchors, document.version); else late(anchors);
    });
    this.pending.set(key, done);
  }
}

/**
 * What a pick after the offer let go of the bytes does: a marker, and a word on what to do. Made out here so that
 * it holds only these strings, never (through a shared closure scope) the pasted bytes.
 */
function lateMarker(document: vscode.TextDocument, placeholder: string, marker: string, what: string) {
  return (anchors: { start: number; end: number }[]): void => {
    void placeholderToMarker(document, anchors, placeholder, marker).then(swapped => {
      if (swapped) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: {0} was not uploaded: the upload was picked more than {1} minutes after the paste or drop. Paste or drop it again.',
          what, Math.round(pickWaitMs / 60_000) || 1));
      }
    });
  };
}

class PasteProvider implements vscode.DocumentPasteEditProvider {
  constructor(private readonly offers: Offers) {}

  async provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], dt: vscode.DataTransfer,
    _context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const o = await this.offers.offer('paste', document, ranges, dt, token);
    if (!o || token.isCancellationRequested) return undefined;
    const edit = new vscode.DocumentPasteEdit(o.text, o.title, KIND);
    if (!o.preferred) edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Empty];
    return [edit];
  }
}

class DropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly offers: Offers) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, position: vscode.Position, dt: vscode.DataTransfer,
    token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
    const o = await this.offers.offer('drop', document, [new vscode.Range(position, position)], dt, token);
    if (!o || token.isCancellationRequested) return undefined;
    const edit = new vscode.DocumentDropEdit(o.text, o.title, KIND);
    if (!o.preferred) edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Empty];
    return edit;
  }
}

/**
 * Registers the paste and drop providers (at activation); `start` hands an applied edit to the core. Returns
 * what the providers call to make their offer (the in-host tests call it with a data transfer of their own).
 */
export function registerPasteAndDrop(context: vscode.ExtensionContext, start: StartUpload): Offers['offer'] {
  const selector = PASTE_DROP_LANGUAGES.map(language => ({ language }));
  const offers = new Offers(context, start);
  context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider(selector, new PasteProvider(offers), {
      providedPasteEditKinds: [KIND], pasteMimeTypes: MIME_TYPES,
    }),
    vscode.languages.registerDocumentDropEditProvider(selector, new DropProvider(offers), {
      providedDropEditKinds: [KIND], dropMimeTypes: MIME_TYPES,
    }),
  );
  return (...args) => offers.offer(...args);
}
