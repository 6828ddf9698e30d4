// Pure helpers for putting references into a document: where (anchors kept up to date through edits the user
// makes meanwhile) and what (one text per anchor). No vscode import; offsets are UTF-16 offsets as in VS Code.

/** Where a reference goes: an empty range (a cursor) or a selection it replaces. */
export interface Anchor {
  start: number;
  end: number;
}

/** One content change, as in vscode.TextDocumentContentChangeEvent. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Moves an anchor through one change; undefined when the change ate into it (the place no longer exists).
 * Text typed exactly at a cursor stays after the cursor, so the reference lands where it was asked for,
 * before what was typed since.
 */
export function shiftAnchor(a: Anchor, c: TextChange): Anchor | undefined {
  const cStart = c.rangeOffset;
  const cEnd = c.rangeOffset + c.rangeLength;
  const delta = c.text.length - c.rangeLength;
  if (cEnd <= a.start) {
    // Entirely before (or a deletion ending at the anchor; an insertion exactly at a cursor is handled below).
    if (cStart === a.start && c.rangeLength === 0) {
      return a.start === a.end ? a : { start: a.start + delta, end: a.end + delta };
    }
    return { start: a.start + delta, end: a.end + delta };
  }
  if (cStart >= a.end) {
    // Entirely after (an insertion at a selection's end leaves the selection as it was).
    return a;
  }
  // Overlaps the anchor: the selected text or the cursor's place was replaced.
  return undefined;
}

/**
 * Applies one change event to all anchors. VS Code reports the changes of one event against the document as
 * it was before the event, sorted so that applying them in order is also correct; each anchor sees them all.
 */
export function shiftAnchors(anchors: readonly Anchor[], changes: readonly TextChange[]): (Anchor | undefined)[] {
  return anchors.map(a => {
    let cur: Anchor | undefined = a;
    // Apply from the highest offset down, so earlier offsets stay valid whatever the event's order.
    const sorted = [...changes].sort((x, y) => y.rangeOffset - x.rangeOffset);
    for (const c of sorted) {
      if (!cur) break;
      cur = shiftAnchor(cur, c);
    }
    return cur;
  });
}

/** Several references, one per line; lines after the first take `indent` (the line's own indentation). */
export function joinReferences(refs: readonly string[], eol: string, indent = ''): string {
  return refs.join(eol).split(eol).join(eol + indent);
}

/** The leading whitespace of a line. */
export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * Lays `text` out for the line it goes into (`before` / `after`: the line's text on either side of the place).
 * Continuation lines take the line's indentation; a block (a Markdown image, an HTML tag) starts on its own
 * line and leaves what follows it on the next, so two uploads in a row never glue together.
 */
export function layoutForLine(text: string, before: string, after: string, eol: string, block: boolean): string {
  const indent = indentOf(before);
  let out = text.split(eol).join(eol + indent);
  if (block && before.trim() !== '') out = eol + indent + out;
  if (block && after.trim() !== '') out = out + eol + indent;
  return out;
}

export interface PlannedEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits that put `text` at every anchor, in document order, with duplicate anchors merged (two cursors at
 * one place get one copy) and overlapping ones dropped.
 */
export function planInsertion(anchors: readonly Anchor[], text: string | ((a: Anchor) => string)): PlannedEdit[] {
  const sorted = [...anchors].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: PlannedEdit[] = [];
  for (const a of sorted) {
    const prev = out[out.length - 1];
    if (prev && (a.start < prev.end || (a.start === prev.start && a.end === prev.end))) continue;
    out.push({ start: a.start, end: a.end, text: typeof text === 'string' ? text : text(a) });
  }
  return out;
}

/** The document text after the planned edits (used to check plans, and by tests). */
export function applyPlanned(doc: string, edits: readonly PlannedEdit[]): string {
  let out = '';
  let last = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += doc.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + doc.slice(last);
}

/** Where each anchor ends up after the planned edits: just after its inserted text (for a later append). */
export function anchorsAfter(edits: readonly PlannedEdit[]): Anchor[] {
  let shift = 0;
  return [...edits].sort((a, b) => a.start - b.start).map(e => {
    const pos = e.start + shift + e.text.length;
    shift += e.text.length - (e.end - e.start);
    return { start: pos, end: pos };
  });
}
