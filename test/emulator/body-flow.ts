// Reads a request body as a stream (never buffered whole), with the 'slow' and 'reset' faults applied to the socket.
import type { IncomingMessage } from 'node:http';

export interface FlowOptions {
  /** Throttle: pause the socket read whenever we are ahead of this rate. */
  bytesPerSecond?: number;
  /** False once the throttle was released (faults cleared): read at full speed from then on. */
  stillSlow?: () => boolean;
  /** Destroy the socket once this many body bytes have arrived (0: before reading any). */
  resetAfterBytes?: number;
  /** Called when the reset is about to fire; false cancels it (the fault was used up elsewhere). */
  onReset?: () => boolean;
  /** Stop reading once more than this many bytes arrived. */
  maxBytes?: number;
  onChunk(chunk: Buffer): void;
}

export type FlowResult = { outcome: 'complete' | 'aborted' | 'reset' | 'over-limit'; bytes: number };

export function pumpBody(req: IncomingMessage, o: FlowOptions): Promise<FlowResult> {
  return new Promise((resolve) => {
    let bytes = 0;
    let done = false;
    let resetAt = o.resetAfterBytes;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: FlowResult['outcome']) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve({ outcome, bytes });
    };
    const reset = () => {
      req.socket.destroy();
      finish('reset');
    };
    if (resetAt === 0 && (o.onReset?.() ?? true)) return reset();

    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (resetAt !== undefined && bytes + chunk.length >= resetAt) {
        if (o.onReset?.() ?? true) {
          const part = chunk.subarray(0, resetAt - bytes);
          bytes += part.length;
          o.onChunk(part);
          return reset();
        }
        resetAt = undefined;
      }
      bytes += chunk.length;
      o.onChunk(chunk);
      if (o.maxBytes !== undefined && bytes > o.maxBytes) {
        req.pause();
        return finish('over-limit');
      }
      if (o.bytesPerSecond && (o.stillSlow?.() ?? true)) {
        const wait = started + (bytes / o.bytesPerSecond) * 1000 - Date.now();
        if (wait > 2) {
          req.pause();
          timer = setTimeout(() => { timer = undefined; if (!done) req.resume(); }, Math.min(wait, 200));
        }
      }
    });
    req.on('end', () => finish('complete'));
    req.on('close', () => finish(req.complete ? 'complete' : 'aborted'));
    req.on('error', () => finish('aborted'));
  });
}
