import * as assert from 'node:assert/strict';
import { WixError, isCancellation } from '../../src/wix/errors';
import { parseErrorResponse, parseRetryAfter, statusCode } from '../../src/wix/errors-parse';
import { describeError, localError, wixError } from '../../src/wix/messages';

const violation = (ruleName?: string) => JSON.stringify({
  message: 'INVALID_ARGUMENT: "sizeInBytes" too big',
  details: { validationError: { fieldViolations: [{ field: 'sizeInBytes', description: 'too big', violatedRule: 'OTHER', ruleName }] } },
});

describe('wix error parsing', () => {
  it('takes validationError.fieldViolations[].ruleName first', () => {
    const e = parseErrorResponse(400, violation('FILE_SIZE_OVER_LIMIT'));
    assert.equal(e.kind, 'validation');
    assert.equal(e.code, 'FILE_SIZE_OVER_LIMIT');
    assert.equal(e.status, 400);
    assert.equal(e.retryable, false);
    assert.match(e.detail ?? '', /too big/);
  });

  it('finds the first violation that has a ruleName', () => {
    const body = JSON.stringify({ details: { validationError: { fieldViolations: [{ field: 'a' }, { field: 'b', ruleName: 'ZERO_FILE_SIZE' }] } } });
    assert.equal(parseErrorResponse(400, body).code, 'ZERO_FILE_SIZE');
  });

  it('falls back to applicationError.code', () => {
    const body = JSON.stringify({ message: 'nope', details: { applicationError: { code: 'ALREADY_EXISTS', description: 'exists' } } });
    const e = parseErrorResponse(409, body);
    assert.equal(e.kind, 'application');
    assert.equal(e.code, 'ALREADY_EXISTS');
  });

  it('falls back to the status in CONSTANT_CASE (empty 5xx bodies, non-JSON, HTML)', () => {
    assert.equal(parseErrorResponse(503, '{"message":"","details":{}}').code, 'SERVICE_UNAVAILABLE');
    assert.equal(parseErrorResponse(500, '').code, 'INTERNAL_SERVER_ERROR');
    assert.equal(parseErrorResponse(429, 'slow down').code, 'TOO_MANY_REQUESTS');
    const html = parseErrorResponse(502, '<html><body>bad gateway</body></html>');
    assert.equal(html.code, 'BAD_GATEWAY');
    assert.equal(html.detail, undefined);
    assert.equal(statusCode(401), 'UNAUTHORIZED');
    assert.equal(statusCode(403), 'FORBIDDEN');
    assert.equal(statusCode(599), 'HTTP_599');
  });

  it('a validationError without ruleName is still a validation error, coded by status', () => {
    const e = parseErrorResponse(400, violation(undefined));
    assert.equal(e.kind, 'validation');
    assert.equal(e.code, 'BAD_REQUEST');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now), 3000);
    const e = parseErrorResponse(429, '{}', { 'retry-after': '3' });
    assert.equal(e.retryAfterMs, 3000);
    assert.equal(e.retryable, true);
  });

  it('redacts tokens that a server echoes into its message', () => {
    const body = JSON.stringify({ message: 'token eyJabcdefgh.ijklmnop.qrstuv is spent for /upload/secret-token-123' });
    const e = parseErrorResponse(400, body);
    assert.ok(!e.message.includes('eyJabcdefgh') && !e.message.includes('secret-token-123'), e.message);
  });
});

