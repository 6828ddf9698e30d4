// Reads a small JSON request body (API calls only; uploads never come through here).
import type { IncomingMessage } from 'node:http';

const LIMIT = 1024 * 1024;

export type JsonResult = { ok: true; value: unknown; bytes: number } | { ok: false; bytes: number; why: string };

export function readJson(req: IncomingMessage): Promise<JsonResult> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes <= LIMIT) parts.push(c);
    });
    req.on('error', () => resolve({ ok: false, bytes, why: 'aborted' }));
    req.on('end', () => {
      if (bytes > LIMIT) return resolve({ ok: false, bytes, why: 'body too large' });
      const text = Buffer.concat(parts).toString('utf8').trim();
      if (!text) return resolve({ ok: true, value: undefined, bytes });
      try {
        resolve({ ok: true, value: JSON.parse(text), bytes });
      } catch {
        resolve({ ok: false, bytes, why: 'body is not valid JSON' });
      }
    });
  });
}
