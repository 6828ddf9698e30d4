// Test fixtures: real image bytes (the emulator fails images it can't measure), temp dirs, hashing.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile as fsWriteFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bufs: Buffer[]): number {
  let c = 0xffffffff;
  for (const b of bufs) for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const t = Buffer.from(type, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([t, data]));
  return Buffer.concat([len, t, data, crc]);
}

/**
 * A valid PNG of width x height (RGB, a gradient so it isn't trivially empty). `extraBytes` pads the file with
 * random bytes in private ancillary chunks, so any file size can be made and every call gives a distinct file.
 */
export function makePng(width: number, height: number, extraBytes = 0): Buffer {
  if (!(width > 0 && height > 0)) throw new Error('makePng: width and height must be > 0');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 3;
      raw[o] = (x * 255) / width;
      raw[o + 1] = (y * 255) / height;
      raw[o + 2] = 128;
    }
  }
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw))];
  // Always one distinct chunk, so two calls with the same size give different bytes (and different sha256).
  let left = Math.max(0, extraBytes);
  parts.push(chunk('wxEm', randomBytes(Math.min(left, 16 * 1024 * 1024) || 16)));
  left -= Math.min(left, 16 * 1024 * 1024);
  while (left > 0) {
    const n = Math.min(left, 16 * 1024 * 1024);
    parts.push(chunk('wxEm', randomBytes(n)));
    left -= n;
  }
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

const dirs: string[] = [];
let hooked = false;

/** A fresh temp directory, removed when the process exits (or by removeTempDirs()). */
export function tempDir(prefix = 'wix-media-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeTempDirs);
  }
  return d;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes `data` to dir/name (parents created); returns the absolute path. */
export async function writeFile(dir: string, name: string, data: Buffer | string): Promise<string> {
  const p = isAbsolute(name) ? name : join(dir, name);
  await mkdir(dirname(p), { recursive: true });
  await fsWriteFile(p, data);
  return p;
}

/** Writes `size` random bytes without holding them in memory (for big-file tests and benchmarks). */
export async function writeRandomFile(path: string, size: number): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const block = randomBytes(Math.min(size, 1024 * 1024));
  for (let left = size; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return path;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}
