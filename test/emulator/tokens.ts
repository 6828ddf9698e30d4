// Single-use, expiring upload tokens that look like the JWTs Wix hands out (§2, §4).
import { randomBytes } from 'node:crypto';
import type { GenerateSpec } from './validate';

export type TokenKind = 'put' | 'tus';

export interface TokenRecord {
  kind: TokenKind;
  spec: GenerateSpec;
  expiresAt: number;
  /** fresh: usable; busy: a PUT/finalize is in flight; spent: used once, never again. */
  state: 'fresh' | 'busy' | 'spent';
  /** tus: the id of the upload created with this token (the latest one, if the client re-created it). */
  tusUploadId?: string;
}

const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; reason: 'unknown' | 'expired' | 'spent' | 'busy' | 'wrong-kind' };

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly prefix = '') {
    if (!/^[A-Za-z0-9_-]*$/.test(prefix)) throw new Error('tokenPrefix may only hold [A-Za-z0-9_-]');
  }

  issue(kind: TokenKind, spec: GenerateSpec, ttlMs: number): string {
    // header.payload.signature, URL-safe, with the prefix right after the payload's "eyJ" so tests can grep for it.
    const token = `${HEADER}.eyJ${this.prefix}${randomBytes(36).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { kind, spec, expiresAt: Date.now() + ttlMs, state: 'fresh' });
    return token;
  }

  /** Looks a token up without changing it. A busy token counts as reused for a second caller. */
  check(token: string, kind: TokenKind): TokenCheck {
    const record = this.tokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.kind !== kind) return { ok: false, reason: 'wrong-kind' };
    if (record.state === 'spent') return { ok: false, reason: 'spent' };
    if (record.state === 'busy') return { ok: false, reason: 'busy' };
    if (Date.now() > record.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, record };
  }

  clear(): void {
    this.tokens.clear();
  }
}
