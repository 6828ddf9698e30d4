// JSX and TSX: string src, poster and srcSet attributes (src="./a.png", src={'./a.png'}); comments masked.
import { blankCComments } from './mask';
import { srcsetCandidates } from './syntax-html';
import type { RawRef } from './types';

export function scanJsx(text: string): RawRef[] {
  const units = text.split('');
  blankCComments(units, { lineComments: true, templates: true });
  const m = units.join('');
  const refs: RawRef[] = [];
  const attr = /(?<=[\s{])(src|poster|srcSet)\s*=\s*(\{\s*)?(["'])/g;
  let a: RegExpExecArray | null;
  while ((a = attr.exec(m))) {
    const quote = a[3] as '"' | "'";
    const start = a.index + a[0].length;
    let end = start;
    while (end < m.length && m[end] !== quote && m[end] !== '\n') end += a[2] && m[end] === '\\' ? 2 : 1;
    if (m[end] !== quote) continue;
    if (a[2] && !/^\s*\}/.test(m.slice(end + 1, end + 40))) continue;   // {'a' + b}: an expression, not a string
    const expr = !!a[2];
    const name = a[1];
    if (name === 'srcSet') {
      for (const c of srcsetCandidates(m, start, end)) {
        refs.push({ start: c.start, end: c.end, written: text.slice(c.start, c.end), syntax: 'jsx srcSet', context: { kind: 'srcset', quote }, media: true });
      }
    } else {
      refs.push({
        start, end, written: text.slice(start, end), syntax: name === 'src' ? 'jsx src' : 'jsx poster',
        context: { kind: 'jsx-attr', quote, expr }, media: true,
      });
    }
    attr.lastIndex = end + 1;
  }
  return refs;
}
