// The rewrite: each reference's replacement, written the way its context needs, and the text edits.
import { escapeCssString, escapeHtmlAttr, escapeJsString, escapeMarkdownUrl } from '../upload/escape';
import { staticUrl, wixUri } from '../upload/reference';
import type { FileDescriptor } from '../wix/types';
import type { AssetReference, Quote } from './types';

/** url: the static URL (works anywhere); wix: the wix:image:// (etc.) URI where the file has one (Velo, Wix sites). */
export type AssetStyle = 'url' | 'wix';

/** The link target for an uploaded file; a wix: URI needs the file processed (READY), else the static URL. */
export function targetFor(d: FileDescriptor, style: AssetStyle): string {
  return (style === 'wix' && wixUri(d)) || staticUrl(d);
}

/**
 * The replacement text for a reference's range. The #fragment of a URL-style target is kept (media fragments,
 * SVG ids); the ?query of a local file (cache busting) means nothing on Wix and is dropped.
 */
export function replacementFor(ref: AssetReference, target: string): string {
  const url = ref.fragment !== undefined && !target.includes('#') && !target.startsWith('wix:') ? `${target}#${ref.fragment}` : target;
  const c = ref.context;
  switch (c.kind) {
    case 'md-dest': return escapeMarkdownUrl(url);
    case 'html-attr': return c.quote ? escapeHtmlAttr(url) : /[\s"'=<>`]/.test(url) ? `"${escapeHtmlAttr(url)}"` : url.replace(/&/g, '&amp;');
    // A srcset URL can't hold whitespace or start/end with a comma: percent-encode them.
    case 'srcset': return escapeHtmlAttr(url.replace(/[\s,]/g, ch => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')));
    case 'css': {
      if (c.quote) return inAttr(escapeCssString(url), c.outer);
      if (!/[\s"'()\\]/.test(url)) return inAttr(url, c.outer);
      const q = c.outer === '"' ? "'" : '"';
      return `${q}${inAttr(escapeCssString(url), c.outer)}${q}`;
    }
    case 'jsx-attr':
      if (c.expr) return escapeJsString(url);
      return url.replace(/&/g, '&amp;').replace(c.quote === '"' ? /"/g : /'/g, ch => (ch === '"' ? '&quot;' : '&#39;'));
  }
}

/** CSS inside an HTML style="…": the attribute's own escaping on top. */
function inAttr(css: string, outer: Quote | undefined): string {
  return outer ? escapeHtmlAttr(css) : css;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  ref: AssetReference;
}

/** The edits for the references that have a target (the others are left as they are), in document order. */
export function rewriteEdits(refs: readonly AssetReference[], targetOf: (ref: AssetReference) => string | undefined): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const ref of refs) {
    const target = targetOf(ref);
    if (target === undefined) continue;
    edits.push({ start: ref.start, end: ref.end, newText: replacementFor(ref, target), ref });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Applies non-overlapping edits to the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let last = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < last) throw new Error(`Overlapping edits at offset ${e.start}.`);
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}
