// Default reference templates per VS Code language id, and the placeholder renderer.
import { contextAt, escapeFor, type EscapeFamily } from './escape';

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'other';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'audio', 'document', 'other'];

/** Templates a user sets: per language id (or '*' for any language), per kind. */
export type TemplateOverrides = Record<string, Partial<Record<MediaKind, string>>>;

export const PLACEHOLDERS = ['url', 'wixUri', 'id', 'name', 'width', 'height', 'mimeType', 'mediaType', 'alt'] as const;
export type Placeholder = typeof PLACEHOLDERS[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const LANGUAGE_FAMILIES: Record<Exclude<EscapeFamily, 'plain'>, readonly string[]> = {
  markdown: ['markdown', 'mdx', 'quarto', 'rmd', 'rmarkdown'],
  // Languages whose documents are mostly HTML markup.
  html: [
    'html', 'xhtml', 'vue', 'vue-html', 'svelte', 'astro', 'php', 'handlebars', 'razor', 'aspnetcorerazor', 'erb',
    'django-html', 'jinja', 'jinja-html', 'twig', 'liquid', 'nunjucks', 'blade', 'ejs', 'edge',
  ],
  css: ['css', 'scss', 'less', 'sass', 'stylus', 'postcss'],
  js: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'json5'],
};

/** Every language with a reference template of its own (paste and drop are offered in these, and plain text). */
export const TEMPLATE_LANGUAGES: readonly string[] = Object.values(LANGUAGE_FAMILIES).flat();

const FAMILY_OF = new Map<string, EscapeFamily>();
for (const [family, ids] of Object.entries(LANGUAGE_FAMILIES)) for (const id of ids) FAMILY_OF.set(id, family as EscapeFamily);

/** The escaping family of a language id; unknown languages get plain text (the bare URL). */
export function languageFamily(languageId: string): EscapeFamily {
  return FAMILY_OF.get(languageId) ?? 'plain';
}

type KindTemplates = Record<MediaKind, string>;

const HTML_TAGS = {
  video: '<video src="${url}" controls></video>',
  audio: '<audio src="${url}" controls></audio>',
};

const MARKDOWN: KindTemplates = {
  image: '![${alt}](${url})',
  ...HTML_TAGS,
  document: '[${name}](${url})',
  other: '[${name}](${url})',
};

const HTML: KindTemplates = {
  image: '<img src="${url}" alt="${alt}" width="${width}" height="${height}">',
  ...HTML_TAGS,
  document: '<a href="${url}">${name}</a>',
  other: '<a href="${url}">${name}</a>',
};
/** Used instead of HTML.image when the size is not known (no empty width=""). */
const HTML_IMAGE_NO_SIZE = '<img src="${url}" alt="${alt}">';

const all = (t: string): KindTemplates => ({ image: t, video: t, audio: t, document: t, other: t });

const DEFAULTS: Record<EscapeFamily, KindTemplates> = {
  markdown: MARKDOWN,
  html: HTML,
  css: all('url("${url}")'),
  js: all('"${url}"'),
  plain: all('${url}'),
};

/** The built-in template for a language and kind; `sized` says whether width and height are known. */
export function defaultTemplate(languageId: string, kind: MediaKind, sized = true): string {
  const family = languageFamily(languageId);
  if (family === 'html' && kind === 'image' && !sized) return HTML_IMAGE_NO_SIZE;
  return DEFAULTS[family][kind];
}

/** The user's template for this language and kind, else the '*' one, else undefined. */
export function userTemplate(overrides: TemplateOverrides | undefined, languageId: string, kind: MediaKind): string | undefined {
  if (!overrides) return undefined;
  const own = overrides[languageId]?.[kind];
  if (typeof own === 'string') return own;
  const any = overrides['*']?.[kind];
  return typeof any === 'string' ? any : undefined;
}

const PLACEHOLDER_RE = /\$\{([A-Za-z]+)\}/g;
const KNOWN = new Set<string>(PLACEHOLDERS);

/**
 * Fills `${name}` placeholders, escaping each value for where it sits (see escape.ts). Unknown placeholders
 * stay as written, so a typo shows up in the output; known ones without a value become empty.
 */
export function renderTemplate(template: string, values: PlaceholderValues, family: EscapeFamily): string {
  let out = '';
  let literal = '';     // template text so far without placeholder values: what decides the context
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    const text = template.slice(last, m.index);
    out += text;
    literal += text;
    last = m.index! + m[0].length;
    const key = m[1];
    if (!KNOWN.has(key)) {
      out += m[0];
      literal += m[0];
      continue;
    }
    out += escapeFor(contextAt(literal, family), values[key as Placeholder] ?? '');
  }
  return out + template.slice(last);
}

/** Problems with a user template, for settings validation: unknown placeholders. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    if (!KNOWN.has(m[1])) problems.push(`unknown placeholder \${${m[1]}} (known: ${PLACEHOLDERS.map(p => '${' + p + '}').join(', ')})`);
  }
  return problems;
}
