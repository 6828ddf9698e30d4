// Keeps the place(s) where references were asked for up to date while an upload runs, then inserts them there
// as one undoable edit; falls back to the clipboard when the document was closed or the place was edited away.
import * as vscode from 'vscode';
import { eolOf } from './eol';
import { isBlockReference } from '../upload/placeholder';
import { anchorsAfter, indentOf, joinReferences, layoutForLine, planInsertion, shiftAnchors, type Anchor, type PlannedEdit } from './anchors';

export type InsertedWhere = 'editor' | 'clipboard';

export interface InsertOutcome {
  where: InsertedWhere;
  text: string;
  /** Why the clipboard was used. */
  reason?: string;
  document?: vscode.Uri;
}

/** Tries a stale edit again after the user's newer edits have been seen. */
const EDIT_ATTEMPTS = 4;

export class InsertionTarget implements vscode.Disposable {
  protected anchors: (Anchor | undefined)[];
  private lost?: string;
  /** While set, the target's own edits (an undo it runs) do not move or lose the anchors. */
  protected paused = false;
  /** Something was inserted already: a later insert (retried files) goes on a new line after it. */
  private appended = false;
  private readonly subs: vscode.Disposable[] = [];
  readonly languageId: string;

  /** `onLost` runs once, when the place is edited away or the document closes. */
  constructor(readonly document: vscode.TextDocument, anchors: readonly Anchor[], private readonly onLost?: (reason: string) => void) {
    this.languageId = document.languageId;
    this.anchors = [...anchors];
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document !== this.document || !e.contentChanges.length || this.paused) return;
        this.anchors = shiftAnchors(this.anchors.filter((a): a is Anchor => !!a), e.contentChanges);
        if (this.anchors.some(a => !a)) this.markLost(vscode.l10n.t('the place the references were meant for was edited away meanwhile'));
      }),
      vscode.workspace.onDidCloseTextDocument(d => {
        if (d === this.document) this.markLost(vscode.l10n.t('the document was closed before the upload finished'));
      }),
    );
  }

  static fromEditor(editor: vscode.TextEditor): InsertionTarget {
    return InsertionTarget.at(editor.document, editor.selections);
  }

  static at(doc: vscode.TextDocument, selections: readonly vscode.Selection[]): InsertionTarget {
    return new InsertionTarget(doc, selections.map(s => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) })));
  }

  private markLost(reason: string): void {
    if (this.lost) return;
    this.lost = reason;
    this.onLost?.(reason);
  }

  /** Removes the anchored text (a drop placeholder) if it is still there. */
  async clear(): Promise<boolean> {
    if (this.whyNot()) return false;
    return this.apply(planInsertion(this.anchors as Anchor[], ''));
  }

  /** Current anchors (for tests and logs). */
  get offsets(): readonly (Anchor | undefined)[] {
    return this.anchors;
  }

  private isOpen(): boolean {
    if (this.document.isClosed) return false;
    const key = this.document.uri.toString();
    for (const g of vscode.window.tabGroups.all) {
      for (const t of g.tabs) {
        const input = t.input;
        if (input instanceof vscode.TabInputText && input.uri.toString() === key) return true;
        if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === key) return true;
      }
    }
    return vscode.window.visibleTextEditors.some(e => e.document === this.document);
  }

  protected whyNot(): string | undefined {
    if (this.lost) return this.lost;
    if (!this.isOpen()) return vscode.l10n.t('the document was closed before the upload finished');
    return undefined;
  }

  /** Inserts the references at every anchor as one undoable edit, or copies them to the clipboard. */
  async insert(refs: readonly string[]): Promise<InsertOutcome> {
    const eol = eolOf(this.document);
    const body = joinReferences(refs, eol);
    const block = refs.length > 0 && refs.every(r => isBlockReference(this.languageId, r));
    const doc = this.document;
    const textFor = (a: Anchor) => {
      const start = doc.positionAt(a.start);
      const end = doc.positionAt(a.end);
      const before = doc.lineAt(start.line).text.slice(0, start.character);
      const after = doc.lineAt(end.line).text.slice(end.character);
      const t = layoutForLine(body, before, after, eol, block);
      // Retried files go on a line of their own after the ones inserted before.
      return this.appended && before.trim() !== '' && !t.startsWith(eol) ? eol + indentOf(before) + t : t;
    };
    return this.place(textFor, body, refs.length);
  }

  /** Replaces the anchored text with `text` as it is (a failure marker). */
  async replace(text: string): Promise<InsertOutcome> {
    return this.place(() => text, text, 1);
  }

  private async place(textFor: (a: Anchor) => string, body: string, n: number): Promise<InsertOutcome> {
    for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
      const reason = this.whyNot();
      if (reason) return copyToClipboard(body, reason, n);
      const planned = planInsertion(this.anchors as Anchor[], textFor);
      const ok = await this.apply(planned);
      if (ok) {
        this.anchors = anchorsAfter(planned);
        this.appended = true;
        return { where: 'editor', text: body, document: this.document.uri };
      }
      // The document changed between planning and applying: let the change events arrive, then plan again.
      await new Promise(r => setTimeout(r, 50));
    }
    return copyToClipboard(body, vscode.l10n.t('the document kept changing while the references were being inserted'), n);
  }

  protected async apply(planned: readonly PlannedEdit[]): Promise<boolean> {
    const doc = this.document;
    const range = (p: { start: number; end: number }) => new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
    const editor = vscode.window.visibleTextEditors.find(e => e.document === doc);
    try {
      if (editor) {
        // One edit with undo stops on both sides: a single Undo removes exactly the inserted text.
        // An insertion at a cursor moves the cursor after it (as typing or pasting does), so a second upload at the
        // same cursor goes after the first.
        return await editor.edit(b => {
          for (const p of planned) {
            if (p.start === p.end) b.insert(doc.positionAt(p.start), p.text); else b.replace(range(p), p.text);
          }
        }, { undoStopBefore: true, undoStopAfter: true });
      }
      const we = new vscode.WorkspaceEdit();
      for (const p of planned) we.replace(doc.uri, range(p), p.text);
      return await vscode.workspace.applyEdit(we);
    } catch {
      // The editor went away between the check and the edit (closed meanwhile): check again.
      return false;
    }
  }

  dispose(): void {
    // Edits from now on are not seen: a later insert must not trust the stale offsets.
    this.lost ??= vscode.l10n.t('the place in the document was no longer being tracked');
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
  }
}

