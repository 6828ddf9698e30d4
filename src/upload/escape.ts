// Escaping of placeholder values, chosen by where the placeholder sits in a template, so that file names
// with spaces, brackets, quotes, # ? % or non-ASCII letters still give valid Markdown, HTML, CSS or JS.

/** The syntax a placeholder value lands in. */
export type EscapeContext =
  | 'none'          // plain text: the value as it is
  | 'mdText'        // Markdown link text or image alt: [ ... ]
  | 'mdUrl'         // Markdown link destination: ( ... )
  | 'htmlText'      // HTML element content
  | 'htmlAttr'      // HTML attribute value (quoted or not)
  | 'cssString'     // inside a CSS string: url("...")
  | 'jsString';     // inside a JS/JSON string literal (either quote style)

/** The escaping a language applies outside HTML tags. */
export type EscapeFamily = 'markdown' | 'html' | 'css' | 'js' | 'plain';

// Characters that end or restructure Markdown link text; CommonMark lets any ASCII punctuation be backslash-escaped.
// `*` can start emphasis inside a word; `_` can't (CommonMark), so snake_case names stay readable.
const MD_TEXT_SPECIAL = /[\\[\]<>`*]|&(?=#?[A-Za-z0-9]+;)/g;

export function escapeMarkdownText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(MD_TEXT_SPECIAL, c => '\\' + c);
}

/**
 * A Markdown link destination. A bare destination may not hold spaces, control characters or unbalanced
 * parentheses, so such a URL is wrapped in <…>, where only < > and line breaks must go (percent-encoded).
 */
export function escapeMarkdownUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\s()<>\x00-\x1f\x7f]/.test(value)) return value;
  const inner = value.replace(/[<>\r\n]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return `<${inner}>`;
}

export function escapeHtmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeHtmlAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Content of a CSS string in either quote style (CSS Syntax §4.3.5: backslash escapes, hex for newlines). */
export function escapeCssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'").replace(/\r?\n|\r/g, '\\a ');
}

/**
 * Content of a string literal that is valid both as JSON and as JS in any quote style: JSON escapes, plus
 * ' ` and ${ as \u escapes (valid JSON too), so the value can't end the literal or start an interpolation.
 */
export function escapeJsString(value: string): string {
  return JSON.stringify(value).slice(1, -1)
    .replace(/'/g, '\\u0027').replace(/`/g, '\\u0060').replace(/\$\{/g, '\\u0024{');
}

export function escapeFor(context: EscapeContext, value: string): string {
  switch (context) {
    case 'mdText': return escapeMarkdownText(value);
    case 'mdUrl': return escapeMarkdownUrl(value);
    case 'htmlText': return escapeHtmlText(value);
    case 'htmlAttr': return escapeHtmlAttr(value);
    case 'cssString': return escapeCssString(value);
    case 'jsString': return escapeJsString(value);
    default: return value;
  }
}

/**
 * Decides the context of a placeholder from the template text before it (literal text only; earlier
 * placeholders are left out because their values can't change the structure once escaped).
 */
export function contextAt(before: string, family: EscapeFamily): EscapeContext {
  if (family === 'plain') return 'none';
  // Inside an HTML tag (a '<' followed by a letter, with no '>' since): attribute context, in any family.
  const lt = lastTagOpen(before);
  if (lt >= 0 && before.indexOf('>', lt) < 0) return 'htmlAttr';
  switch (family) {
    case 'html': return 'htmlText';
    case 'css': return 'cssString';
    case 'js': return 'jsString';
    case 'markdown': return markdownContext(before);
  }
}

function lastTagOpen(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === '<' && /[A-Za-z]/.test(text[i + 1] ?? '')) return i;
  }
  return -1;
}

/** In Markdown: after an unclosed "](" the value is a destination; otherwise text (link text, alt or prose). */
function markdownContext(before: string): EscapeContext {
  const open = before.lastIndexOf('](');
  if (open >= 0 && before.indexOf(')', open) < 0) return 'mdUrl';
  return 'mdText';
}
