import * as assert from 'node:assert/strict';
import { silentLogger } from '../../src/wix/log';
import { redact, redactUrl, redactingLogger, registerSecret, unregisterSecret } from '../../src/wix/redact';

describe('wix redact', () => {
  it('masks the token segment of an upload URL but keeps the host and filename', () => {
    const url = 'https://upload.wixmp.com/upload/abcDEF123456.xyz?filename=a%20b.png';
    const out = redactUrl(url);
    assert.equal(out, 'https://upload.wixmp.com/upload/***?filename=a%20b.png');
  });

  it('masks the token after /upload/tus/ but keeps the tus endpoint itself', () => {
    assert.equal(redactUrl('http://127.0.0.1:9/upload/tus'), 'http://127.0.0.1:9/upload/tus');
    assert.equal(redactUrl('http://127.0.0.1:9/upload/tus/'), 'http://127.0.0.1:9/upload/tus/');
    assert.equal(redactUrl('http://127.0.0.1:9/upload/tus/tok-1234567?filename=x'), 'http://127.0.0.1:9/upload/tus/***?filename=x');
    // A token that merely starts with "tus" is still a token.
    assert.equal(redactUrl('http://h/upload/tusABCDEF'), 'http://h/upload/***');
  });

  it('masks JWT-like strings and token= query values anywhere in text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const out = redact(`bearer ${jwt} and https://x/dl?a=1&token=s3cr3tvalue&b=2`);
    assert.ok(!out.includes('eyJhbGci'));
    assert.ok(!out.includes('s3cr3tvalue'));
    assert.ok(out.includes('a=1') && out.includes('b=2'));
  });

  it('masks the API key once registered, also percent-encoded and in serialized headers', () => {
    const key = 'IST.my-very-secret-key/with+chars';
    registerSecret(key);
    try {
      const out = redact(`key=${key} enc=${encodeURIComponent(key)} {"authorization":"${key}"} Authorization: ${key}`);
      assert.ok(!out.includes('my-very-secret-key'), out);
    } finally {
      unregisterSecret(key);
    }
    assert.ok(redact(`x ${key}`).includes('my-very-secret-key'), 'unregistered secrets are no longer masked');
  });

  it('masks secrets passed per call, longest first', () => {
    const out = redact('abcdefgh-and-abcdefghijkl', ['abcdefgh', 'abcdefghijkl']);
    assert.equal(out, '***-and-***');
  });

  it('masks uploadToken fields in JSON bodies', () => {
    const out = redact('{"uploadProtocol":"TUS","uploadUrl":"http://h/upload/tus","uploadToken":"opaque-token-value"}');
    assert.ok(!out.includes('opaque-token-value'));
    assert.ok(out.includes('"uploadUrl":"http://h/upload/tus"'));
  });

  it('leaves ordinary text alone and ignores too-short secrets', () => {
    registerSecret('abc');
    assert.equal(redact('upload abc to /site-media/v1/files'), 'upload abc to /site-media/v1/files');
  });

  it('the silent logger (what a client without a log gets), wrapped or not, takes every level without failing', () => {
    for (const log of [silentLogger, redactingLogger(silentLogger)]) {
      assert.doesNotThrow(() => { log.trace('t'); log.debug('d'); log.info('i'); log.warn('w'); log.error('e'); });
    }
  });

  it('redactingLogger redacts every level', () => {
    const lines: string[] = [];
    const push = (m: string) => lines.push(m);
    const log = redactingLogger({ trace: push, debug: push, info: push, warn: push, error: push });
    const t = 'eyJsecretsecret.payload.sig';
    log.trace(t); log.debug(t); log.info(t); log.warn(t); log.error(`PUT http://h/upload/${'x'.repeat(20)}`);
    assert.equal(lines.length, 5);
    for (const l of lines) assert.ok(!l.includes('secretsecret') && !l.includes('xxxxxxxx'), l);
  });
});

