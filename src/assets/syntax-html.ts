// HTML tags (pages, Vue/Svelte/Astro templates, raw HTML in Markdown): src, each srcset candidate, poster, and
// href to a media file; style="…" and <style> blocks go through the CSS scanner.
import { blank, blankBetween } from './mask';
import { scanCss } from './syntax-css';
import type { Quote, RawRef } from './types';

/** Tags whose src is code or a page, not media. */
const SRC_NOT_MEDIA = new Set(['script', 'iframe', 'frame', 'track', 'input']);

export interface Attribute {
  name: string;
  /** Offsets of the value inside its quotes. */
  start: number;
  end: number;
  quote: Quote;
}

export interface Tag {
  name: string;
  attributes: Attribute[];
  /** Offset just past the tag's '>'. */
  end: number;
}

/** Every start tag in the (masked) text, with its attributes parsed the way a browser tokenizes them. */
export function* startTags(m: string): Generator<Tag> {
  const re = /<([A-Za-z][A-Za-z0-9:._-]*)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(m))) {
    const attributes: Attribute[] = [];
    let i = match.index + match[0].length;
    const n = m.length;
    for (;;) {
      while (i < n && /\s/.test(m[i])) i++;
      if (i >= n || m[i] === '>' || m[i] === '<') break;
      if (m[i] === '/') { i++; continue; }
      const nameStart = i;
      while (i < n && !/[\s"'>/=<]/.test(m[i])) i++;
      const name = m.slice(nameStart, i);
      if (!name) { i++; continue; }
      let j = i;
      while (j < n && /\s/.test(m[j])) j++;
      if (m[j] !== '=') continue;
      j++;
      while (j < n && /\s/.test(m[j])) j++;
      const q = m[j];
      if (q === '"' || q === "'") {
        const close = m.indexOf(q, j + 1);
        if (close < 0) { i = n; break; }
        attributes.push({ name, start: j + 1, end: close, quote: q });
        i = close + 1;
      } else {
        let k = j;
        while (k < n && !/[\s>"'`=<]/.test(m[k])) k++;
        if (k > j) attributes.push({ name, start: j, end: k, quote: '' });
        i = k;
      }
    }
    re.lastIndex = Math.max(re.lastIndex, i);
    yield { name: match[1], attributes, end: m[i] === '>' ? i + 1 : i };
  }
}

/** The URL ranges of a srcset value (HTML §4.8.4.3.10: candidates split by commas, URL then descriptors). */
export function srcsetCandidates(m: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = start;
  while (i < end) {
    while (i < end && (/\s/.test(m[i]) || m[i] === ',')) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !/\s/.test(m[i])) i++;
    let e = i;
    let trailingComma = false;
    while (e > s && m[e - 1] === ',') { e--; trailingComma = true; }
    if (e > s) out.push({ start: s, end: e });
    if (trailingComma) continue;
    // Descriptors ("2x", "640w") up to the next comma outside parentheses.
    let depth = 0;
    while (i < end && !(m[i] === ',' && depth === 0)) {
      if (m[i] === '(') depth++;
      else if (m[i] === ')') depth = Math.max(0, depth - 1);
      i++;
    }
  }
  return out;
}

/** References in the tags of a (masked) text. `css`: also scan style="…" attributes. */
export function scanTags(m: string, text: string, opts: { css: boolean }): RawRef[] {
  const refs: RawRef[] = [];
  for (const tag of startTags(m)) {
    const tagName = tag.name.toLowerCase();
    for (const a of tag.attributes) {
      const name = a.name.toLowerCase();
      const written = text.slice(a.start, a.end);
      if (!a.quote && written.startsWith('{')) continue;   // src={…} (JSX, Svelte, Astro): an expression
      const context = { kind: 'html-attr' as const, quote: a.quote };
      if (name === 'src' && !SRC_NOT_MEDIA.has(tagName)) {
        refs.push({ start: a.start, end: a.end, written, syntax: tagName === 'img' ? 'img src' : 'src', context, media: true });
      } else if (name === 'poster') {
        refs.push({ start: a.start, end: a.end, written, syntax: 'poster', context, media: true });
      } else if (name === 'href' && tagName !== 'base') {
        refs.push({ start: a.start, end: a.end, written, syntax: 'href', context, media: false });
      } else if (name === 'srcset') {
        for (const c of srcsetCandidates(m, a.start, a.end)) {
          refs.push({ start: c.start, end: c.end, written: text.slice(c.start, c.end), syntax: 'srcset', context: { kind: 'srcset', quote: a.quote }, media: true });
        }
      } else if (name === 'style' && opts.css && a.quote) {
        refs.push(...scanCss(m, text, { lineComments: false, from: a.start, to: a.end, outer: a.quote }));
      }
    }
  }
  return refs;
}

/**
 * An HTML-like document (HTML, Vue, Svelte, Astro): comments, scripts and Astro frontmatter are masked;
 * tags are scanned; <style> blocks go through the CSS scanner (with // comments for lang="scss"/"less").
 */
export function scanHtmlDocument(text: string): RawRef[] {
  // UTF-16 units, not code points, so offsets in the copy are offsets in the text.
  const units = text.split('');
  blankBetween(units, '<!--', '-->');
  const fm = /^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/.exec(text);   // Astro frontmatter (code)
  if (fm) blank(units, 0, fm[0].length);
  let m = units.join('');
  const styles: { start: number; end: number; scss: boolean }[] = [];
  for (const block of blocks(m, 'script')) blank(units, block.start, block.end);
  for (const block of blocks(m, 'style')) styles.push(block);
  // Tag scanning must not see CSS as tags: blank styles in the copy the tag scanner reads.
  const forTags = [...units];
  for (const s of styles) blank(forTags, s.start, s.end);
  m = units.join('');
  const refs = scanTags(forTags.join(''), text, { css: true });
  for (const s of styles) refs.push(...scanCss(m, text, { lineComments: s.scss, from: s.start, to: s.end }));
  return refs;
}

/** The contents of each <tag …>…</tag> block; scss: its lang says a // comment syntax. */
function blocks(m: string, tag: string): { start: number; end: number; scss: boolean }[] {
  const out: { start: number; end: number; scss: boolean }[] = [];
  const open = new RegExp(`<${tag}\\b([^>]*)>`, 'gi');
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  let o: RegExpExecArray | null;
  while ((o = open.exec(m))) {
    const start = o.index + o[0].length;
    close.lastIndex = start;
    const c = close.exec(m);
    const end = c ? c.index : m.length;
    out.push({ start, end, scss: /lang\s*=\s*["']?(scss|less|sass)/i.test(o[1]) });
    open.lastIndex = c ? c.index + c[0].length : m.length;
  }
  return out;
}
