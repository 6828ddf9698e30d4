// CSS, SCSS and Less: url(…) quoted or not, and the bare strings of image-set(…). Comments are masked;
// @import url(…) and stylesheets are not assets.
import { blank, blankCComments } from './mask';
import type { Quote, RawRef } from './types';

export interface CssScanOptions {
  /** SCSS/Less: // starts a comment. */
  lineComments: boolean;
  /** The region to scan (default: all). */
  from?: number;
  to?: number;
  /** The quote of an HTML style="…" attribute the CSS sits in. */
  outer?: Quote;
}

/** `m` is the text with code already masked; `text` the document. Offsets are the document's. */
export function scanCss(m: string, text: string, opts: CssScanOptions): RawRef[] {
  const from = opts.from ?? 0;
  const to = opts.to ?? m.length;
  const units = m.split('');
  blank(units, 0, from);
  blank(units, to, units.length);
  const region = units.slice(from, to);
  blankCComments(region, { lineComments: opts.lineComments, skipUrl: true });
  for (let i = 0; i < region.length; i++) units[from + i] = region[i];
  const c = units.join('');
  const refs: RawRef[] = [];

  // "url(x.png)" inside a string (content: "…") is text, not a reference.
  const strings = stringSpans(c);
  const inString = (i: number) => strings.some(([s, e]) => i > s && i < e);
  const url = /(?<![\w-])url\(\s*/gi;
  let u: RegExpExecArray | null;
  while ((u = url.exec(c))) {
    if (inString(u.index)) continue;
    const at = u.index + u[0].length;
    const q = c[at];
    let start: number, end: number, after: number, quote: Quote;
    if (q === '"' || q === "'") {
      const close = stringEnd(c, at);
      if (close < 0) continue;
      start = at + 1; end = close; after = close + 1; quote = q;
    } else {
      let k = at;
      while (k < c.length && !/[\s)'"(]/.test(c[k])) k++;
      start = at; end = k; after = k; quote = '';
    }
    while (after < c.length && /\s/.test(c[after])) after++;
    if (c[after] !== ')' || end <= start) continue;
    if (/@import\s*$/i.test(c.slice(Math.max(0, u.index - 40), u.index))) continue;
    const written = text.slice(start, end);
    if (/\.(css|scss|less|sass)(?:[?#]|$)/i.test(written)) continue;
    refs.push({ start, end, written, syntax: 'css url()', context: { kind: 'css', quote, outer: opts.outer }, media: true });
  }

  // image-set("a.png" 1x, url(b.png) 2x): the url() ones are above; here the bare strings.
  const set = /(?<![\w-])(?:-webkit-)?image-set\(/gi;
  let s: RegExpExecArray | null;
  while ((s = set.exec(c))) {
    if (inString(s.index)) continue;
    let depth = 1;
    let i = s.index + s[0].length;
    let prev = '(';
    while (i < c.length && depth > 0) {
      const ch = c[i];
      if (ch === '"' || ch === "'") {
        const close = stringEnd(c, i);
        if (close < 0) break;
        if (depth === 1 && (prev === '(' || prev === ',')) {
          refs.push({
            start: i + 1, end: close, written: text.slice(i + 1, close), syntax: 'css image-set()',
            context: { kind: 'css', quote: ch, outer: opts.outer }, media: true,
          });
        }
        i = close + 1;
        prev = ch;
        continue;
      }
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (!/\s/.test(ch)) prev = ch;
      i++;
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

/** [open quote, close quote] of every string literal outside url(…) bodies. */
function stringSpans(c: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < c.length; i++) {
    const ch = c[i];
    if ((ch === 'u' || ch === 'U') && /^url\(/i.test(c.slice(i, i + 4)) && !/[\w-]/.test(c[i - 1] ?? '')) {
      // An unquoted url() body may hold quotes-free text only; a quoted one is a string like any other.
      let j = i + 4;
      while (/\s/.test(c[j] ?? '')) j++;
      if (c[j] !== '"' && c[j] !== "'") { while (j < c.length && c[j] !== ')' && c[j] !== '\n') j++; i = j; continue; }
      i = j - 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = stringEnd(c, i);
      if (close < 0) continue;
      spans.push([i, close]);
      i = close;
    }
  }
  return spans;
}

/** The offset of the quote that closes the string opening at `at`, or -1 (a line break ends a CSS string). */
function stringEnd(c: string, at: number): number {
  const q = c[at];
  for (let i = at + 1; i < c.length; i++) {
    if (c[i] === '\\') { i++; continue; }
    if (c[i] === q) return i;
    if (c[i] === '\n') return -1;
  }
  return -1;
}
