// PUT <baseUrl>/upload/<token>?filename=…: the one-shot upload (§3). The body is streamed and hashed, never kept.
import { createHash, type Hash } from 'node:crypto';
import type { Ctx, Exchange } from './context';
import { plainStatus, send, type HttpAnswer } from './errors';
import { SNIFF_BYTES } from './image-size';
import { resolveMediaType } from './media-types';
import { pumpBody } from './body-flow';
import { applyDelay, applyRouteFault, loseAnswer, reply } from './route-faults';
import type { TokenCheck } from './tokens';

/** Upload URLs are authorized by their token; an Authorization header is refused (plain 400, README "Upload-host errors"). */
export function authHeaderRefused(): HttpAnswer {
  return plainStatus(400);
}

/**
 * How a bad token is answered, with a plain status only (the Upload API documents nothing more; README
 * "Upload-host errors"). Reused (or in use by another request): 429, as Wix's error table lists for a reused
 * one-time token; unknown or expired: 403.
 */
export function tokenRefused(reason: Exclude<TokenCheck, { ok: true }>['reason']): HttpAnswer {
  switch (reason) {
    case 'spent': case 'busy':
      return plainStatus(429);
    default:
      return plainStatus(403);
  }
}

export function spentAnswer(): HttpAnswer {
  return tokenRefused('spent');
}

/** Collects the first bytes (for image dimensions) without copying the rest. */
export class HeadCollector {
  private readonly parts: Buffer[] = [];
  private n = 0;
  add(chunk: Buffer): void {
    if (this.n >= SNIFF_BYTES) return;
    this.parts.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - this.n)));
    this.n += Math.min(chunk.length, SNIFF_BYTES - this.n);
  }
  get(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export class Hasher {
  private readonly sha = createHash('sha256');
  private readonly md5: Hash | undefined;
  constructor(private readonly mode: 'md5' | 'sha256') {
    this.md5 = mode === 'md5' ? createHash('md5') : undefined;
  }
  update(chunk: Buffer): void {
    this.sha.update(chunk);
    this.md5?.update(chunk);
  }
  digest(): { sha256: string; hash: string } {
    const sha256 = this.sha.digest('hex');
    return { sha256, hash: this.md5 ? this.md5.digest('hex') : sha256.slice(0, 32) };
  }
}

export async function handlePut(ctx: Ctx, ex: Exchange, token: string): Promise<void> {
  const { req, url, record } = ex;
  if (req.headers.authorization !== undefined) return reply(ex, authHeaderRefused());
  if (applyRouteFault(ctx, ex, 'put')) return;
  if (ctx.faults.take('spent-url')) return reply(ex, spentAnswer());
  const check = ctx.tokens.check(token, 'put');
  if (!check.ok) return reply(ex, tokenRefused(check.reason));
  const { record: tok } = check;
  const filenameParam = url.searchParams.get('filename') || undefined;
  if (!filenameParam && !tok.spec.fileName) {
    // No filename from either side. Plain status: the Upload API documents only an HTTP status for its failures (README "Upload-host errors").
    return reply(ex, plainStatus(400));
  }
  const mediaType = tok.spec.mediaType === 'OTHER' ? resolveMediaType(tok.spec.mimeType, filenameParam ?? tok.spec.fileName) : tok.spec.mediaType;
  const limit = ctx.limitFor(mediaType);

  tok.state = 'busy';
  const slow = ctx.faults.take('slow', 'put');
  const generation = ctx.faults.generation;
  const reset = ctx.faults.peek('reset', 'put');
  const hasher = new Hasher(ctx.descriptorHash);
  const head = new HeadCollector();
  const flow = await pumpBody(req, {
    bytesPerSecond: slow?.bytesPerSecond,
    stillSlow: () => ctx.faults.generation === generation,
    resetAfterBytes: reset ? reset.afterBytes ?? 0 : undefined,
    onReset: () => (reset ? ctx.faults.consume(reset) : false),
    maxBytes: limit,
    onChunk: (chunk) => {
      ctx.stats.putBodyBytes += chunk.length;
      record.bytesReceived += chunk.length;
      hasher.update(chunk);
      head.add(chunk);
    },
  });
  if (flow.outcome !== 'complete') {
    tok.state = 'fresh'; // nothing stored: the same URL may be tried again
    if (flow.outcome === 'over-limit') {
      // Over the size limit. Wix documents FILE_SIZE_OVER_LIMIT for generate-upload-url only; for the bytes it
      // documents nothing but a status, so a plain 400 (the harsher case, README "Upload-host errors").
      reply(ex, plainStatus(400));
    }
    return;
  }
  if (flow.bytes === 0) {
    tok.state = 'fresh';
    return send(ex.res, plainStatus(400)); // empty: a plain status, as above
  }
  const left = ctx.quotaLeft();
  if (left !== undefined && flow.bytes > left) {
    tok.state = 'fresh';
    return send(ex.res, plainStatus(400)); // over the quota: a plain status, as above
  }
  const { sha256, hash } = hasher.digest();
  tok.state = 'spent';
  await applyDelay(ctx, 'put');
  const stored = ctx.library.store({
    spec: tok.spec, size: flow.bytes, sha256, hash, head: head.get(), via: 'put',
    contentType: req.headers['content-type'], filenameParam,
  });
  if (loseAnswer(ctx, ex, 'put')) return;
  send(ex.res, { status: 200, body: { file: stored.descriptor } });
}
