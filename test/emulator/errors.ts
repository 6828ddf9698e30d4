// Wix error envelopes (§11) and small response helpers.
import type { ServerResponse } from 'node:http';

export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: string;
  ruleName?: string;
  data?: object;
}

export interface HttpAnswer {
  status: number;
  body: object;
  headers?: Record<string, string>;
  /** Sent as text/plain instead of `body`: the upload host documents only a status (README "Upload-host errors"). */
  text?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 413: 'Payload Too Large', 428: 'Precondition Required', 429: 'Too Many Requests',
};

/** CONSTANT_CASE of the status text, as the Wix SDK synthesizes it. */
function codeOf(status: number): string {
  return (STATUS_TEXT[status] ?? 'Error').toUpperCase().replace(/ /g, '_');
}

export function applicationError(status: number, code: string, message: string, data: object = {}): HttpAnswer {
  return { status, body: { message, details: { applicationError: { code, description: message, data } } } };
}

export function validationError(violations: FieldViolation[], status = 400): HttpAnswer {
  const first = violations[0];
  const message = `INVALID_ARGUMENT: "${first.field}" ${first.description}`;
  return {
    status,
    body: { message, details: { validationError: { fieldViolations: violations.map((v) => ({ data: {}, ...v })) } } },
  };
}

/** 5xx bodies are deliberately empty on Wix. */
export function systemError(status: number): HttpAnswer {
  return { status, body: { message: '', details: {} } };
}

/** The default body for an injected status: 5xx empty, 4xx an applicationError named after the status. */
export function answerForStatus(status: number): HttpAnswer {
  if (status >= 500) return systemError(status);
  const text = STATUS_TEXT[status] ?? 'Error';
  return applicationError(status, codeOf(status), text);
}

export const unauthorized = (): HttpAnswer => applicationError(401, 'UNAUTHORIZED', 'Unauthorized');
export const forbidden = (why: string): HttpAnswer =>
  ({ status: 403, body: { message: why, details: { applicationError: { code: 'FORBIDDEN', description: 'Forbidden', data: {} } } } });
export const notFound = (what: string): HttpAnswer => applicationError(404, 'NOT_FOUND', `${what} not found`);

/**
 * An upload-host refusal: the Upload API documents only an HTTP status for its failures (Wix's "Upload API" page),
 * so no Wix envelope and no code, just the status line's text.
 */
export function plainStatus(status: number): HttpAnswer {
  return { status, body: {}, text: STATUS_TEXT[status] ?? (status >= 500 ? 'Server Error' : 'Error') };
}

export function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent || res.destroyed) return;
  const plain = answer.text !== undefined;
  const text = plain ? answer.text! : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': plain ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}

export function ok(body: object): HttpAnswer {
  return { status: 200, body };
}
