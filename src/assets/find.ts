// The finder: every reference a document makes to a local or remote media file, with its exact range and the
// file it resolves to. Code, comments, anchors and template expressions are never reported.
import { extname } from 'node:path';
import { LineIndex } from './positions';
import { scanCss } from './syntax-css';
import { scanHtmlDocument } from './syntax-html';
import { scanJsx } from './syntax-jsx';
import { maskMarkdown, scanMarkdown } from './syntax-markdown';
import { classify, decodeBackslashes, decodeEntities, decodeMarkdown, isMediaPath, resolvePath } from './target';
import type { AssetReference, RawRef } from './types';

export type DocumentSyntax = 'markdown' | 'mdx' | 'html' | 'css' | 'scss' | 'jsx';

const BY_LANGUAGE: Record<string, DocumentSyntax> = {
  markdown: 'markdown', mdx: 'mdx', html: 'html', xhtml: 'html', vue: 'html', svelte: 'html', astro: 'html',
  css: 'css', scss: 'scss', less: 'scss', javascriptreact: 'jsx', typescriptreact: 'jsx',
};

const BY_EXTENSION: Record<string, DocumentSyntax> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdown': 'markdown', '.mkd': 'markdown', '.mdx': 'mdx',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.vue': 'html', '.svelte': 'html', '.astro': 'html',
  '.css': 'css', '.scss': 'scss', '.less': 'scss', '.jsx': 'jsx', '.tsx': 'jsx',
};

/** The syntax of a document by its VS Code language id, else by its file extension; undefined: not supported. */
export function syntaxOf(documentPath: string, languageId?: string): DocumentSyntax | undefined {
  return (languageId && BY_LANGUAGE[languageId]) || BY_EXTENSION[extname(documentPath).toLowerCase()];
}

export interface FindOptions {
  /** The document's absolute path: relative paths resolve from its folder. */
  documentPath: string;
  /** A leading '/' resolves from here (the workspace folder); without it such paths are not resolved. */
  workspaceFolder?: string;
  /** A VS Code language id; else the syntax follows the file extension. */
  languageId?: string;
  syntax?: DocumentSyntax;
}

function scan(text: string, syntax: DocumentSyntax): RawRef[] {
  switch (syntax) {
    case 'markdown': return scanMarkdown(text, false);
    case 'mdx': return [...scanMarkdown(text, true), ...scanJsx(maskedForJsx(maskMarkdown(text, true)))];
    case 'html': return scanHtmlDocument(text);
    case 'css': return scanCss(text, text, { lineComments: false });
    case 'scss': return scanCss(text, text, { lineComments: true });
    case 'jsx': return scanJsx(text);
  }
}

/** MDX: only the {expression} attributes are JSX's; plain string ones were found as HTML. */
function maskedForJsx(text: string): string {
  return text.replace(/(src|poster|srcSet)(\s*=\s*)(["'])/g, (all) => ' '.repeat(all.length));
}

/** The target as the syntax means it: escapes and entities decoded. */
function decodeWritten(r: RawRef): string {
  switch (r.context.kind) {
    case 'md-dest': return decodeMarkdown(r.written);
    case 'html-attr': case 'srcset': return decodeEntities(r.written);
    case 'css': return decodeBackslashes(r.written);
    case 'jsx-attr': return r.context.expr ? decodeBackslashes(r.written) : decodeEntities(r.written);
  }
}

/**
 * The media references of a document, in document order: local ones with their resolved file, and remote ones
 * (so they can be counted and left alone). Links and hrefs count only when they name a media file.
 */
export function findAssetReferences(text: string, opts: FindOptions): AssetReference[] {
  const syntax = opts.syntax ?? syntaxOf(opts.documentPath, opts.languageId);
  if (!syntax) return [];
  const lines = new LineIndex(text);
  const out: AssetReference[] = [];
  const seen = new Set<number>();
  for (const r of scan(text, syntax).sort((a, b) => a.start - b.start)) {
    if (seen.has(r.start)) continue;
    const decoded = decodeWritten(r);
    const c = classify(decoded);
    if (c.class === 'skip') continue;
    if (c.class === 'remote') {
      if (!r.media && !isMediaPath(r.written.split(/[?#]/)[0])) continue;
    } else if (!r.media && !isMediaPath(c.path)) continue;
    seen.add(r.start);
    const range = { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
    if (c.class === 'remote') {
      out.push({ ...r, class: 'remote', url: decoded.trim(), document: opts.documentPath, range });
    } else {
      out.push({
        ...r, class: 'local', path: c.path, query: c.query, fragment: c.fragment, document: opts.documentPath, range,
        resolved: resolvePath(c.path, opts.documentPath, opts.workspaceFolder),
      });
    }
  }
  return out;
}