describe('wix error messages', () => {
  const server = (code: string, status = 400) => wixError({ kind: 'validation', code, status });

  const cases: [WixError, RegExp][] = [
    [server('SITE_QUOTA_EXCEEDED'), /storage is full.*upgrade/],
    [server('FILE_SIZE_OVER_LIMIT'), /too large.*Compress/],
    [server('UNSUPPORTED_FILE_FORMAT'), /does not accept this file type.*Convert/],
    [server('ZERO_FILE_SIZE'), /empty.*0 bytes/],
    [server('MISMATCH_MIME_TYPE'), /extension does not match.*Rename/],
    [wixError({ kind: 'application', code: 'UNAUTHORIZED', status: 401 }), /The Wix API key was rejected.*Wix API Keys Manager\.$/],
    [wixError({ kind: 'application', code: 'FORBIDDEN', status: 403 }), /"Manage Media Manager".*access to this site.*site ID/],
    [wixError({ kind: 'application', code: 'NOT_FOUND', status: 404 }), /could not find/],
    [wixError({ kind: 'http', code: 'TOO_MANY_REQUESTS', status: 429 }), /limiting the request rate.*Wait/],
    [wixError({ kind: 'http', code: 'SERVICE_UNAVAILABLE', status: 503 }), /server error \(503.*try again/],
    [wixError({ kind: 'network', code: 'ECONNREFUSED', detail: 'ECONNREFUSED' }), /Could not reach Wix.*connection/],
    [wixError({ kind: 'timeout', code: 'TIMEOUT' }), /did not answer in time/],
    [wixError({ kind: 'cancelled', code: 'CANCELLED' }), /cancelled/],
    [wixError({ kind: 'application', code: 'PROCESSING_FAILED' }), /could not process it.*upload again/],
    [localError('ZERO_FILE_SIZE', 'a.png'), /empty \(0 bytes\).*Add content/],
    [localError('FILE_NOT_FOUND', 'a.png'), /does not exist.*Check the path/],
    [localError('FILE_NOT_READABLE', 'a.png'), /permission.*read permission/],
    [localError('NOT_A_FILE', 'a.png'), /not a regular file.*Choose files/],
    [localError('FILE_NAME_TOO_LONG', 'a.png'), /at most 200/],
    [localError('FILE_PATH_TOO_LONG', 'a.png'), /at most 100/],
  ];
  for (const [err, re] of cases) {
    it(`${err.kind}/${err.code}${err.status ? `/${err.status}` : ''} reads as an actionable sentence`, () => {
      assert.match(describeError(err), re);
      assert.match(err.message, re, 'the error message itself is the sentence');
    });
  }

  it('names the file: the label given, else the file the error carries', () => {
    const e = localError('ZERO_FILE_SIZE', 'empty.txt');
    assert.match(describeError(e), /^"empty\.txt": /);
    assert.match(describeError(e, 'docs/empty.txt'), /^"docs\/empty\.txt": /);
    assert.match(describeError(server('SITE_QUOTA_EXCEEDED'), 'img/a.png'), /^"img\/a\.png": /);
  });

  it('handles AbortError and arbitrary errors, redacted', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    assert.match(describeError(abort, 'x.png'), /"x\.png": The upload was cancelled/);
    const odd = describeError(new Error('boom at http://h/upload/tok-abcdef123'));
    assert.match(odd, /Unexpected error: boom/);
    assert.ok(!odd.includes('tok-abcdef123'));
    assert.match(describeError('plain string'), /plain string/);
  });
});

