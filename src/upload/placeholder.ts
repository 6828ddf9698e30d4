// What stands in a document while a pasted or dropped file uploads (and where it failed), and the names given
// to pasted data that has no file name. Pure: no vscode import, so the thin activation bundle can use it.
import { languageFamily } from './templates';

/** The in-progress text in the language's own form: `![Uploading hero.png…]()`, `<img alt="Uploading hero.png…">`. */
export function placeholderText(languageId: string, what: string): string {
  return shaped(languageId, `Uploading ${what}…`);
}

/** The failure marker left where an upload failed: `![Upload failed: hero.png]()`. */
export function failureMarker(languageId: string, what: string): string {
  return shaped(languageId, `Upload failed: ${what}`);
}

function shaped(languageId: string, text: string): string {
  // The name is shown, never parsed: keep characters that would end the construct out of it.
  switch (languageFamily(languageId)) {
    case 'markdown': return `![${text.replace(/[[\]\n]/g, '_')}]()`;
    case 'html': return `<img alt="${text.replace(/["<>\n]/g, '_')}">`;
    case 'css': return `/* ${text.replace(/\*\/|\n/g, '_')} */`;
    case 'js': return `"${text.replace(/["\\\n]/g, '_')}"`;
    default: return text.replace(/\n/g, ' ');
  }
}

/**
 * Whether a reference is a block (a Markdown image, an HTML tag) that starts on its own line, so that two
 * uploads in a row at one cursor never glue together. Links, CSS url() and JS strings stay inline.
 */
export function isBlockReference(languageId: string, text: string): boolean {
  const family = languageFamily(languageId);
  if (family === 'markdown') return /^!\[/.test(text) || /^<(img|video|audio)\b/.test(text);
  if (family === 'html') return /^</.test(text);
  return false;
}

export interface NameVariables {
  /** The document's file name without its extension. */
  documentBaseName: string;
  now: Date;
  counter: number;
  selectedText?: string;
}

export const DEFAULT_NAME_PATTERN = '${documentBaseName}-${date}-${time}.png';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Characters no file system or Media Manager name should carry. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern removes
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/**
 * A file name from the pattern setting: ${documentBaseName}, ${date} (YYYY-MM-DD), ${time} (HHmmss),
 * ${counter}, ${selectedText}. `ext` (without the dot) is added when the pattern gives none or another one.
 */
export function nameFromPattern(pattern: string, v: NameVariables, ext: string): string {
  const d = v.now;
  const values: Record<string, string> = {
    documentBaseName: v.documentBaseName,
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`,
    counter: String(v.counter),
    selectedText: (v.selectedText ?? '').trim().slice(0, 60),
  };
  let name = (pattern || DEFAULT_NAME_PATTERN).replace(/\$\{(\w+)\}/g, (m, k: string) => values[k] ?? m)
    .replace(UNSAFE, '-').replace(/\s+/g, ' ').replace(/-{2,}/g, '-').replace(/^[-. ]+|[-. ]+$/g, '');
  const wanted = ext.toLowerCase();
  const has = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!name) name = 'pasted';
  if (wanted && has !== wanted && !(wanted === 'jpg' && has === 'jpeg')) name = `${has ? name.replace(/\.[A-Za-z0-9]+$/, '') : name}.${wanted}`;
  return name;
}

/** Whether a name a browser or the OS gave pasted data says nothing (`image.png`, `blob`, no extension). */
export function isUselessName(name: string | undefined): boolean {
  if (!name || !/\.[A-Za-z0-9]+$/.test(name)) return true;
  return /^(image|blob|file|untitled|clipboard|pasted|screenshot)(\.[A-Za-z0-9]+)?$/i.test(name);
}

const EXT_OF_MIME: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg',
  'image/avif': 'avif', 'image/bmp': 'bmp', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3', 'application/pdf': 'pdf',
};

/** The extension for data of a MIME type, else the one of the name it came with, else png. */
export function extensionFor(mime: string | undefined, name: string | undefined): string {
  return (mime && EXT_OF_MIME[mime.toLowerCase()]) || /\.([A-Za-z0-9]+)$/.exec(name ?? '')?.[1]?.toLowerCase() || 'png';
}
