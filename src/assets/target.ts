// Decoding and classifying a written target: remote or local, the path without its ?query/#fragment,
// percent-decoded, and the absolute file it names.
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, resolve, dirname, win32 } from 'node:path';

/** File extensions that make a link (Markdown link, href) a link to a media file. */
export const MEDIA_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'jfif', 'gif', 'webp', 'avif', 'svg', 'bmp', 'ico', 'tif', 'tiff', 'heic', 'heif',
  'mp4', 'm4v', 'webm', 'mov', 'ogv', 'avi', 'mkv', 'mpg', 'mpeg', 'wmv', 'flv',
  'mp3', 'wav', 'ogg', 'oga', 'm4a', 'aac', 'flac', 'opus', 'weba',
  'pdf',
]);

export function extensionOf(path: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
  return m ? m[1].toLowerCase() : '';
}

export function isMediaPath(path: string): boolean {
  return MEDIA_EXTENSIONS.has(extensionOf(path));
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML character references (named ones that occur in paths, and numeric ones). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED_ENTITIES[body] ?? all;
  });
}

/** Markdown: backslash before ASCII punctuation, then entities (CommonMark §2.4, §2.5). */
export function decodeMarkdown(s: string): string {
  return decodeEntities(s.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

/** CSS and JS strings: a backslash before a character that isn't hex keeps the character. */
export function decodeBackslashes(s: string): string {
  return s.replace(/\\([^0-9a-fA-F\r\n])/g, '$1');
}

export type Classified =
  | { class: 'local'; path: string; query?: string; fragment?: string }
  | { class: 'remote' }
  | { class: 'skip' };

/** What a decoded target is. Template expressions and bundler aliases can't be resolved: skipped, not reported. */
export function classify(target: string): Classified {
  const t = target.trim();
  if (t === '' || t.startsWith('#')) return { class: 'skip' };
  if (/\{\{|\{%|\$\{|<%|#\{|@\{/.test(t) || /^[~@$]/.test(t)) return { class: 'skip' };
  if (t.startsWith('//')) return { class: 'remote' };
  if (/^[A-Za-z]:[\\/]/.test(t)) return local(t);          // a Windows drive path
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(t);
  if (scheme) {
    const s = scheme[1].toLowerCase();
    if (s === 'http' || s === 'https' || s === 'data' || s === 'ftp' || s === 'blob') return { class: 'remote' };
    if (s === 'file') {
      try { return { class: 'local', path: fileURLToPath(t.split(/[?#]/)[0]) }; } catch { return { class: 'skip' }; }
    }
    return { class: 'skip' };
  }
  return local(t);
}

function local(t: string): Classified {
  const cut = t.search(/[?#]/);
  const raw = cut < 0 ? t : t.slice(0, cut);
  const rest = cut < 0 ? '' : t.slice(cut);
  const hash = rest.indexOf('#');
  const query = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  if (raw === '') return { class: 'skip' };
  let path = raw;
  try { path = decodeURIComponent(raw); } catch { /* a lone % is a literal percent sign */ }
  return { class: 'local', path, query: query ? query.slice(1) : undefined, fragment };
}

/**
 * The absolute file a local path names: relative to the document's folder; a leading '/' from the workspace
 * folder (undefined without one).
 */
export function resolvePath(path: string, documentPath: string, workspaceFolder?: string): string | undefined {
  if (/^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')) return win32.normalize(path);
  if (path.startsWith('/')) return workspaceFolder ? join(workspaceFolder, path) : undefined;
  if (isAbsolute(path)) return resolve(path);
  return resolve(dirname(documentPath), path);
}
