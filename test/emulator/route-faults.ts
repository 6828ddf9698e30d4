// Applies 'status' and 'hang' faults at the door of a route.
import type { Ctx, Exchange } from './context';
import { answerForStatus, send, type HttpAnswer } from './errors';
import type { FaultRoute } from './types';

/** True when a fault answered (or swallowed) the request. */
export function applyRouteFault(ctx: Ctx, ex: Exchange, route: FaultRoute): boolean {
  const hang = ctx.faults.take('hang', route);
  if (hang) {
    ctx.hold(ex.req, ex.res);
    return true;
  }
  const status = ctx.faults.take('status', route);
  if (status) {
    const base = answerForStatus(status.status);
    const answer: HttpAnswer = { status: status.status, body: status.body ?? base.body, headers: {} };
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
