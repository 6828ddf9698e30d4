// Turns an uploaded file's descriptor into the text inserted into a document: a URL, Markdown, HTML, CSS, a JS
// string, or a wix: URI, by per-language templates (templates.ts) with per-context escaping (escape.ts).
import { lookup } from 'mime-types';
import type { FileDescriptor, WixImage } from '../wix/types';
import {
  defaultTemplate, languageFamily, renderTemplate, userTemplate,
  type MediaKind, type PlaceholderValues, type TemplateOverrides,
} from './templates';

export type { MediaKind, TemplateOverrides } from './templates';

export interface ReferenceOptions {
  /** A VS Code language id (markdown, html, css, typescript, …); unknown ones get the bare URL. */
  languageId: string;
  /** 'wixUri': ${url} becomes the wix: URI where the file has one (Velo); default 'url'. */
  style?: 'url' | 'wixUri';
  /** Overrides the descriptor's displayName for ${name}. */
  name?: string;
  /** Overrides ${alt}; default the image's altText, else the name without its extension. */
  alt?: string;
  templates?: TemplateOverrides;
}

/** How the file is shown: vectors (SVG) are images; archives, 3D models and unknowns are 'other'. */
export function mediaKindOf(d: FileDescriptor): MediaKind {
  switch (d.mediaType) {
    case 'IMAGE': case 'VECTOR': return 'image';
    case 'VIDEO': return 'video';
    case 'AUDIO': return 'audio';
    case 'DOCUMENT': return 'document';
  }
  // A descriptor whose type isn't settled yet: go by the media it carries.
  const m = d.media;
  if (m?.image || m?.vector) return 'image';
  if (m?.video) return 'video';
  if (m?.audio) return 'audio';
  if (m?.document) return 'document';
  return 'other';
}

function fileNameOf(d: FileDescriptor, mediaFilename?: string | null): string {
  return mediaFilename || d.displayName || '';
}

/** The name part of a wix: URI: URI-encoded; omitted (with its slash) when there is none (Wix's WixMedia URI format; see test/emulator/README.md). */
function namePart(name: string): string {
  return name ? '/' + encodeURIComponent(name) : '';
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

/** The poster the SDK uses: the 2nd one when there are several, else the 1st (@wix/sdk media helpers). */
function posterOf(posters: WixImage[] | undefined): WixImage | undefined {
  if (!posters?.length) return undefined;
  return posters.length > 1 ? posters[1] : posters[0];
}

function posterId(p: WixImage): string {
  if (p.id) return p.id;
  const path = (p.url ?? '').split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The WixMedia URI of a file, as the Wix SDK builds it from REST objects (Wix's WixMedia URI format), or undefined when the file has
 * none (archives, 3D models, other) or its media isn't known yet (an image without width/height: wait for READY).
 */
export function wixUri(d: FileDescriptor): string | undefined {
  const m = d.media ?? undefined;
  switch (d.mediaType) {
    case 'IMAGE': {
      const img = m?.image?.image;
      if (!img || !isSize(img.width) || !isSize(img.height)) return undefined;
      const name = img.filename || img.altText || d.displayName || '';
      return `wix:image://v1/${d.id}${namePart(name)}#originWidth=${img.width}&originHeight=${img.height}`;
    }
    case 'VIDEO': {
      const v = m?.video;
      const base = `wix:video://v1/${d.id}${namePart(fileNameOf(d, v?.filename))}`;
      const poster = posterOf(v?.posters);
      if (!poster) return base;
      return `${base}#posterUri=${posterId(poster)}&posterWidth=${poster.width}&posterHeight=${poster.height}`;
    }
    case 'AUDIO': {
      const a = m?.audio;
      const name = fileNameOf(d, a?.assets?.[0]?.filename);
      return `wix:audio://v1/${d.id}${namePart(name)}#duration=${a?.duration ?? 0}`;
    }
    case 'DOCUMENT':
      return `wix:document://v1/${d.id}${namePart(fileNameOf(d, m?.document?.filename))}`;
    case 'VECTOR':
      return `wix:vector://v1/${d.id}${namePart(fileNameOf(d, m?.vector?.image?.filename))}`;
    default:
      return undefined;
  }
}

/** The static URL: the descriptor's url, else the url its media carries. */
export function staticUrl(d: FileDescriptor): string {
  if (d.url) return d.url;
  const m = d.media;
  return m?.image?.image?.url || m?.vector?.image?.url || m?.video?.url || m?.video?.resolutions?.[0]?.url
    || m?.audio?.assets?.[0]?.url || m?.document?.url || m?.archive?.url || m?.model3d?.url || '';
}

/** Pixel size where the file has one: images and vectors, else a video's largest rendition or its poster. */
export function sizeOf(d: FileDescriptor): { width: number; height: number } | undefined {
  const m = d.media;
  const img = m?.image?.image ?? m?.vector?.image;
  if (img && isSize(img.width) && isSize(img.height)) return { width: img.width, height: img.height };
  const res = m?.video?.resolutions?.filter(r => isSize(r.width) && isSize(r.height)) ?? [];
  if (res.length) {
    const best = res.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { width: best.width, height: best.height };
  }
  return undefined;
}

/** 'hero.png' -> 'hero'; a leading dot alone is not an extension ('.env' stays). */
export function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Every placeholder's value for a descriptor (unescaped). */
export function placeholderValues(d: FileDescriptor, opts: Omit<ReferenceOptions, 'languageId' | 'templates'> = {}): PlaceholderValues {
  const name = opts.name ?? d.displayName ?? '';
  const uri = wixUri(d);
  const url = staticUrl(d);
  const size = sizeOf(d);
  const altText = d.media?.image?.image?.altText ?? d.media?.vector?.image?.altText;
  return {
    url: opts.style === 'wixUri' && uri ? uri : url,
    wixUri: uri ?? '',
    id: d.id,
    name,
    width: size ? String(size.width) : '',
    height: size ? String(size.height) : '',
    mimeType: lookup(name) || lookup(d.id) || '',
    mediaType: d.mediaType,
    alt: opts.alt ?? (altText || stripExtension(name)),
  };
}

/** The reference text for a file in a document of the given language. */
export function formatReference(d: FileDescriptor, opts: ReferenceOptions): string {
  const kind = mediaKindOf(d);
  const values = placeholderValues(d, opts);
  const template = userTemplate(opts.templates, opts.languageId, kind)
    ?? defaultTemplate(opts.languageId, kind, values.width !== '' && values.height !== '');
  return renderTemplate(template, values, languageFamily(opts.languageId));
}
