// Hashes of an upload's bytes, streamed (memory stays flat for any size). sha256 is the key of content-hash
// reuse; md5 is what Wix puts in a descriptor's `hash` (test/emulator/README.md "Descriptors"), so a file an
// index points at can be checked to hold these very bytes.
import { createHash } from 'node:crypto';
import type { FileSource } from '../wix/contract';

export interface ContentHashes {
  sha256: string;
  md5: string;
}

/** Hex sha256 and md5 of every byte the source would upload. Rejects with an AbortError when the signal fires. */
export async function hashSource(source: FileSource, signal?: AbortSignal): Promise<ContentHashes> {
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  const check = () => { if (signal?.aborted) throw Object.assign(new Error('Hashing was cancelled.'), { name: 'AbortError' }); };
  const add = (chunk: Buffer) => { check(); sha.update(chunk); md5.update(chunk); };
  check();
  if (source.chunks) {
    for await (const chunk of source.chunks(0, source.size)) add(chunk);
  } else {
    const stream = source.open(0);
    try {
      for await (const chunk of stream) add(chunk as Buffer);
    } finally {
      stream.destroy();
    }
  }
  return { sha256: sha.digest('hex'), md5: md5.digest('hex') };
}

/** Hex sha256 of the bytes. */
export async function sha256Of(source: FileSource, signal?: AbortSignal): Promise<string> {
  return (await hashSource(source, signal)).sha256;
}

/**
 * Whether a descriptor's `hash` contradicts these bytes. Wix documents it only as "MD5-like" and it is "" while an
 * import is pending, so only a 32-hex value that is neither the md5 nor the sha256 prefix counts as a mismatch.
 */
export function hashContradicts(descriptorHash: string | undefined, h: ContentHashes): boolean {
  const v = (descriptorHash ?? '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(v)) return false;
  return v !== h.md5 && v !== h.sha256.slice(0, 32);
}
