// One pace for every request to the Wix API host in this process (the batch, READY polls, folder calls, lookups):
// a token bucket a little under Wix's documented rate, about 200 requests per minute per app instance, with no
// Retry-After documented (https://dev.wix.com/docs/rest/articles/get-started/rate-limits). Upload-host traffic
// (PUT, tus) never passes through it.
// On a 429 it slows down to what actually got through in the last window (at most half the old pace), and holds
// every caller until the window is over: Retry-After when Wix sends one, otherwise the window plus jitter, so a
// one-minute window is outlasted. Windows without a 429 win the pace back step by step.
import type { Logger } from './log';
import { sleep } from './http';

export interface RateLimitOptions {
  /** Requests Wix allows per window. Default 200 (Wix's documented limit per app instance). */
  requestsPerWindow?: number;
  /** The window. Default 60 000 ms. */
  windowMs?: number;
}

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = { requestsPerWindow: 200, windowMs: 60_000 };

/**
 * Share of the documented rate the steady pace aims at, and the share a burst may take at once: together 0.9, so no
 * window ever sees more than 90% of the limit, while a batch of up to BURST·limit files starts without waiting.
 */
const PACE = 0.6;
const BURST = 0.3;
/** Share of the window added at random to a pause, so paused callers don't all come back at once. */
const JITTER = 0.25;

export class ApiRateLimiter {
  readonly windowMs: number;
  private readonly ceiling: number;
  /** Tokens per ms. */
  private rate: number;
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;
  /** When the pace last changed (a 429 or a step back up). */
  private changedAt = Date.now();
  /** Answers (not 429) in the current window, for the pace after a 429. */
  private passedAt: number[] = [];
  /** Callers waiting, in arrival order. */
  private queue: (() => void)[] = [];
  private pumping = false;
  throttles = 0;

  constructor(opts: RateLimitOptions = {}, private readonly log?: Logger) {
    const limit = Math.max(1, opts.requestsPerWindow ?? DEFAULT_RATE_LIMIT.requestsPerWindow);
    this.windowMs = Math.max(1, opts.windowMs ?? DEFAULT_RATE_LIMIT.windowMs);
    this.ceiling = (limit * PACE) / this.windowMs;
    this.rate = this.ceiling;
    this.tokens = this.capacity();
  }

  /** Requests per window at the current pace (for log lines and tests). */
  get perWindow(): number {
    return Math.round(this.rate * this.windowMs * 10) / 10;
  }

  private capacity(): number {
    return Math.max(1, Math.floor((this.rate / PACE) * BURST * this.windowMs));
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity(), this.tokens + (now - this.last) * this.rate);
    this.last = now;
    // A whole window without a 429: take back a tenth of the documented pace.
    if (this.rate < this.ceiling && now - this.changedAt >= this.windowMs && now >= this.pausedUntil) {
      this.rate = Math.min(this.ceiling, this.rate + this.ceiling / 10);
      this.changedAt = now;
    }
  }

  /** Resolves when this caller may send one request (FIFO); rejects as cancelled when `signal` fires. */
  take(signal?: AbortSignal, fileName?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.queue = this.queue.filter((q) => q !== go);
        sleep(0, signal, fileName).catch(reject);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(go);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length) {
        const now = Date.now();
        if (now < this.pausedUntil) {
          await sleep(this.pausedUntil - now);
          continue;
        }
        this.refill(now);
        if (this.tokens < 1) {
          await sleep(Math.max(1, Math.ceil((1 - this.tokens) / this.rate)));
          continue;
        }
        this.tokens -= 1;
        this.queue.shift()!();
      }
    } finally {
      this.pumping = false;
    }
  }

  private prune(now: number): void {
    const since = now - this.windowMs;
    let drop = 0;
    while (drop < this.passedAt.length && this.passedAt[drop] <= since) drop++;
    if (drop) this.passedAt.splice(0, drop);
  }

  /** An answer that was not a 429. */
  passed(now = Date.now()): void {
    this.passedAt.push(now);
    this.prune(now);
  }

  /** A 429: slow down and hold everyone. Returns the pause in ms. */
  throttled(retryAfterMs?: number, now = Date.now()): number {
    this.prune(now);
    if (now < this.pausedUntil) return this.pausedUntil - now; // the same burst, already handled
    this.throttles++;
    const gotThrough = this.passedAt.length;
    const observed = (Math.max(1, gotThrough) * PACE) / this.windowMs;
    this.rate = Math.max(1 / this.windowMs, Math.min(this.rate / 2, observed));
    this.tokens = 0;
    this.passedAt = [];
    const pause = retryAfterMs !== undefined ? retryAfterMs : Math.round(this.windowMs * (1 + Math.random() * JITTER));
    this.pausedUntil = now + pause;
    this.changedAt = this.pausedUntil;
    this.log?.warn(`Wix is limiting the request rate (429); pausing API calls for ${pause} ms, then at most ${this.perWindow} per ${this.windowMs} ms`);
    return pause;
  }
}

const shared = new Map<string, ApiRateLimiter>();

/**
 * The process-wide limiter for one Wix identity (API host + key fingerprint): every client of this process that
 * talks to Wix with the same key shares it. The first caller's options set its pace.
 */
export function sharedRateLimiter(identity: string, opts?: RateLimitOptions, log?: Logger): ApiRateLimiter {
  let l = shared.get(identity);
  if (!l) {
    l = new ApiRateLimiter(opts, log);
    shared.set(identity, l);
  }
  return l;
}
