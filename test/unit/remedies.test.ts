// Neutral remedy codes (src/wix names the problem and a remedy; each face words it), transient vs permanent
// failures, the folder prompt's typed-path rules, and the queue's stalled phases against the emulator.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { CLI_REMEDIES, cliErrorText } from '../../src/cli/output';
import { UploadQueue } from '../../src/upload/queue';
import type { UploadItem } from '../../src/upload/types';
import { WixMediaClient } from '../../src/wix/client';
import { type WixError } from '../../src/wix/errors';
import { describeError, isTransient, LOCAL_CODES, localError, REMEDIES, remedyFor, UPLOAD_RULE_NAMES, wixError } from '../../src/wix/messages';
import { exactMatch, matchesTyped, typedChoice } from '../../src/vscode/prompts/folder-choice';
import { pushFront } from '../../src/vscode/recent';
import { parseLabels } from '../../src/vscode/validate';

/** One error of every kind, code and status the client makes. */
function everyError(): WixError[] {
  const out: WixError[] = [];
  const codes = [...UPLOAD_RULE_NAMES, 'PROCESSING_FAILED', 'RESOURCE_NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN',
    'PERMISSION_DENIED', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'TOKEN_ALREADY_USED', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'INTERNAL'];
  for (const code of codes) {
    for (const status of [undefined, 400, 401, 403, 404, 409, 429, 500, 503]) {
      for (const kind of ['validation', 'application', 'http'] as const) out.push(wixError({ kind, code, status, detail: 'x' }));
    }
  }
  // Every local code there is, so a new one cannot be left out of this test.
  for (const code of Object.values(LOCAL_CODES)) out.push(localError(code, 'a.png'));
  out.push(wixError({ kind: 'network', code: 'ECONNRESET' }), wixError({ kind: 'timeout', code: 'TIMEOUT' }), wixError({ kind: 'cancelled', code: 'CANCELLED' }));
  return out;
}

describe('remedy codes: src/wix names them, each face words them', () => {
  it('every CLI remedy names a flag or an environment variable, never a setting or a palette command', () => {
    for (const r of REMEDIES) {
      const text = CLI_REMEDIES[r];
      assert.match(text, /(^|\s)--[a-z][a-z-]+|\bWIX_[A-Z_]+\b/, `${r}: ${text}`);
      assert.doesNotMatch(text, /Wix Media:|wixMedia\.|setting|palette|command|Open Settings|Select Site|Set API Key/i, `${r}: ${text}`);
    }
  });

  it('every error of src/wix gives a sentence with no face\'s instruction in it', () => {
    for (const e of everyError()) {
      const text = describeError(e);
      assert.doesNotMatch(text, /Wix Media:|wixMedia\.|\bsettings?\b|WIX_[A-Z_]+|(^|\s)--[a-z]/, `${e.kind}/${e.code}/${e.status}: ${text}`);
    }
  });

  it('every error whose remedy the CLI knows gets it on stderr; no error gets the extension\'s words there', () => {
    const seen = new Set<string>();
    for (const e of everyError()) {
      const r = remedyFor(e);
      const text = cliErrorText(e);
      if (r) { seen.add(r); assert.ok(text.endsWith(CLI_REMEDIES[r]), text); }
      assert.doesNotMatch(text, /Wix Media:|wixMedia\.|\bsettings?\b/, text);
    }
    assert.deepEqual([...seen].sort(), [...REMEDIES].sort(), 'each remedy code is reachable');
  });

  it('maps a refused key to set-api-key, a refused site to select-site, the local size limit to raise-size-limit', () => {
    assert.equal(remedyFor(wixError({ kind: 'application', code: 'UNAUTHORIZED', status: 401 })), 'set-api-key');
    assert.equal(remedyFor(wixError({ kind: 'application', code: 'FORBIDDEN', status: 403 })), 'select-site');
    assert.equal(remedyFor(wixError({ kind: 'application', code: 'INVALID_TOKEN', status: 403 })), undefined, 'an upload token is not the site');
    assert.equal(remedyFor(localError('FILE_SIZE_OVER_LIMIT', 'a.png')), 'raise-size-limit');
    assert.equal(remedyFor(wixError({ kind: 'validation', code: 'FILE_SIZE_OVER_LIMIT', status: 400 })), undefined, "Wix's own limit is not ours to raise");
    assert.equal(remedyFor(new Error('boom')), undefined);
  });

  it('only network, timeouts, 429, 5xx, a refused upload token and a busy file are transient', () => {
    const transient = [
      wixError({ kind: 'network', code: 'ECONNRESET' }), wixError({ kind: 'timeout', code: 'TIMEOUT' }),
      wixError({ kind: 'http', code: 'TOO_MANY_REQUESTS', status: 429 }), wixError({ kind: 'http', code: 'INTERNAL', status: 503 }),
      wixError({ kind: 'application', code: 'TOKEN_EXPIRED', status: 403 }), localError('FILE_CHANGED', 'a.png'),
    ];
    const permanent = [
      wixError({ kind: 'validation', code: 'ZERO_FILE_SIZE', status: 400 }), wixError({ kind: 'validation', code: 'UNSUPPORTED_FILE_FORMAT', status: 400 }),
      wixError({ kind: 'application', code: 'PROCESSING_FAILED' }), wixError({ kind: 'validation', code: 'FILE_SIZE_OVER_LIMIT', status: 400 }),
      localError('FILE_SIZE_OVER_LIMIT', 'a.png'), localError('ZERO_FILE_SIZE', 'a.png'), localError('FILE_NOT_FOUND', 'a.png'),
      wixError({ kind: 'application', code: 'UNAUTHORIZED', status: 401 }), wixError({ kind: 'application', code: 'FORBIDDEN', status: 403 }),
      wixError({ kind: 'cancelled', code: 'CANCELLED' }), new Error('unexpected'),
    ];
    for (const e of transient) assert.equal(isTransient(e), true, (e as WixError).code);
    for (const e of permanent) assert.equal(isTransient(e), false, (e as WixError).code ?? e.message);
  });
});

