// Applies 'status' and 'hang' faults at the door of a route.
import type { Ctx, Exchange } from './context';
import { answerForStatus, plainStatus, send, type HttpAnswer } from './errors';
import type { FaultRoute } from './types';

const UPLOAD_ROUTES: FaultRoute[] = ['put', 'tus-create', 'tus-patch', 'tus-finalize'];

/** True when a fault answered (or swallowed) the request. */
export function applyRouteFault(ctx: Ctx, ex: Exchange, route: FaultRoute): boolean {
  const hang = ctx.faults.take('hang', route);
  if (hang) {
    ctx.hold(ex.req, ex.res);
    return true;
  }
  const status = ctx.faults.take('status', route);
  if (status) {
    // The upload host answers with a status only (README "Upload-host errors"); a test may still give a body.
    const base = UPLOAD_ROUTES.includes(route) && !status.body ? plainStatus(status.status) : answerForStatus(status.status);
    const answer: HttpAnswer = { ...base, body: status.body ?? base.body, headers: {} };
    if (status.retryAfter !== undefined) answer.headers!['retry-after'] = String(status.retryAfter);
    reply(ex, answer);
    return true;
  }
  return false;
}

/** Answers a request whose body we won't read: close the connection after, so the client isn't left writing. */
export function reply(ex: Exchange, answer: HttpAnswer): void {
  const hasBody = ex.req.headers['content-length'] !== undefined && ex.req.headers['content-length'] !== '0'
    || ex.req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !ex.req.complete) {
    answer = { ...answer, headers: { ...answer.headers, connection: 'close' } };
    ex.req.resume();
  }
  send(ex.res, answer);
}

/** The pause a 'delay' fault puts before this route's answer (0 when none). */
export async function applyDelay(ctx: Ctx, route: FaultRoute): Promise<void> {
  const d = ctx.faults.take('delay', route);
  if (d && d.ms > 0) await new Promise((r) => setTimeout(r, d.ms));
}

/**
 * 'lose-answer': the work is done (file stored, token spent), then the connection drops before any answer,
 * as when a network path fails after the server committed (README "Lost answers"). True when it fired.
 */
export function loseAnswer(ctx: Ctx, ex: Exchange, route: 'put' | 'tus-finalize'): boolean {
  if (!ctx.faults.take('lose-answer', route)) return false;
  ex.res.socket?.destroy();
  return true;
}
