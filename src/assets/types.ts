// What the asset finder reports: each place a document refers to a file, with its exact range and how the text
// there must be written (the syntax around it decides the escaping of a replacement).

/** How the replaceable text is written, so a replacement can be escaped for it. */
export type RefContext =
  /** A Markdown link/image destination or definition; `angle`: written as <…> (the range includes the brackets). */
  | { kind: 'md-dest'; angle: boolean }
  /** An HTML attribute value; the range is inside the quotes ('' = unquoted). */
  | { kind: 'html-attr'; quote: Quote }
  /** One candidate URL inside a srcset value (quote: the attribute's). */
  | { kind: 'srcset'; quote: Quote }
  /** A CSS url(…) or image-set string; the range is inside the quotes. `outer`: the quote of an HTML style="…" around it. */
  | { kind: 'css'; quote: Quote; outer?: Quote }
  /** A JSX attribute: a plain string (`expr` false, HTML-like) or a JS string literal in {…}. */
  | { kind: 'jsx-attr'; quote: Quote; expr: boolean };

export type Quote = '"' | "'" | '';

/** Where the reference was found, for people: 'markdown image', 'img src', 'css url()', … */
export type RefSyntax =
  | 'markdown image' | 'markdown link' | 'markdown definition'
  | 'img src' | 'src' | 'srcset' | 'poster' | 'href' | 'css url()' | 'css image-set()' | 'jsx src' | 'jsx poster' | 'jsx srcSet';

/** A reference as the syntax scanner sees it, before it is classified. */
export interface RawRef {
  /** UTF-16 offsets of the replaceable text in the document. */
  start: number;
  end: number;
  /** The target as written (without <> or quotes), still escaped for its syntax. */
  written: string;
  syntax: RefSyntax;
  context: RefContext;
  /** True where any file is media (an image, src, url()); false for links, which count only when the file is. */
  media: boolean;
}

/**
 * local: a path to a file on this machine. remote: http(s):, data:, //host. The rest are left alone and not
 * reported: anchors (#id), other schemes (mailto:, wix:), template expressions ({{ }}, ${ }), bundler aliases (~, @/).
 */
export type RefClass = 'local' | 'remote';

export interface Position {
  /** 0-based line and UTF-16 character, as in VS Code. */
  line: number;
  character: number;
}

export interface AssetReference extends RawRef {
  class: RefClass;
  /** Remote refs: the URL as the syntax means it (escapes and entities decoded). */
  url?: string;
  /** The path, decoded (escapes, entities, percent-encoding) and without ?query/#fragment. Local refs only. */
  path?: string;
  query?: string;
  fragment?: string;
  /** The absolute file the path names (not checked to exist). Undefined for remote refs and for a leading '/' without a workspace folder. */
  resolved?: string;
  /** The document it was found in (as given to the finder). */
  document: string;
  range: { start: Position; end: Position };
}