describe('folder prompt: what typed text means', () => {
  it('an absolute path goes as filePath from the root, whatever folder was browsed', () => {
    assert.deepEqual(typedChoice('/blog/2026', { path: '/' }), { filePath: '/blog/2026', display: '/blog/2026' });
    assert.deepEqual(typedChoice(' /blog//2026/ ', { id: 'f1', path: '/site' }), { filePath: '/blog/2026', display: '/blog/2026' });
  });

  it('a relative path goes below the browsed folder, by its ID', () => {
    assert.deepEqual(typedChoice('new/sub', { id: 'f1', path: '/site/a b' }), { folderId: 'f1', filePath: '/new/sub', display: '/site/a b/new/sub' });
    assert.deepEqual(typedChoice('new', { path: '/' }), { filePath: '/new', display: '/new' });
  });

  it('blank text or the root itself means nothing typed', () => {
    assert.equal(typedChoice('  ', { path: '/' }), undefined);
    assert.equal(typedChoice('/', { path: '/' }), undefined);
  });

  it('matches ignore case; an exact name ignores case and slashes', () => {
    assert.equal(matchesTyped('BLO', 'blog'), true);
    assert.equal(matchesTyped('x', 'blog'), false);
    assert.equal(exactMatch('/Blog/', ['blog', 'docs'], s => s), 'blog');
    assert.equal(exactMatch('blo', ['blog'], s => s), undefined);
  });
});

describe('queue: a stalled upload says where it is', () => {
  let emu: WixEmulator;
  withEmulator({ readyDelayMs: 0 }, e => { emu = e; });

  it('waiting for Wix once every byte is out, then retrying (attempt 2) after the stall, then done', async () => {
    const client = new WixMediaClient({
      apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, uploadIdleTimeoutMs: 400, retry: { baseDelayMs: 10 },
    });
    try {
      emu.inject({ type: 'hang', route: 'put' });
      const queue = new UploadQueue(client);
      const seen: string[] = [];
      queue.onDidChange((i: UploadItem) => {
        const s = `${i.state}${i.phase ? `:${i.phase}:${i.attempt}` : ''}`;
        if (seen[seen.length - 1] !== s) seen.push(s);
      });
      const body = Buffer.alloc(2048, 7);
      const batch = queue.enqueue([{ source: { name: 'stall.bin', size: body.length, open: (start = 0) => Readable.from([body.subarray(start)]) } }]);
      await batch.done;
      assert.equal(batch.items[0].state, 'done', batch.items[0].message);
      assert.ok(seen.includes('uploading:waiting-for-wix:1'), seen.join(' '));
      assert.ok(seen.includes('uploading:retrying:2'), seen.join(' '));
      assert.equal(batch.items[0].phase, undefined, 'no phase once done');
      assert.equal(emu.files.length, 1);
    } finally {
      await client.close();
    }
  });
});

describe('recent folders and labels: one entry per value, ignoring case', () => {
  it('keeps the newest spelling first and drops the others', () => {
    assert.deepEqual(pushFront(['/Blog', 'docs', '/site'], ['/blog'], 8), ['/blog', 'docs', '/site']);
    assert.deepEqual(pushFront(['Hero', 'hero', 'x'], [], 8), ['Hero', 'x']);
    assert.deepEqual(pushFront(['a', 'b', 'c'], ['d'], 2), ['d', 'a']);
  });

  it('labels typed twice in different case are one label', () => {
    assert.deepEqual(parseLabels('Hero, hero , HERO, landing'), ['Hero', 'landing']);
  });
});
