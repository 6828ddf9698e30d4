// tus 1.0.0 core + creation at /upload/tus (via @tus/server + @tus/file-store), and the Wix finalize
// PUT /upload/tus/<uploadToken>?filename=… that turns a finished tus upload into a FileDescriptor (§4).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createReadStream, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, pipeline, type Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer, type Upload } from '@tus/server';
import type { Ctx, Exchange } from './context';
import { plainStatus, send, type HttpAnswer } from './errors';
import { applyDelay, applyRouteFault, loseAnswer, reply } from './route-faults';
import type { Fault } from './types';
import { authHeaderRefused, Hasher, HeadCollector, spentAnswer, tokenRefused } from './upload-put';
import { resolveMediaType } from './media-types';

type ResetFault = Extract<Fault, { type: 'reset' }>;

/** Per-request state the datastore needs (AsyncLocalStorage carries it through @tus/server). */
interface PatchScope {
  ex: Exchange;
  slow?: number;
  /** FaultBook generation when the PATCH began; clearFaults() releases the throttle. */
  generation?: number;
  reset?: ResetFault;
}

/** Thrown from tus hooks: @tus/server answers with this status and body. */
const tusRefusal = (a: HttpAnswer) => ({ status_code: a.status, body: a.text ?? JSON.stringify(a.body) });

export class TusGateway {
  private dir = '';
  private server: TusServer | undefined;
  private store: GatedStore | undefined;
  private readonly scope = new AsyncLocalStorage<PatchScope>();

  constructor(private readonly ctx: Ctx) {}

  async init(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'wix-emu-tus-'));
    liveDirs.add(this.dir);
    this.store = new GatedStore({ directory: this.dir }, this.ctx, this.scope);
    this.server = new TusServer({
      path: '/upload/tus',
      datastore: this.store,
      generateUrl: (_req, { id }) => `${this.ctx.baseUrl}/upload/tus/${id}`,
      onUploadCreate: async (_req, upload) => {
        this.validateCreate(upload);
        return {};
      },
    });
    this.server.on(EVENTS.POST_CREATE, (_req, upload) => {
      this.ctx.stats.tusCreates++;
      const check = this.ctx.tokens.check(upload.metadata?.token ?? '', 'tus');
      if (!check.ok) return;
      const previous = check.record.tusUploadId;
      check.record.tusUploadId = upload.id;
      // A re-created upload replaces the old one; its bytes are of no use any more.
      if (previous && previous !== upload.id) this.store?.remove(previous).catch(() => undefined);
    });
  }

  /** Upload-Metadata must carry a live resumable token, the file name and the content type. */
  private validateCreate(upload: Upload): void {
    const md = upload.metadata ?? {};
    const missing = ['token', 'filename', 'contentType'].filter((k) => !md[k]);
    if (missing.length) {
      // Every refusal of the upload host is a plain status (README "Upload-host errors": the Upload API
      // documents only an HTTP status; Wix's size rules are documented for generate-resumable-upload-url only).
      throw tusRefusal(plainStatus(400));
    }
    const check = this.ctx.tokens.check(md.token!, 'tus');
    if (!check.ok) throw tusRefusal(tokenRefused(check.reason));
    if (upload.size === 0) {
      throw tusRefusal(plainStatus(400));
    }
    const spec = check.record.spec;
    const type = spec.mediaType === 'OTHER' ? resolveMediaType(md.contentType!, md.filename ?? undefined) : spec.mediaType;
    const limit = this.ctx.limitFor(type);
    if (upload.size !== undefined && upload.size > limit) {
      throw tusRefusal(plainStatus(400));
    }
  }

  async handle(ex: Exchange): Promise<void> {
    const { req, record } = ex;
    if (req.headers.authorization !== undefined) return reply(ex, authHeaderRefused());
    const method = record.method;
    if (method === 'PUT') return this.finalize(ex);
    if (method === 'POST' && applyRouteFault(this.ctx, ex, 'tus-create')) return;
    const scope: PatchScope = { ex };
    if (method === 'PATCH') {
      if (applyRouteFault(this.ctx, ex, 'tus-patch')) return;
      scope.slow = this.ctx.faults.take('slow', 'tus-patch')?.bytesPerSecond;
      scope.generation = this.ctx.faults.generation;
      scope.reset = this.ctx.faults.peek('reset', 'tus-patch');
    }
    await this.scope.run(scope, () => this.server!.handle(req, ex.res));
  }

  /** PUT /upload/tus/<uploadToken>?filename=: hash the finished upload, describe it, drop the temp file. */
  private async finalize(ex: Exchange): Promise<void> {
    const { url } = ex;
    if (applyRouteFault(this.ctx, ex, 'tus-finalize')) return;
    if (this.ctx.faults.take('spent-url')) return reply(ex, spentAnswer());
    const token = decodeURIComponent(url.pathname.slice('/upload/tus/'.length));
    const check = this.ctx.tokens.check(token, 'tus');
    if (!check.ok) return reply(ex, tokenRefused(check.reason));
    const tok = check.record;
    const filenameParam = url.searchParams.get('filename') || undefined;
    if (!filenameParam && !tok.spec.fileName) {
      return reply(ex, plainStatus(400)); // no filename from either side: a plain status (README "Upload-host errors")
    }
    const upload = tok.tusUploadId ? await this.store!.getUpload(tok.tusUploadId).catch(() => undefined) : undefined;
    // 409 with a status only: an upload-host answer (README "Upload-host errors").
    if (!upload) return reply(ex, plainStatus(409));
    if (upload.size === undefined || upload.offset < upload.size) {
      return reply(ex, plainStatus(409));
    }
    ex.req.resume(); // the body is an empty JSON object; nothing in it matters
    tok.state = 'busy';
    try {
      // A slow finalize: Wix assembles the upload before it answers (README "Slow finalize").
      await applyDelay(this.ctx, 'tus-finalize');
      // The digest taken while the PATCHes came in, when they covered the file in order; else read it back.
      const { sha256, hash, head } = this.store!.takeDigest(upload.id, upload.offset) ?? await hashFile(join(this.dir, upload.id), this.ctx.descriptorHash);
      const stored = this.ctx.library.store({
        spec: tok.spec, size: upload.offset, sha256, hash, head, via: 'tus',
        contentType: upload.metadata?.contentType ?? undefined, filenameParam,
      });
      tok.state = 'spent';
      await this.store!.remove(upload.id).catch(() => undefined);
      if (loseAnswer(this.ctx, ex, 'tus-finalize')) return;
      send(ex.res, { status: 200, body: { file: stored.descriptor } });
    } catch (e) {
      tok.state = 'fresh';
      throw e;
    }
  }

  /** Drops every tus upload (emulator reset). Synchronous, so a stop() right after can't race it. */
  reset(): void {
    if (!this.dir) return;
    this.store?.forgetDigests();
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    if (!this.dir) return;
    liveDirs.delete(this.dir);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Temp dirs of emulators that were never stopped are removed when the process exits. */
const liveDirs = new Set<string>();
process.once('exit', () => {
  for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
});

async function hashFile(path: string, mode: 'md5' | 'sha256'): Promise<{ sha256: string; hash: string; head: Buffer }> {
  const hasher = new Hasher(mode);
  const head = new HeadCollector();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hasher.update(chunk as Buffer);
    head.add(chunk as Buffer);
  }
  return { ...hasher.digest(), head: head.get() };
}

