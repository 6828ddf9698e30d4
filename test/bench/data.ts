// Test files in test/bench/.work: real bytes on disk (not sparse), incompressible-ish, made fast. One random
// 1 MiB block per file, written over and over with each copy stamped with its index, so no two MiB are equal.
// A file is reused by later runs when its size and its recorded sha256 are there.
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const MiB = 1024 * 1024;
export const KiB = 1024;

export interface TestFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

function stamp(block: Buffer, i: number): void {
  block.writeUInt32LE(i, 0);
  block.writeUInt32LE((i ^ 0x9e3779b9) >>> 0, block.length >> 1);
}

/** A file of exactly `size` bytes at dir/name, made once and then reused. */
export function ensureFile(dir: string, name: string, size: number): TestFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const sumPath = `${path}.sha256`;
  if (existsSync(path) && existsSync(sumPath) && statSync(path).size === size) {
    return { path, name, size, sha256: readFileSync(sumPath, 'utf8').trim() };
  }
  rmSync(sumPath, { force: true });
  const block = randomFillSync(Buffer.alloc(Math.min(MiB, size)));
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let off = 0, i = 0; off < size; off += block.length, i++) {
      stamp(block, i);
      const part = size - off < block.length ? block.subarray(0, size - off) : block;
      writeSync(fd, part);
      hash.update(part);
    }
  } finally {
    closeSync(fd);
  }
  const sha256 = hash.digest('hex');
  writeFileSync(sumPath, sha256 + '\n');
  return { path, name, size, sha256 };
}

/** `count` files of `size` bytes each in their own folder (only the data files are in it, so it can be uploaded whole). */
export function ensureBatch(parent: string, count: number, size: number): { dir: string; files: TestFile[] } {
  const dir = join(parent, `batch-${count}x${size}`);
  const sums = `${dir}.sha256.json`;
  const names = Array.from({ length: count }, (_, i) => `f${String(i + 1).padStart(4, '0')}.bin`);
  if (existsSync(dir) && existsSync(sums)) {
    const known = JSON.parse(readFileSync(sums, 'utf8')) as Record<string, string>;
    const present = readdirSync(dir);
    if (present.length === count && names.every((n) => known[n] && statSync(join(dir, n)).size === size)) {
      return { dir, files: names.map((n) => ({ path: join(dir, n), name: n, size, sha256: known[n] })) };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const block = Buffer.alloc(size);
  const known: Record<string, string> = {};
  const files = names.map((name) => {
    randomFillSync(block);
    const path = join(dir, name);
    writeFileSync(path, block);
    known[name] = createHash('sha256').update(block).digest('hex');
    return { path, name, size, sha256: known[name] };
  });
  writeFileSync(sums, JSON.stringify(known));
  return { dir, files };
}

/** Bytes the generated data takes in `dir` (for the note about --clean). */
export function sizeOnDisk(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? sizeOnDisk(p) : statSync(p).size;
  }
  return total;
}
