// One pace for every request to the Wix API host in this process (the batch, READY polls, folder calls, lookups).
// Wix documents "up to 200 requests per minute per app instance", a throttled call answering 429 "resource
// exhausted", and no Retry-After (https://dev.wix.com/docs/rest/articles/get-started/rate-limits). Upload-host
// traffic (PUT, tus) never passes through it.
//
// A sliding window of send times: at most SHARE of the documented calls in ANY window, starting with that whole
// allowance. N calls under "L per window W" cannot finish before (ceil(N/L) - 1)·W, and this reaches about that
// floor, whereas a token bucket pacing under L at a steady rate takes about N/L windows. No window ever sees more
// than SHARE·L of our calls, so the documented rate is never exceeded, however the server aligns its windows.
// On a 429 it slows down to what actually got through in the last window (at most half the old allowance), and
// holds every caller: Retry-After when Wix sends one, otherwise a whole window plus jitter, so a one-minute window
// is outlasted (a refused call may count too). Windows without a 429 win the allowance back step by step.
import { createHash } from 'node:crypto';
import { parseRetryAfter } from './errors-parse';
import type { Logger } from './log';
import { sleep } from './http';

export interface RateLimitOptions {
  /** Requests Wix allows per window. Default 200 (Wix's documented limit per app instance). */
  requestsPerWindow?: number;
  /** The window. Default 60 000 ms. */
  windowMs?: number;
}

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = { requestsPerWindow: 200, windowMs: 60_000 };

/** Share of the documented calls we allow ourselves in any window: headroom for clock skew and other callers. */
const SHARE = 0.95;
/** Share of the window added at random to a pause, so paused callers don't all come back at once. */
const JITTER = 0.25;
/** A send time leaves the window this much later than exactly W, for the call's transit to the server. */
const SLACK_SHARE = 0.01;
const SLACK_MAX_MS = 250;

export class ApiRateLimiter {
  readonly windowMs: number;
  /** The allowance per window at the documented rate. */
  private readonly ceiling: number;
  /** The allowance per window now (lower after a 429). */
  private allowance: number;
  private readonly slackMs: number;
  /** Send times in the current window, oldest first. */
  private sentAt: number[] = [];
  private pausedUntil = 0;
  /** When the allowance last changed (a 429 or a step back up). */
  private changedAt = Date.now();
  /** Answers (not 429) in the current window, for the allowance after a 429. */
  private passedAt: number[] = [];
  /** Callers waiting, in arrival order. */
  private queue: (() => void)[] = [];
  private pumping = false;
  throttles = 0;

  constructor(opts: RateLimitOptions = {}, private readonly log?: Logger) {
    const limit = Math.max(1, opts.requestsPerWindow ?? DEFAULT_RATE_LIMIT.requestsPerWindow);
    this.windowMs = Math.max(1, opts.windowMs ?? DEFAULT_RATE_LIMIT.windowMs);
    this.ceiling = Math.max(1, Math.floor(limit * SHARE));
    this.allowance = this.ceiling;
    this.slackMs = Math.min(SLACK_MAX_MS, Math.ceil(this.windowMs * SLACK_SHARE));
  }

  /** Requests per window allowed now (for log lines and tests). */
  get perWindow(): number {
    return this.allowance;
  }

  private expire(stamps: number[], now: number, slack: number): void {
    const since = now - this.windowMs - slack;
    let drop = 0;
    while (drop < stamps.length && stamps[drop] <= since) drop++;
    if (drop) stamps.splice(0, drop);
  }

  private recover(now: number): void {
    // A whole window without a 429: take back a tenth of the documented allowance.
    if (this.allowance < this.ceiling && now - this.changedAt >= this.windowMs && now >= this.pausedUntil) {
      this.allowance = Math.min(this.ceiling, this.allowance + Math.max(1, Math.round(this.ceiling / 10)));
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
        this.recover(now);
        this.expire(this.sentAt, now, this.slackMs);
        if (this.sentAt.length >= this.allowance) {
          // Wait for the send time that frees a place to leave the window (re-checked: a 429 may pause everyone).
          const frees = this.sentAt[this.sentAt.length - this.allowance];
          await sleep(Math.max(1, frees + this.windowMs + this.slackMs + 1 - now));
          continue;
        }
        this.sentAt.push(now);
        this.queue.shift()!();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** An answer that was not a 429. */
  passed(now = Date.now()): void {
    this.passedAt.push(now);
    this.expire(this.passedAt, now, 0);
  }

  /** A 429: slow down and hold everyone. Returns the pause in ms. */
  throttled(retryAfterMs?: number, now = Date.now()): number {
    this.expire(this.passedAt, now, 0);
    if (now < this.pausedUntil) {
      // The same burst, already handled; without Retry-After this refusal may count in Wix's window too.
      if (retryAfterMs === undefined) this.pausedUntil = Math.max(this.pausedUntil, now + this.windowMs);
      this.changedAt = Math.max(this.changedAt, this.pausedUntil);
      return this.pausedUntil - now;
    }
    this.throttles++;
    const gotThrough = this.passedAt.length;
    this.allowance = Math.max(1, Math.min(Math.floor(this.allowance / 2), Math.floor(gotThrough * SHARE)));
    this.passedAt = [];
    const pause = retryAfterMs !== undefined ? retryAfterMs : Math.round(this.windowMs * (1 + Math.random() * JITTER));
    this.pausedUntil = now + pause;
    this.changedAt = this.pausedUntil;
    // Wix said when to come back: the calls sent before it no longer hold places in our window, or a lowered
    // allowance would keep the next call waiting a whole window after the Retry-After.
    if (retryAfterMs !== undefined) this.sentAt = [];
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

/**
 * The process-wide limiter for this API host and key at this documented rate, as every client of the process
 * (uploads, the Media view, Select Site) asks for it; undefined when pacing is switched off (`false`).
 */
export function apiRateLimiter(baseUrl: string, apiKey: string, rate: RateLimitOptions | false | undefined, log?: Logger): ApiRateLimiter | undefined {
  if (rate === false) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  const identity = `${base}|${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}|${rate?.requestsPerWindow ?? DEFAULT_RATE_LIMIT.requestsPerWindow}/${rate?.windowMs ?? DEFAULT_RATE_LIMIT.windowMs}`;
  return sharedRateLimiter(identity, rate, log);
}

/** 429s one API call waits out behind the limiter before it counts as a failed attempt. */
export const MAX_THROTTLED_WAITS = 6;

/**
 * Sends one API-host request through the limiter: waits its turn, tells the limiter how it went, and on a 429
 * waits and sends again (at most MAX_THROTTLED_WAITS times). Without a limiter it just sends.
 */
export async function sendPaced<R extends { status: number; headers: Record<string, string | string[] | undefined> }>(
  limiter: ApiRateLimiter | undefined, send: () => Promise<R>, signal?: AbortSignal, fileName?: string,
): Promise<R> {
  for (let waits = 0; ; waits++) {
    await limiter?.take(signal, fileName);
    const res = await send();
    if (!limiter) return res;
    if (res.status !== 429) { limiter.passed(); return res; }
    limiter.throttled(parseRetryAfter(res.headers['retry-after']));
    if (waits >= MAX_THROTTLED_WAITS) return res;
  }
}