/** A digest of an upload's bytes [0, next), taken as they were written. */
interface RunningDigest {
  hasher: Hasher;
  head: HeadCollector;
  next: number;
}

/**
 * A FileStore whose writes count bytes and apply the tus-patch 'slow' and 'reset' faults. It also hashes the bytes
 * on their way to disk while the PATCHes arrive in order (each starting where the last one's bytes ended), so the
 * finalize need not read a large file back (the plain PUT hashes as it receives, too); any other order drops it.
 */
class GatedStore extends FileStore {
  private readonly digests = new Map<string, RunningDigest>();

  constructor(opts: { directory: string }, private readonly ctx: Ctx, private readonly scope: AsyncLocalStorage<PatchScope>) {
    super(opts);
  }

  override async write(readable: Readable, fileId: string, offset: number): Promise<number> {
    const s = this.scope.getStore();
    const gate = makeGate(this.ctx, s, offset);
    pipeline(readable, gate, () => undefined);
    let run = this.digests.get(fileId);
    if (offset === 0) this.digests.set(fileId, run = { hasher: new Hasher(this.ctx.descriptorHash), head: new HeadCollector(), next: 0 });
    else if (run?.next !== offset) { this.digests.delete(fileId); run = undefined; }
    if (!run) return super.write(gate, fileId, offset);
    const r = run;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        r.hasher.update(chunk);
        r.head.add(chunk);
        r.next += chunk.length;
        cb(null, chunk);
      },
    });
    pipeline(gate, tap, () => undefined);
    return super.write(tap, fileId, offset);
  }

  /**
   * The running digest, if it covers exactly the `offset` bytes the store holds. A write cut short may have hashed
   * bytes that never reached the file; the next PATCH then starts below `next` and the digest is dropped.
   */
  takeDigest(fileId: string, offset: number): { sha256: string; hash: string; head: Buffer } | undefined {
    const run = this.digests.get(fileId);
    this.digests.delete(fileId);
    return run && run.next === offset ? { ...run.hasher.digest(), head: run.head.get() } : undefined;
  }

  forgetDigests(): void {
    this.digests.clear();
  }

  override async remove(fileId: string): Promise<void> {
    this.digests.delete(fileId);
    return super.remove(fileId);
  }
}

function makeGate(ctx: Ctx, s: PatchScope | undefined, offset: number): Transform {
  let received = 0;
  let cut = false;
  const started = Date.now();
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (cut) return cb();
      const reset = s?.reset;
      if (reset) {
        const at = reset.atUploadOffset !== undefined ? reset.atUploadOffset - offset : reset.afterBytes ?? 0;
        if (at >= 0 && received + chunk.length > at && ctx.faults.consume(reset)) {
          // Keep exactly the bytes before the cut (a resumed upload continues from there), then drop the connection.
          const part = chunk.subarray(0, Math.max(0, at - received));
          count(part.length);
          cut = true;
          s!.ex.req.socket.destroy();
          return cb(null, part);
        }
      }
      count(chunk.length);
      // Hold the chunk (backpressure pauses the socket) until the rate allows it; re-check often so clearFaults() releases it.
      const pass = () => {
        const throttled = s?.slow !== undefined && s.generation === ctx.faults.generation;
        const wait = throttled ? started + (received / s!.slow!) * 1000 - Date.now() : 0;
        if (wait > 2 && !s!.ex.req.socket.destroyed) setTimeout(pass, Math.min(wait, 200)).unref();
        else cb(null, chunk);
      };
      pass();
    },
  });
  function count(n: number): void {
    received += n;
    ctx.stats.tusPatchBytes += n;
    if (s) s.ex.record.bytesReceived += n;
  }
}
