// The text editors a person used last, with their cursors, kept from activation on (in the thin bundle): when
// an image preview or another non-text editor becomes the active tab, the references still go to the text
// editor the person was in. Hidden editors have no TextEditor object any more, so the document and the
// selections are what is kept.
import * as vscode from 'vscode';

export interface RecentEditor {
  uri: vscode.Uri;
  viewColumn?: vscode.ViewColumn;
  selections: readonly vscode.Selection[];
}

const KEEP = 10;

export class RecentTextEditors implements vscode.Disposable {
  private list: RecentEditor[] = [];
  private readonly subs: vscode.Disposable[];

  constructor() {
    this.note(vscode.window.activeTextEditor);
    this.subs = [
      vscode.window.onDidChangeActiveTextEditor(e => this.note(e)),
      vscode.window.onDidChangeTextEditorSelection(e => { if (e.textEditor === vscode.window.activeTextEditor) this.note(e.textEditor); }),
    ];
  }

  private note(e: vscode.TextEditor | undefined): void {
    // Output panes and the like are not where references go.
    if (!e || !['file', 'untitled', 'vscode-remote', 'vscode-vfs'].includes(e.document.uri.scheme)) return;
    const key = e.document.uri.toString();
    this.list = [{ uri: e.document.uri, viewColumn: e.viewColumn, selections: e.selections },
      ...this.list.filter(r => r.uri.toString() !== key)].slice(0, KEEP);
  }

  /** Most recent first. */
  all(): readonly RecentEditor[] {
    return this.list;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
