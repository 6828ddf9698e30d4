// "Upload to Wix Media and insert reference" for files dropped (Shift+drop) or pasted into an editor.
// It is offered beside VS Code's built-in edits and yields to them unless wixMedia.dropAndPaste.preferUpload.
//
// Paste: the upload runs in resolveDocumentPasteEdit, so it only starts when this edit is the one applied,
// and VS Code's paste progress can cancel it. Drop: VS Code 1.100 routes drop-edit resolves to the paste
// resolver (so a drop provider's resolve is never reached); the drop edit therefore inserts a placeholder,
// and the upload starts once that placeholder appears in the document, then replaces it with the references.
import * as vscode from 'vscode';
import type { FileSource } from '../wix/api';
import { readConfig } from './config';
import type { Services } from './services';
import { InsertionTarget } from './track';
import { runUpload, type PlannedFile } from './upload-flow';
import { bytesSource, expandSelection, sourceFor } from './workspace-files';

const KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('wixMedia', 'upload');
const TITLE = 'Upload to Wix Media and insert reference';
const MIME_TYPES = ['text/uri-list', 'files'];
/** How long a dropped placeholder is waited for (the user may pick this edit in the drop widget later). */
const PLACEHOLDER_WAIT_MS = 2 * 60_000;

export const PASTE_DROP_LANGUAGES = [
  'markdown', 'mdx', 'html', 'vue', 'svelte', 'astro', 'php', 'handlebars', 'css', 'scss', 'less',
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'plaintext',
];

/** What was dropped or pasted: files with a Uri, and files known only by their bytes (from outside VS Code). */
interface Transfer {
  uris: vscode.Uri[];
  blobs: { name: string; file: vscode.DataTransferFile }[];
}

/** Schemes that name a file (not a web link). */
function isFileLike(uri: vscode.Uri): boolean {
  return !['http', 'https', 'data', 'mailto', 'command'].includes(uri.scheme);
}

async function readTransfer(dt: vscode.DataTransfer): Promise<Transfer> {
  const uris: vscode.Uri[] = [];
  const blobs: Transfer['blobs'] = [];
  const seen = new Set<string>();
  const add = (u: vscode.Uri) => { if (isFileLike(u) && !seen.has(u.toString())) { seen.add(u.toString()); uris.push(u); } };
  const list = dt.get('text/uri-list');
  if (list) {
    for (const line of (await list.asString()).split(/\r?\n/)) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      try { add(vscode.Uri.parse(t, true)); } catch { /* not a URI */ }
    }
  }
  dt.forEach((item) => {
    const f = item.asFile();
    if (!f) return;
    if (f.uri) add(f.uri);
    else blobs.push({ name: f.name, file: f });
  });
  return { uris, blobs };
}

async function plan(t: Transfer): Promise<PlannedFile[]> {
  const out: PlannedFile[] = [];
  const expansion = await expandSelection(t.uris);
  for (const f of expansion.files) {
    const reopen = () => sourceFor(f.uri, f.label);
    try { out.push({ label: f.label, uri: f.uri, source: await sourceFor(f.uri, f.label), reopen }); } catch (e) { out.push({ label: f.label, uri: f.uri, error: e as Error }); }
  }
  for (const p of expansion.problems) out.push({ label: p.label, uri: p.uri, error: p.error });
  for (const b of t.blobs) {
    let source: FileSource | undefined;
    try { source = bytesSource(b.name, await b.file.data()); } catch (e) { out.push({ label: b.name, error: e as Error }); continue; }
    out.push({ label: b.name, source });
  }
  return out;
}

function names(t: Transfer): string {
  const all = [...t.uris.map(u => u.path.split('/').pop() ?? ''), ...t.blobs.map(b => b.name)];
  return all.length === 1 ? all[0] : `${all.length} files`;
}

async function readyToUpload(s: Services): Promise<boolean> {
  if (!(await s.keys.has())) {
    void vscode.window.showWarningMessage('Wix Media: set an API key to upload dropped or pasted files.', 'Set API key')
      .then(c => { if (c) void vscode.commands.executeCommand('wixMedia.setApiKey'); });
    return false;
  }
  if (!readConfig().siteId) {
    void vscode.window.showWarningMessage('Wix Media: select a site to upload dropped or pasted files.', 'Select Site')
      .then(c => { if (c) void vscode.commands.executeCommand('wixMedia.selectSite'); });
    return false;
  }
  return true;
}

function options() {
  const cfg = readConfig();
  return { folder: cfg.defaultFolder || undefined, labels: cfg.defaultLabels, private: cfg.private };
}

class UploadPasteEdit extends vscode.DocumentPasteEdit {
  constructor(readonly transfer: Transfer, readonly document: vscode.TextDocument) {
    super('', TITLE, KIND);
  }
}

