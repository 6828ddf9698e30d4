// How tus-js-client reads the bytes of a FileSource that has no path on disk: re-open it at each slice start.
import { type Readable, Transform } from 'node:stream';
import type { FileSource } from './contract';

/** The first `n` bytes of `src`, then end (and let go of `src`). */
function take(src: Readable, n: number): Readable & { size: number } {
  let left = n;
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (left <= 0) return cb();
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      this.push(part);
      if (left <= 0) {
        this.push(null);
        src.unpipe(this);
        src.destroy();
      }
      cb();
    },
  }) as Transform & { size: number };
  out.size = n;
  src.on('error', (e) => out.destroy(e));
  out.once('close', () => src.destroy());
  src.pipe(out);
  return out;
}

/**
 * tus-js-client reads slices through this. A FileSource is sliced by re-opening it at the slice start (the FileSource
 * contract: `open` is called for each slice), so a resume can start at any offset and nothing is buffered;
 * anything else (the fs.ReadStream given for files on disk) goes to the library's own node reader.
 */
export class SourceReader {
  openFile(input: unknown, chunkSize: number) {
    if (input instanceof SourceInput) {
      const src = input.source;
      return Promise.resolve({
        size: src.size,
        slice: (start: number, end: number) => {
          const stop = Math.min(end, src.size);
          const value = src.chunks ? src.chunks(start, stop) : take(src.open(start), stop - start);
          return Promise.resolve({ value, done: stop >= src.size });
        },
        close: () => {},
      });
    }
    // Loaded on first use, like the rest of tus-js-client (tus-upload.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (start-up time)
    const { defaultOptions } = require('tus-js-client') as typeof import('tus-js-client');
    return defaultOptions.fileReader.openFile(input, chunkSize);
  }
}

export class SourceInput {
  constructor(readonly source: FileSource) {}
}
