// One error type for everything that can go wrong talking to Wix, carrying a message a person can act on.

export type WixErrorKind =
  | 'validation'   // 400 with details.validationError (ruleName)
  | 'application'  // details.applicationError.code
  | 'http'         // a status with no Wix envelope
  | 'network'      // connection refused/reset, DNS
  | 'timeout'      // no answer within the time bound
  | 'cancelled'    // the AbortSignal fired
  | 'local';       // refused before any request (bad input)

export interface WixErrorInit {
  kind: WixErrorKind;
  code: string;
  status?: number;
  /** Wix's own text, already redacted. */
  detail?: string;
  retryAfterMs?: number;
  cause?: unknown;
  /** The file the failure concerns (its name as the Media Manager shows it), when there is one. */
  fileName?: string;
}

export class WixError extends Error {
  readonly kind: WixErrorKind;
  readonly code: string;
  readonly status?: number;
  readonly detail?: string;
  readonly retryAfterMs?: number;
  readonly fileName?: string;

  constructor(message: string, init: WixErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WixError';
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.fileName = init.fileName;
  }

  /** 429, 5xx, resets and timeouts are worth another try; no other 4xx is. */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    if (this.status === 429) return true;
    return this.status !== undefined && this.status >= 500;
  }
}

export function isCancellation(e: unknown): boolean {
  return e instanceof WixError ? e.kind === 'cancelled' : (e as { name?: string })?.name === 'AbortError';
}
