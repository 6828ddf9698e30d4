// Which Media Manager type a MIME type / file extension is, and which types the emulator refuses.
import * as mime from 'mime-types';
import type { MediaType } from '../../src/wix/types';

export const OCTET = 'application/octet-stream';

/** Executables and scripts: answered with UNSUPPORTED_FILE_FORMAT. */
const UNSUPPORTED = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/vnd.microsoft.portable-executable',
  'application/x-executable', 'application/x-sh', 'application/x-bat', 'application/x-msi',
  'application/vnd.apple.installer+xml', 'application/x-apple-diskimage',
]);

const DOCUMENT = /^(application\/(pdf|msword|rtf|json|xml|epub\+zip|vnd\.ms-[\w.+-]+|vnd\.openxmlformats-officedocument\.[\w.+-]+|vnd\.oasis\.opendocument\.[\w.+-]+)|text\/[\w.+-]+)$/;
const ARCHIVE = /^application\/(zip|x-zip-compressed|x-7z-compressed|x-rar-compressed|vnd\.rar|gzip|x-gzip|x-tar|x-bzip2)$/;
const MODEL3D = /^model\/[\w.+-]+$/;
const FONT = /^(font\/[\w.+-]+|application\/(font-[\w.+-]+|x-font-[\w.+-]+|vnd\.ms-fontobject))$/;

export function isWellFormedMime(m: string): boolean {
  return /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(m);
}

export function bareMime(m: string): string {
  return m.split(';')[0].trim().toLowerCase();
}

/** undefined: not a type the Media Manager takes. OCTET gives 'OTHER' (the caller refines it by extension). */
export function mediaTypeOfMime(m: string): MediaType | undefined {
  const t = bareMime(m);
  if (!isWellFormedMime(t) || UNSUPPORTED.has(t)) return undefined;
  if (t === 'image/svg+xml') return 'VECTOR';
  if (t.startsWith('image/')) return 'IMAGE';
  if (t.startsWith('video/')) return 'VIDEO';
  if (t.startsWith('audio/')) return 'AUDIO';
  if (ARCHIVE.test(t)) return 'ARCHIVE';
  if (MODEL3D.test(t)) return 'MODEL3D';
  if (DOCUMENT.test(t)) return 'DOCUMENT';
  if (FONT.test(t)) return 'OTHER';
  if (t === OCTET) return 'OTHER';
  return undefined;
}

/** The MIME type an extension implies, if mime-types knows it. */
export function mimeOfName(name: string | undefined): string | undefined {
  if (!name || !/\.[^./\\]+$/.test(name)) return undefined;
  const m = mime.lookup(name);
  return m === false ? undefined : m;
}

export function extensionOf(name: string | undefined): string | undefined {
  const m = name ? /\.([A-Za-z0-9]{1,10})$/.exec(name) : null;
  return m ? m[1].toLowerCase() : undefined;
}

/** The media type of an upload: from its MIME type, or, for octet-stream, from the file name. */
export function resolveMediaType(mimeType: string, name: string | undefined): MediaType {
  const byMime = mediaTypeOfMime(mimeType) ?? 'OTHER';
  if (byMime !== 'OTHER') return byMime;
  const byName = mimeOfName(name);
  return (byName && mediaTypeOfMime(byName)) || 'OTHER';
}

/** True when mimeType and the name's extension are both known and name different kinds of media. */
export function mimeContradictsName(mimeType: string, name: string | undefined): boolean {
  const declared = bareMime(mimeType);
  if (declared === OCTET) return false;
  const implied = mimeOfName(name);
  if (!implied || implied === OCTET) return false;
  const a = mediaTypeOfMime(declared);
  const b = mediaTypeOfMime(implied);
  return a !== undefined && b !== undefined && a !== b;
}
