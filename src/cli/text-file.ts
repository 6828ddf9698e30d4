// Reading and writing a text file as it is: its encoding (UTF-8 with or without a BOM, UTF-16 with a BOM) is
// kept, and a write goes to a temp file beside it, then renames over it, so a crash never leaves half a file.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export interface TextFile {
  text: string;
  encoding: TextEncoding;
  /** The bytes as read, to see whether the file changed before writing it back. */
  bytes: Buffer;
}

export class NotTextError extends Error {}

function swap16(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out.swap16();
  return out;
}

export function decodeText(bytes: Buffer): TextFile {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)), encoding: 'utf8-bom', bytes };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le', bytes };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    return { text: swap16(body).toString('utf16le'), encoding: 'utf16be', bytes };
  }
  return { text: utf8(bytes), encoding: 'utf8', bytes };
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotTextError('it is not UTF-8 or UTF-16 text (with a BOM); convert it to UTF-8 first');
  }
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(Buffer.from(text, 'utf16le'))]);
  }
}

export async function readTextFile(path: string): Promise<TextFile> {
  return decodeText(await fsp.readFile(path));
}

/** Writes atomically (temp file + rename), keeping the file's mode. */
export async function writeTextFileAtomic(path: string, text: string, encoding: TextEncoding): Promise<void> {
  const real = await fsp.realpath(path);   // a symlinked document: replace its target, not the link
  const mode = (await fsp.stat(real)).mode & 0o7777;
  const tmp = join(dirname(real), `.${basename(real)}.${randomBytes(6).toString('hex')}.wix-media.tmp`);
  try {
    await fsp.writeFile(tmp, encodeText(text, encoding), { mode, flag: 'wx' });
    await fsp.chmod(tmp, mode);
    await fsp.rename(tmp, real);
  } catch (e) {
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}
