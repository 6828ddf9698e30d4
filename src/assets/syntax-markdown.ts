// Markdown and MDX: inline images and links, reference definitions, and raw HTML tags, after masking fenced and
// indented code, inline code spans, HTML comments (and MDX {/* */} comments). Rules follow CommonMark 0.31.
import { blank, blankBetween } from './mask';
import { scanTags } from './syntax-html';
import type { RawRef } from './types';

/** Masks code blocks, code spans and comments; returns the masked copy. */
export function maskMarkdown(text: string, mdx: boolean): string {
  const units = text.split('');
  maskBlocks(text, units);
  blankBetween(units, '<!--', '-->');
  if (mdx) blankBetween(units, '{/*', '*/}');
  maskCodeSpans(units);
  return units.join('');
}

const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Fenced code (``` or ~~~, also inside lists and quotes) and indented code (4 spaces after a blank line, outside lists). */
function maskBlocks(text: string, units: string[]): void {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  let fence: { char: string; len: number } | undefined;
  let prevBlank = true;
  let inIndentedCode = false;
  let inList = false;
  for (const line of lines) {
    const start = offset;
    offset += line.length;
    const body = line.replace(/\r?\n$/, '');
    if (fence) {
      blank(units, start, offset);
      const close = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(body);
      if (close && close[1][0] === fence.char && close[1].length >= fence.len) fence = undefined;
      continue;
    }
    const open = /^((?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?)(`{3,}|~{3,})(.*)$/.exec(body);
    if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
      fence = { char: open[2][0], len: open[2].length };
      blank(units, start + open[1].length, offset);
      prevBlank = false;
      continue;
    }
    const isBlank = body.trim() === '';
    const indented = /^(?: {4}|\t| {0,3}\t)/.test(body) && !isBlank;
    if (indented && (prevBlank || inIndentedCode) && !inList) {
      blank(units, start, offset);
      inIndentedCode = true;
    } else if (!isBlank) {
      inIndentedCode = false;
      if (!indented) inList = LIST_ITEM.test(body) || (inList && !prevBlank);
    }
    prevBlank = isBlank;
  }
}

/** A run of N backticks up to the next run of exactly N in the same paragraph is code (CommonMark §6.1). */
function maskCodeSpans(units: string[]): void {
  const m = units.join('');
  const run = /`+/g;
  let r: RegExpExecArray | null;
  while ((r = run.exec(m))) {
    if (isEscaped(m, r.index)) { run.lastIndex = r.index + 1; continue; }
    const len = r[0].length;
    const paraEnd = (() => { const b = /\n[ \t]*\r?\n/.exec(m.slice(r.index)); return b ? r.index + b.index : m.length; })();
    const close = new RegExp(`(?<!\`)\`{${len}}(?!\`)`, 'g');
    close.lastIndex = r.index + len;
    const c = close.exec(m);
    if (!c || c.index >= paraEnd) continue;    // no closing run: the backticks are literal
    blank(units, r.index, c.index + len);
    run.lastIndex = c.index + len;
  }
}