describe('wix error parsing: what the user reads and how long the client waits', () => {
  const detailOf = (status: number, body: unknown) =>
    parseErrorResponse(status, typeof body === 'string' ? body : JSON.stringify(body)).detail;

  it('Retry-After is honoured on 429 and 503 only: other statuses use the client\'s own backoff', () => {
    assert.equal(parseErrorResponse(429, '{}', { 'retry-after': '2' }).retryAfterMs, 2000);
    assert.equal(parseErrorResponse(503, '{}', { 'retry-after': '2' }).retryAfterMs, 2000);
    assert.equal(parseErrorResponse(500, '{}', { 'retry-after': '2' }).retryAfterMs, undefined);
    assert.equal(parseErrorResponse(502, '{}', { 'retry-after': '2' }).retryAfterMs, undefined);
    assert.equal(parseErrorResponse(400, '{}', { 'retry-after': '2' }).retryAfterMs, undefined);
    assert.equal(parseErrorResponse(429, '{}', { 'retry-after': ['4', '9'] }).retryAfterMs, 4000, 'the first of repeated headers');
    assert.equal(parseErrorResponse(429, '{}').retryAfterMs, undefined);
  });

  it('Retry-After: multi-digit seconds, fractions and padding are read exactly', () => {
    assert.equal(parseRetryAfter('120'), 120_000);
    assert.equal(parseRetryAfter('1.25'), 1250);
    assert.equal(parseRetryAfter(' 5 '), 5000);
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter(''), undefined);
  });

  it('Retry-After: malformed values are unreadable (undefined), never a wrong or NaN wait', () => {
    for (const v of ['5 seconds', '5sec', '~5', '1e3', '0x10', 'PT5S', 'in 5', '-5', '5;']) {
      assert.equal(parseRetryAfter(v), undefined, JSON.stringify(v));
    }
    const now = Date.parse('2025-01-01T00:00:10Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now), 0, 'a date in the past means now, not a negative wait');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:40 GMT', now), 30_000, 'an HTTP-date in the future: the time until it');
    assert.equal(parseRetryAfter('Wednesday, 01-Jan-25 00:00:40 GMT', now), 30_000, 'the RFC 850 form');
  });

  it('a long server message is cut to 300 characters ending with an ellipsis; 300 characters are kept whole', () => {
    const long = 'x'.repeat(299) + 'YZ' + 'w'.repeat(100);
    const d = detailOf(400, { message: long });
    assert.equal(d, `${'x'.repeat(299)}…`);
    assert.equal(d?.length, 300);
    const exact = 'y'.repeat(300);
    assert.equal(detailOf(400, { message: exact }), exact);
  });

  it('whitespace in a server message is collapsed to single spaces and trimmed', () => {
    assert.equal(detailOf(400, { message: '  Upload\n\n   refused\tnow  ' }), 'Upload refused now');
  });

  it('which of Wix\'s words the user reads: the message, else the violation, else the application error', () => {
    const viol = { field: 'sizeInBytes', description: 'must be positive' };
    assert.equal(detailOf(400, { message: 'nope', details: { applicationError: { code: 'X_Y', description: 'exists' } } }), 'nope');
    assert.equal(detailOf(400, { details: { validationError: { fieldViolations: [viol] } } }), 'sizeInBytes must be positive');
    assert.equal(detailOf(400, { details: { validationError: { fieldViolations: [{ description: 'must be positive' }] } } }), 'must be positive');
    assert.equal(detailOf(409, { details: { applicationError: { code: 'ALREADY_EXISTS', description: 'exists' } } }), 'exists');
    // A blank message does not hide the description behind it.
    assert.equal(detailOf(409, { message: '   ', details: { applicationError: { code: 'ALREADY_EXISTS', description: 'exists' } } }), 'exists');
  });

  it('plain-text bodies are shown; JSON, blank and HTML bodies are not', () => {
    assert.equal(detailOf(413, 'size must be < 25MB'), 'size must be < 25MB');
    assert.equal(detailOf(500, '{}'), undefined);
    assert.equal(detailOf(500, '{"unexpected":true}'), undefined);
    assert.equal(detailOf(500, '   \n '), undefined);
    assert.equal(detailOf(502, '\n  <!DOCTYPE html><html><body>Bad gateway</body></html>'), undefined);
  });

  it('an answer with no Wix envelope is an http error coded by its status, whatever JSON it carries', () => {
    for (const body of ['null', '5', '"text"', '[]', '{}']) {
      const e = parseErrorResponse(503, body);
      assert.equal(e.kind, 'http', body);
      assert.equal(e.code, 'SERVICE_UNAVAILABLE', body);
    }
  });

  it('odd fieldViolations (null entries, non-string ruleNames) are skipped, not trusted or crashed on', () => {
    const body = (fieldViolations: unknown[]) => JSON.stringify({ details: { validationError: { fieldViolations } } });
    assert.equal(parseErrorResponse(400, body([null, { ruleName: 'ZERO_FILE_SIZE' }])).code, 'ZERO_FILE_SIZE');
    const odd = parseErrorResponse(400, body([{ ruleName: 42 }, { ruleName: { x: 1 } }]));
    assert.equal(odd.code, 'BAD_REQUEST');
    assert.equal(odd.kind, 'validation');
  });
});

describe('wix errors: which failures are tried again, and which count as a cancel', () => {
  const err = (kind: WixError['kind'], status?: number) => new WixError('m', { kind, code: 'X', status });

  it('connection failures, timeouts, 429 and every 5xx are retried; other answers and local refusals are not', () => {
    assert.equal(err('network').retryable, true);
    assert.equal(err('timeout').retryable, true);
    assert.equal(err('http', 429).retryable, true);
    assert.equal(err('http', 500).retryable, true);
    assert.equal(err('http', 503).retryable, true);
    assert.equal(err('http', 499).retryable, false);
    assert.equal(err('http', 404).retryable, false);
    assert.equal(err('validation', 400).retryable, false);
    assert.equal(err('local').retryable, false);
    assert.equal(err('cancelled').retryable, false);
  });

  it('the underlying cause is kept for the log', () => {
    const cause = new Error('ECONNRESET');
    assert.equal(new WixError('m', { kind: 'network', code: 'ECONNRESET', cause }).cause, cause);
    assert.equal(new WixError('m', { kind: 'network', code: 'ECONNRESET' }).cause, undefined);
  });

  it('a cancel is a cancelled WixError or an AbortError; nothing else is', () => {
    assert.equal(isCancellation(err('cancelled')), true);
    assert.equal(isCancellation(err('timeout')), false);
    assert.equal(isCancellation(Object.assign(new Error('x'), { name: 'AbortError' })), true);
    assert.equal(isCancellation(new Error('x')), false);
    assert.equal(isCancellation(undefined), false);
    assert.equal(isCancellation(null), false);
  });
});
