// A byte range of a file as an async iterable of chunks read into a small ring of REUSED buffers: no fresh
// buffer per read, so no garbage for the GC, no page faults on new memory, and a flat RSS whatever the size.
// Safe with undici's iterable bodies: undici writes a chunk and, when socket.write() returns false (always for
// chunks above the socket's 16-64 KiB highWaterMark), awaits 'drain' before pulling the next one, so a buffer
// is in the kernel before it comes round again (the ring of 3 leaves two more chunks of margin). A range of at most
// one chunk is a single buffer, never reused; a bigger range is read in 1 MiB chunks, far above any socket highWaterMark.
import { open } from 'node:fs/promises';

export const CHUNK_BYTES = 1024 * 1024;
const RING = 3;

/** The file is not the size it had when the upload began (http.ts reports it as FILE_CHANGED). */
export class FileChangedError extends Error {
  readonly code = 'FILE_CHANGED';
}

/**
 * One ring of buffers per file source, lent to one reader at a time: the tus slices of a file are sent one after
 * the other, so they all read into the same 3 MiB instead of leaving 3 MiB of garbage per PATCH.
 */
export class BufferRing {
  private free: Buffer[] | undefined;

  acquire(bytes: number): Buffer[] {
    const ring = this.free && this.free[0].length >= bytes ? this.free : undefined;
    this.free = undefined;
    return ring ?? Array.from({ length: RING }, () => Buffer.allocUnsafeSlow(bytes));
  }

  release(ring: Buffer[]): void {
    this.free = ring;
  }
}

export class FileChunks implements AsyncIterable<Buffer> {
  /** `fileSize`: the size the upload was declared with; bytes beyond it mean the file grew meanwhile. */
  constructor(
    readonly path: string, readonly start: number, readonly end: number, readonly fileSize: number,
    private readonly pool = new BufferRing(), readonly chunkBytes = CHUNK_BYTES,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    const fh = await open(this.path, 'r');
    const n = Math.max(1, Math.min(this.chunkBytes, this.size));
    const ring = this.pool.acquire(n);
    try {
      for (let pos = this.start, i = 0; pos < this.end; i++) {
        const buf = ring[i % RING];
        const { bytesRead } = await fh.read(buf, 0, Math.min(n, this.end - pos), pos);
        if (bytesRead === 0) throw new FileChangedError(`the file ended at ${pos} bytes, before ${this.end}`);
        pos += bytesRead;
        yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      }
      if (this.end >= this.fileSize && (await fh.read(Buffer.alloc(1), 0, 1, this.end)).bytesRead > 0) {
        throw new FileChangedError(`the file grew beyond the ${this.fileSize} bytes it had when the upload began`);
      }
    } finally {
      // Back to the pool only once this reader is done: undici has pulled (so written) every chunk, or given up.
      this.pool.release(ring);
      await fh.close();
    }
  }
}