class PasteProvider implements vscode.DocumentPasteEditProvider<UploadPasteEdit> {
  constructor(private readonly s: Services) {}

  async provideDocumentPasteEdits(document: vscode.TextDocument, _ranges: readonly vscode.Range[], dt: vscode.DataTransfer,
    _context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken): Promise<UploadPasteEdit[] | undefined> {
    const cfg = readConfig();
    if (!cfg.dropAndPaste.enabled) return undefined;
    const transfer = await readTransfer(dt);
    if (token.isCancellationRequested || (!transfer.uris.length && !transfer.blobs.length)) return undefined;
    const edit = new UploadPasteEdit(transfer, document);
    edit.title = `Upload ${names(transfer)} to Wix Media and insert reference`;
    if (!cfg.dropAndPaste.preferUpload) edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Empty];
    return [edit];
  }

  async resolveDocumentPasteEdit(edit: UploadPasteEdit, token: vscode.CancellationToken): Promise<UploadPasteEdit> {
    if (!(await readyToUpload(this.s)) || token.isCancellationRequested) return edit;
    const files = await plan(edit.transfer);
    if (token.isCancellationRequested) return edit;
    const result = await runUpload(this.s, {
      files, ...options(), insert: 'none', languageId: edit.document.languageId, token, notifyProgress: false,
    });
    if (token.isCancellationRequested) return edit;
    const eol = edit.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    edit.insertText = result.references.join(eol);
    return edit;
  }
}

class DropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly s: Services) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, dt: vscode.DataTransfer,
    token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
    const cfg = readConfig();
    if (!cfg.dropAndPaste.enabled) return undefined;
    const transfer = await readTransfer(dt);
    if (token.isCancellationRequested || (!transfer.uris.length && !transfer.blobs.length)) return undefined;
    // The bytes of outside files are only readable during the drop: read them now, upload them later.
    const blobs = await Promise.all(transfer.blobs.map(async b => ({ name: b.name, bytes: await b.file.data() })));
    const placeholder = `Uploading ${names(transfer)} to Wix Media…`;
    const edit = new vscode.DocumentDropEdit(placeholder, `Upload ${names(transfer)} to Wix Media and insert reference`, KIND);
    if (!cfg.dropAndPaste.preferUpload) edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Empty];
    this.whenApplied(document, placeholder, at => void this.upload(document, transfer, blobs, placeholder, at));
    return edit;
  }

  /** Calls `start` with the placeholder's offset once VS Code has inserted it (this edit was the one chosen). */
  private whenApplied(document: vscode.TextDocument, placeholder: string, start: (at: number) => void): void {
    const stop = () => { clearTimeout(timer); sub.dispose(); };
    const timer = setTimeout(stop, PLACEHOLDER_WAIT_MS);
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document !== document) return;
      const c = e.contentChanges.find(ch => ch.text.includes(placeholder));
      if (!c) return;
      stop();
      const at = c.rangeOffset + c.text.indexOf(placeholder);
      // The change's offset is against the text before the event; confirm it, else look the placeholder up.
      const here = document.getText().slice(at, at + placeholder.length) === placeholder ? at : document.getText().indexOf(placeholder);
      if (here >= 0) start(here);
    });
  }

  private async upload(document: vscode.TextDocument, transfer: Transfer, blobs: { name: string; bytes: Uint8Array }[],
    placeholder: string, start: number): Promise<void> {
    const cts = new vscode.CancellationTokenSource();
    // Removing the placeholder (Undo, or picking another drop option) cancels the upload.
    const target = new InsertionTarget(document, [{ start, end: start + placeholder.length }], () => cts.cancel());
    try {
      if (!(await readyToUpload(this.s))) { await target.clear(); return; }
      const files = [...await plan({ uris: transfer.uris, blobs: [] }), ...blobs.map(b => ({ label: b.name, source: bytesSource(b.name, b.bytes) }))];
      const result = await runUpload(this.s, {
        files, ...options(), insert: 'editor', target, languageId: document.languageId, token: cts.token,
        notifyProgress: true, keepTarget: true,
      });
      if (!result.references.length) await target.clear();
    } finally {
      target.dispose();
      cts.dispose();
    }
  }
}

export function registerPasteAndDrop(s: Services): void {
  const selector = PASTE_DROP_LANGUAGES.map(language => ({ language }));
  s.context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider(selector, new PasteProvider(s), {
      providedPasteEditKinds: [KIND], pasteMimeTypes: MIME_TYPES,
    }),
    vscode.languages.registerDocumentDropEditProvider(selector, new DropProvider(s), {
      providedDropEditKinds: [KIND], dropMimeTypes: MIME_TYPES,
    }),
  );
}