describe('wix redact: what stays out of a log line', () => {
  const masks = (secret: string) => redact(`log ${secret} end`) === 'log *** end';

  it('the Authorization header value is masked even when the key was never registered', () => {
    assert.equal(redact('Authorization: opaque-key-1234, Accept: */*'), 'Authorization: ***, Accept: */*');
    assert.equal(redact('authorization:opaque-key-1234'), 'authorization:***', 'no space after the colon');
    assert.equal(redact('authorization =  opaque-key-1234'), 'authorization =  ***', 'spaces around =');
    assert.equal(redact('{"authorization":"opaque-key-1234"}'), '{"authorization":"***"}');
  });

  it('an Authorization value after a scheme or a quote is masked: the token, not the word "Bearer"', () => {
    assert.equal(redact('Authorization: Bearer opaque-key-1234'), 'Authorization: Bearer ***');
    assert.equal(redact('proxy-authorization: Basic dXNlcjpwYXNzd29yZA=='), 'proxy-authorization: Basic ***');
    assert.equal(redact("{ authorization: 'opaque-key-1234' }"), "{ authorization: '***' }");
    assert.equal(redact('{ Authorization: "Bearer opaque-key-1234" }'), '{ Authorization: "Bearer ***" }');
  });

  it('every segment of a JWT is masked, not only its header', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    assert.equal(redact(`bearer ${jwt} end`), 'bearer *** end');
    assert.equal(redact(`key IST.${jwt}`), 'key IST.***');
  });

  it('the whole token= query value is masked, and the parameters after it are kept', () => {
    assert.equal(redact('https://x/dl?a=1&token=s3cr3tvalue&b=2'), 'https://x/dl?a=1&token=***&b=2');
  });

  it('token fields are masked in pretty-printed JSON too (a space before or after the colon)', () => {
    assert.equal(redact(JSON.stringify({ uploadToken: 'opaque-token-value' }, null, 2)), '{\n  "uploadToken": "***"\n}');
    assert.equal(redact('{ "uploadToken" : "opaque-token-value" }'), '{ "uploadToken" : "***" }');
  });

  it('per-call secrets: exactly 6 characters are masked; shorter ones and undefined are ignored', () => {
    assert.equal(redact('id a1b2c3 here', ['a1b2c3']), 'id *** here');
    assert.equal(redact('upload abc to the site', ['abc', undefined]), 'upload abc to the site');
    // A registry that starts with anything in it masks ordinary words; this phrase is what Stryker seeds a list with.
    assert.equal(redact('Stryker was here: nothing to hide'), 'Stryker was here: nothing to hide');
  });

  describe('upload tokens registered as transient secrets', () => {
    const CAP = 512;
    // Unique per run, so a run that failed half-way cannot leave secrets that make a later run pass.
    let run = '';
    const made: string[] = [];
    const token = (tag: string, i: number) => {
      const t = `tok-${tag}-${String(i).padStart(4, '0')}-${run}`;
      made.push(t);
      return t;
    };
    beforeEach(() => { run = Math.random().toString(36).slice(2, 10).padEnd(8, 'z'); });
    afterEach(() => { for (const t of made.splice(0)) unregisterSecret(t); });

    it('the newest 512 stay masked; older ones age out one by one; re-registering takes no extra slot', () => {
      const f = Array.from({ length: CAP }, (_, i) => token('fill', i));
      for (const t of f) registerSecret(t, { transient: true });
      assert.ok(masks(f[0]) && masks(f[CAP - 1]), 'all 512 masked');
      // The same token again, or the API key registered as transient too, evicts nothing.
      const key = `IST.pinned-api-key-${run}`;
      made.push(key);
      registerSecret(key);
      assert.ok(masks(key), 'a key registered after earlier redactions is masked at once');
      registerSecret(f[CAP - 1], { transient: true });
      registerSecret(key, { transient: true });
      assert.ok(masks(f[0]), 'the oldest is still masked after duplicate registrations');
      // One new token pushes out exactly the oldest.
      registerSecret(token('new', 0), { transient: true });
      assert.ok(!masks(f[0]), 'the oldest aged out');
      assert.ok(masks(f[1]), 'the next oldest is still masked');
      // The API key never ages out, however many tokens come after it.
      for (let i = 1; i <= CAP; i++) registerSecret(token('new', i), { transient: true });
      assert.ok(masks(key), 'the pinned key is still masked');
      unregisterSecret(key);
      assert.ok(!masks(key));
    });

    it('unregistering a token unmasks exactly that token, wherever it is in the list', () => {
      const f = Array.from({ length: CAP }, (_, i) => token('unreg', i));
      for (const t of f) registerSecret(t, { transient: true });
      unregisterSecret(f[0]);
      assert.ok(!masks(f[0]), 'the oldest, unregistered');
      unregisterSecret(f[200]);
      assert.ok(!masks(f[200]), 'one in the middle, unregistered');
      unregisterSecret('never-registered-secret');
      assert.ok(masks(f[1]) && masks(f[199]) && masks(f[201]) && masks(f[CAP - 1]), 'the others stay masked');
    });
  });
});
