import * as assert from 'node:assert/strict';
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
