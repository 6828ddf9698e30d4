// Rate-limit mode: N API-host calls per sliding window, then 429 "resource exhausted" with no Retry-After.
// Wix documents about 200 requests per minute per app instance, a 429 RESOURCE_EXHAUSTED past it, and no
// Retry-After header (https://dev.wix.com/docs/rest/articles/get-started/rate-limits; README "Rate-limit mode").
// Wix does not say whether refused calls count against the window; the harsher case is modelled: they do,
// so a client that keeps hammering stays locked out.
import { applicationError, type HttpAnswer } from './errors';

export interface RateLimit {
  calls: number;
  windowMs: number;
}

export function checkRateLimit(r: RateLimit): RateLimit {
  if (!Number.isInteger(r.calls) || r.calls < 1) throw new Error(`rateLimit.calls must be a whole number of at least 1, not ${r.calls}`);
  if (!(r.windowMs > 0)) throw new Error(`rateLimit.windowMs must be > 0, not ${r.windowMs}`);
  return { calls: r.calls, windowMs: r.windowMs };
}

/** "8/2000" -> { calls: 8, windowMs: 2000 } (the `--rate-limit CALLS/WINDOW_MS` flag). */
export function parseRateLimit(text: string): RateLimit {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`--rate-limit wants CALLS/WINDOW_MS such as 200/60000, got ${text}`);
  return checkRateLimit({ calls: Number(m[1]), windowMs: Number(m[2]) });
}

/** Wix's documented 429 (§11 "resource exhausted"): the standard envelope, no Retry-After header. */
export function rateLimited(): HttpAnswer {
  return applicationError(429, 'RESOURCE_EXHAUSTED', 'Too many requests: the rate limit of this app instance was exceeded');
}

export class RateLimiter {
  private limit: RateLimit | undefined;
  private stamps: number[] = [];
  /** Calls refused with 429 since the mode was set (or reset). */
  refused = 0;

  constructor(limit?: RateLimit) {
    this.set(limit);
  }

  set(limit: RateLimit | undefined): void {
    this.limit = limit ? checkRateLimit(limit) : undefined;
    this.stamps = [];
    this.refused = 0;
  }

  get current(): RateLimit | undefined {
    return this.limit;
  }

  /** Counts one API call; the 429 answer when it is over the limit. */
  admit(now = Date.now()): HttpAnswer | undefined {
    const l = this.limit;
    if (!l) return undefined;
    const since = now - l.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop] <= since) drop++;
    if (drop) this.stamps.splice(0, drop);
    const over = this.stamps.length >= l.calls;
    this.stamps.push(now);
    if (!over) return undefined;
    this.refused++;
    return rateLimited();
  }
}