/** Puts the references on the clipboard and says so (without waiting for the notification). */
export async function copyToClipboard(text: string, reason: string, n: number): Promise<InsertOutcome> {
  await vscode.env.clipboard.writeText(text);
  // The reason arrives in the display language (it is shown here, and only said in English in the log).
  void vscode.window.showInformationMessage(n === 1
    ? vscode.l10n.t('Wix Media: the reference was copied to the clipboard, because {0}.', reason)
    : vscode.l10n.t('Wix Media: {0} references were copied to the clipboard, because {1}.', n, reason));
  return { where: 'clipboard', text, reason };
}

/** What undoing the paste or drop leads back to: the text before it and the places it went into. */
export interface BeforePlaceholder {
  /** The document's version right after the placeholder went in. */
  versionAfter: number;
  text: string;
  ranges: Anchor[];
}

/**
 * The place of a paste/drop placeholder. Its swap for the references undoes the placeholder's insertion first
 * when nothing was edited since, then inserts the references as one undoable edit: one Ctrl+Z then goes back
 * to before the paste, and the placeholder never comes back. (VS Code closes the paste's undo element once
 * applied, and an extension cannot add to it.) When the user edited meanwhile, the placeholder is replaced.
 */
export class PlaceholderTarget extends InsertionTarget {
  constructor(document: vscode.TextDocument, anchors: readonly Anchor[], private before?: BeforePlaceholder) {
    super(document, anchors);
  }

  override async insert(refs: readonly string[]): Promise<InsertOutcome> {
    const before = this.before;
    this.before = undefined;
    const editor = vscode.window.activeTextEditor;
    const doc = this.document;
    if (!before || this.whyNot() || doc.version !== before.versionAfter || editor?.document !== doc) return super.insert(refs);
    const placed = this.anchors;
    // The undo moves the cursor back to where the paste was: keep where the person has put it since.
    const saved = editor.selections.map(s => [doc.offsetAt(s.anchor), doc.offsetAt(s.active)] as const);
    const lengthBefore = doc.getText().length;
    this.paused = true;
    try {
      await vscode.commands.executeCommand('undo');
      if (doc.getText() === before.text) {
        this.anchors = before.ranges;
      } else {
        // Something else was undone: put it back and replace the placeholder instead.
        await vscode.commands.executeCommand('redo');
        this.anchors = placed;
      }
    } finally {
      this.paused = false;
    }
    const outcome = await super.insert(refs);
    const ph = placed[0];
    const now = vscode.window.activeTextEditor;
    if (outcome.where === 'editor' && placed.length === 1 && ph && now?.document === doc) {
      const delta = doc.getText().length - lengthBefore;
      const map = (o: number) => o <= ph.start ? o : o >= ph.end ? o + delta : ph.end + delta;
      now.selections = saved.map(([a, b]) => new vscode.Selection(doc.positionAt(map(a)), doc.positionAt(map(b))));
    }
    return outcome;
  }
}