function isEscaped(m: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && m[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

export function scanMarkdown(text: string, mdx = false): RawRef[] {
  const m = maskMarkdown(text, mdx);
  const refs: RawRef[] = [];
  const imageLabels = new Set<string>();

  for (let i = m.indexOf('['); i >= 0; i = m.indexOf('[', i + 1)) {
    if (isEscaped(m, i)) continue;
    const image = m[i - 1] === '!' && !isEscaped(m, i - 1);
    const close = closingBracket(m, i);
    if (close < 0) continue;
    if (m[close + 1] !== '(') {
      // ![alt][label], ![label][] and ![label]: the definition they use is an image's.
      if (image) {
        const full = /^\[([^\]]*)\]/.exec(m.slice(close + 1));
        imageLabels.add(normalizeLabel(full && full[1] ? full[1] : m.slice(i + 1, close)));
      }
      continue;
    }
    const dest = destination(m, text, close + 2, true);
    if (!dest) continue;
    refs.push({
      start: dest.start, end: dest.end, written: dest.written, syntax: image ? 'markdown image' : 'markdown link',
      context: { kind: 'md-dest', angle: dest.angle }, media: image,
    });
  }

  // [label]: destination "title"   (up to 3 spaces of indent; the destination may be on the next line)
  const def = /^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*(?:\r?\n[ \t]*)?/gm;
  let d: RegExpExecArray | null;
  while ((d = def.exec(m))) {
    const dest = destination(m, text, d.index + d[0].length, false);
    if (!dest) continue;
    refs.push({
      start: dest.start, end: dest.end, written: dest.written, syntax: 'markdown definition',
      context: { kind: 'md-dest', angle: dest.angle }, media: imageLabels.has(normalizeLabel(d[1])),
    });
  }

  // Raw HTML: <img>, <video>, <source>, <a href> … (JSX components in MDX too).
  refs.push(...scanTags(m, text, { css: true }));
  return refs.sort((a, b) => a.start - b.start);
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The ']' closing the '[' at `open` (nested brackets balanced, escapes skipped, no blank line), or -1. */
function closingBracket(m: string, open: number): number {
  let depth = 0;
  for (let i = open; i < m.length; i++) {
    const c = m[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
    else if (c === '\n' && /^\n[ \t]*(\r?\n|$)/.test(m.slice(i, i + 80))) return -1;
  }
  return -1;
}

/**
 * A link destination at `at` (after "(" for inline links): <…> or a bare run with balanced parentheses. For an
 * inline link the whole "(dest "title")" must parse, or it is not a link and nothing is returned.
 */
function destination(m: string, text: string, at: number, inline: boolean): { start: number; end: number; written: string; angle: boolean } | undefined {
  let i = at;
  if (inline) {
    while (m[i] === ' ' || m[i] === '\t') i++;
    if (m[i] === '\r') i++;
    if (m[i] === '\n') { i++; while (m[i] === ' ' || m[i] === '\t') i++; }
  }
  const start = i;
  let end: number;
  let written: string;
  let angle = false;
  if (m[i] === '<') {
    let j = i + 1;
    while (j < m.length && m[j] !== '>' && m[j] !== '<' && m[j] !== '\n') j += m[j] === '\\' ? 2 : 1;
    if (m[j] !== '>') return undefined;
    end = j + 1;
    written = text.slice(start + 1, j);
    angle = true;
  } else {
    let depth = 0;
    let j = i;
    while (j < m.length) {
      const c = m[j];
      if (c === '\\' && j + 1 < m.length && m[j + 1] !== '\n') { j += 2; continue; }
      // eslint-disable-next-line no-control-regex -- a control character ends a link destination (CommonMark)
      if (/[\s\x00-\x1f]/.test(c)) break;
      if (c === '(') depth++;
      else if (c === ')') { if (depth === 0) break; depth--; }
      j++;
    }
    if (depth !== 0 || j === i) return undefined;
    end = j;
    written = text.slice(start, end);
  }
  // What follows: an optional title, then ")" (inline) or the end of the line (definition).
  let k = end;
  while (m[k] === ' ' || m[k] === '\t') k++;
  const afterDest = k;
  if (m[k] === '\r' || m[k] === '\n') { k += m[k] === '\r' && m[k + 1] === '\n' ? 2 : 1; while (m[k] === ' ' || m[k] === '\t') k++; }
  const opener = m[k];
  if ((opener === '"' || opener === "'" || opener === '(') && k > end) {
    const closer = opener === '(' ? ')' : opener;
    let j = k + 1;
    while (j < m.length && m[j] !== closer) j += m[j] === '\\' ? 2 : 1;
    if (j >= m.length) return undefined;
    k = j + 1;
    while (m[k] === ' ' || m[k] === '\t') k++;
  } else if (!(inline && m[k] === ')')) k = afterDest;   // ")" may also come on the next line
  if (inline) return m[k] === ')' ? { start, end, written, angle } : undefined;
  return k >= m.length || m[k] === '\n' || m[k] === '\r' ? { start, end, written, angle } : undefined;
}
