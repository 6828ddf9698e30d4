// Failure markers left where a pasted or dropped file failed to upload (`![Upload failed: hero.png]()`), and
// their Quick Fix "Retry upload to Wix Media", which uploads the same bytes again and swaps the marker for the
// reference. The bytes are kept in memory until the marker is gone from the document (or it closes).
import * as vscode from 'vscode';
import type { PlannedFile } from './upload-flow';

export const RETRY_MARKER_COMMAND = 'wixMedia.retryFailedMarker';

export interface KeptFailure {
  marker: string;
  /** Wix refused these very bytes (empty, unsupported, corrupt): a retry would only store them again. */
  bytesRefused?: boolean;
  file: PlannedFile;
  request: { folder?: string; folderId?: string; labels: readonly string[]; private: boolean };
}

export class FailureMarkers implements vscode.Disposable {
  private readonly byDoc = new Map<string, KeptFailure[]>();
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument(e => this.prune(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.byDoc.delete(d.uri.toString())),
    );
  }

  keep(doc: vscode.TextDocument, failures: readonly KeptFailure[]): void {
    const key = doc.uri.toString();
    this.byDoc.set(key, [...(this.byDoc.get(key) ?? []), ...failures]);
  }

  /** The kept failures whose markers are on the lines of `range`, with where each marker is. */
  at(doc: vscode.TextDocument, range: vscode.Range): { failure: KeptFailure; range: vscode.Range }[] {
    const out: { failure: KeptFailure; range: vscode.Range }[] = [];
    const text = doc.getText();
    for (const failure of this.byDoc.get(doc.uri.toString()) ?? []) {
      for (let at = text.indexOf(failure.marker); at >= 0; at = text.indexOf(failure.marker, at + 1)) {
        const r = new vscode.Range(doc.positionAt(at), doc.positionAt(at + failure.marker.length));
        if (r.start.line <= range.end.line && r.end.line >= range.start.line) { out.push({ failure, range: r }); break; }
      }
    }
    return out;
  }

  /** Takes a failure out of the store (its retry runs). */
  take(doc: vscode.TextDocument, failure: KeptFailure): void {
    const key = doc.uri.toString();
    const list = (this.byDoc.get(key) ?? []).filter(f => f !== failure);
    if (list.length) this.byDoc.set(key, list); else this.byDoc.delete(key);
  }

  /** Lets go of the bytes of markers no longer in the document. */
  private prune(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const list = this.byDoc.get(key);
    if (!list) return;
    const text = doc.getText();
    const still = list.filter(f => text.includes(f.marker));
    if (still.length !== list.length) {
      if (still.length) this.byDoc.set(key, still); else this.byDoc.delete(key);
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.byDoc.clear();
  }
}

/**
 * Offers "Retry upload to Wix Media" on a line holding a kept failure marker, unless Wix refused those very
 * bytes: the retry sends the same bytes, so it would fail again (or store a second broken file).
 */
export class MarkerFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly markers: FailureMarkers) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    return this.markers.at(doc, range).filter(({ failure }) => !failure.bytesRefused).map(({ failure }) => {
      const action = new vscode.CodeAction(vscode.l10n.t('Retry upload to Wix Media'), vscode.CodeActionKind.QuickFix);
      action.isPreferred = true;
      action.command = { command: RETRY_MARKER_COMMAND, title: action.title, arguments: [doc.uri, failure.marker] };
      return action;
    });
  }
}
