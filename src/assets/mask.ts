// Masking: the parts of a document that must never be touched (code, comments, scripts) are overwritten with
// spaces in a copy of the text, so every offset in the copy is still an offset in the document and the scanners
// can simply not see them. Line breaks are kept, so line-based rules still work.

/** Replaces text[start, end) with spaces, keeping line breaks. */
export function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** Blanks every match of `open` up to the next `close` (to the end when unclosed), in the masked copy. */
export function blankBetween(chars: string[], open: string, close: string): void {
  const text = chars.join('');
  let i = text.indexOf(open);
  while (i >= 0) {
    const j = text.indexOf(close, i + open.length);
    const end = j < 0 ? text.length : j + close.length;
    blank(chars, i, end);
    i = text.indexOf(open, end);
  }
}

/**
 * C-like comments (/* *\/ and, with `lineComments`, // to the end of the line), skipping strings.
 * `skipUrl`: CSS url(…) bodies are not comments even when they hold '//' (url(//cdn/x.png)).
 */
export function blankCComments(chars: string[], opts: { lineComments: boolean; skipUrl?: boolean; templates?: boolean }): void {
  const n = chars.length;
  let i = 0;
  while (i < n) {
    const c = chars[i];
    if (c === '"' || c === "'" || (c === '`' && opts.templates)) {
      // A string ends at its quote; plain strings also at a line break (an apostrophe in JSX text is not a string).
      i++;
      while (i < n && chars[i] !== c && !(c !== '`' && chars[i] === '\n')) i += chars[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '/' && chars[i + 1] === '*') {
      let j = i + 2;
      while (j < n && !(chars[j] === '*' && chars[j + 1] === '/')) j++;
      blank(chars, i, Math.min(n, j + 2));
      i = j + 2;
      continue;
    }
    if (c === '/' && chars[i + 1] === '/' && opts.lineComments && chars[i - 1] !== ':') {
      let j = i;
      while (j < n && chars[j] !== '\n') j++;
      blank(chars, i, j);
      i = j;
      continue;
    }
    if (opts.skipUrl && (c === 'u' || c === 'U') && /^url\(/i.test(chars.slice(i, i + 4).join('')) && !/[\w-]/.test(chars[i - 1] ?? '')) {
      let j = i + 4;
      while (j < n && chars[j] !== ')' && chars[j] !== '\n') j++;
      i = j;
      continue;
    }
    i++;
  }
}
