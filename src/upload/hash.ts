// sha256 of an upload's bytes, streamed (memory stays flat for any size); the key of content-hash reuse.
import { createHash } from 'node:crypto';
import type { FileSource } from '../wix/api';

/** Hex sha256 of every byte the source would upload. Rejects with an AbortError when the signal fires. */
export async function sha256Of(source: FileSource, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const check = () => { if (signal?.aborted) throw Object.assign(new Error('Hashing was cancelled.'), { name: 'AbortError' }); };
  check();
  if (source.chunks) {
    for await (const chunk of source.chunks(0, source.size)) { check(); hash.update(chunk); }
  } else {
    const stream = source.open(0);
    try {
      for await (const chunk of stream) { check(); hash.update(chunk as Buffer); }
    } finally {
      stream.destroy();
    }
  }
  return hash.digest('hex');
}
