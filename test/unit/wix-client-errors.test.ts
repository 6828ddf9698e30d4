// Every Wix error the client can meet, driven through the emulator, reads as the right actionable message.
import * as assert from 'node:assert/strict';
import { type WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import { describeError, remedyFor } from '../../src/wix/messages';
import { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, tempDir, writeFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

describe('wix client: errors through the emulator', function () {
  this.timeout(20_000);
  let emu: WixEmulator;
  let dir: string;
  const clients = emulatorClients(() => emu, () => ({ retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 } }));
  const client = (extra: Partial<WixClientOptions> = {}): WixMediaClient => clients.client(extra);
  async function failure(p: Promise<unknown>): Promise<WixError> {
    const e = await p.then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof WixError, `expected a WixError, got ${String(e)}`);
    return e;
  }
  async function upload(name: string, data: Buffer | string, opts = {}, c = client()) {
    return c.uploadFile(await fileSourceFromPath(await writeFile(dir, name, data), name), opts);
  }

  withEmulator({ maxFileBytes: 4000, quotaBytes: 3000 }, e => { emu = e; });
  before(async () => {
    // A 4000-byte per-type limit and a 3000-byte quota, so both are reachable with tiny files.
    dir = tempDir('wix-errors-');
  });
  beforeEach(() => emu.reset());
  afterEach(async () => {
    await clients.closeAll();
  });

  it('SITE_QUOTA_EXCEEDED', async () => {
    await upload('first.txt', 'a'.repeat(2500));
    const e = await failure(upload('second.txt', 'b'.repeat(1000)));
    assert.equal(e.code, 'SITE_QUOTA_EXCEEDED');
    assert.equal(e.kind, 'validation');
    assert.match(describeError(e, 'docs/second.txt'), /^"docs\/second\.txt": The Wix site's media storage is full .*upgrade the site's plan/);
  });

  it('FILE_SIZE_OVER_LIMIT (server)', async () => {
    const e = await failure(upload('big.txt', 'c'.repeat(4001)));
    assert.equal(e.code, 'FILE_SIZE_OVER_LIMIT');
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /^"big\.txt": Wix refused the file as too large.*Compress/);
    assert.equal(emu.requests.length, 1, 'not retried');
  });

  it('FILE_SIZE_OVER_LIMIT (local maxFileSizeBytes): refused before any request', async () => {
    const e = await failure(upload('big.txt', 'c'.repeat(2000), { maxFileSizeBytes: 1000 }));
    assert.equal(e.kind, 'local');
    assert.match(e.message, /"big\.txt": The file is 2\.0 KB, above the maximum upload size of 1000 bytes.*raise the maximum/);
    assert.equal(emu.requests.length, 0);
  });

  it('UNSUPPORTED_FILE_FORMAT', async () => {
    const e = await failure(upload('setup.sh', '#!/bin/sh\necho hi\n'));
    assert.equal(e.code, 'UNSUPPORTED_FILE_FORMAT');
    assert.match(describeError(e), /"setup\.sh": Wix's Media Manager does not accept this file type.*Convert/);
  });

  it('ZERO_FILE_SIZE: refused locally before any request, and by the server when asked directly', async () => {
    const empty = { name: 'empty.txt', size: 0, open: () => { throw new Error('must not be read'); } };
    const local = await failure(client().uploadFile(empty));
    assert.equal(local.kind, 'local');
    assert.equal(local.code, 'ZERO_FILE_SIZE');
    assert.match(local.message, /"empty\.txt": The file is empty \(0 bytes\)/);
    assert.equal(emu.requests.length, 0);

    const server = await failure(client().generateUploadUrl({ mimeType: 'text/plain', fileName: 'empty.txt', sizeInBytes: '0' }));
    assert.equal(server.kind, 'validation');
    assert.equal(server.code, 'ZERO_FILE_SIZE');
    assert.match(describeError(server, 'empty.txt'), /"empty\.txt": Wix refuses empty files.*Add content/);
  });

  it('MISMATCH_MIME_TYPE', async () => {
    const e = await failure(upload('photo.png', makePng(4, 4), { mimeType: 'video/mp4' }));
    assert.equal(e.code, 'MISMATCH_MIME_TYPE');
    assert.match(describeError(e), /extension does not match its MIME type.*Rename/);
  });

  it('401: a wrong key is named as the problem, with the set-api-key remedy for each face to word', async () => {
    const e = await failure(upload('a.txt', 'x', {}, client({ apiKey: 'IST.not-the-right-key' })));
    assert.equal(e.status, 401);
    assert.equal(e.code, 'UNAUTHORIZED');
    assert.match(describeError(e), /The Wix API key was rejected/);
    assert.doesNotMatch(describeError(e), /Wix Media:|WIX_API_KEY/);
    assert.equal(remedyFor(e), 'set-api-key');
    assert.equal(emu.requests.length, 1, 'not retried');
  });

  it('403: a wrong site names the scope, the site access and the site ID', async () => {
    const e = await failure(upload('a.txt', 'x', {}, client({ siteId: '00000000-0000-0000-0000-000000000000' })));
    assert.equal(e.status, 403);
    assert.equal(e.code, 'FORBIDDEN');
    assert.match(describeError(e), /"Manage Media Manager" permission.*access to this site.*site ID/);
    assert.equal(emu.requests.length, 1, 'not retried');
  });

  it('an unknown file on get-file: 400 RESOURCE_NOT_FOUND, as Wix answers', async () => {
    const e = await failure(client().getFileDescriptor('no-such-file.png'));
    assert.equal(e.status, 400);
    assert.equal(e.code, 'RESOURCE_NOT_FOUND');
    assert.match(describeError(e), /Wix could not find the file or folder.*deleted/);
    assert.equal(emu.requests.length, 1);
  });

  it('429 exhausted: maxAttempts requests, then the rate-limit message', async () => {
    emu.inject({ type: 'status', route: 'generate', status: 429, times: 10 });
    const e = await failure(upload('a.txt', 'x'));
    assert.equal(e.status, 429);
    assert.match(describeError(e), /limiting the request rate.*Wait a minute/);
    assert.equal(emu.stats.generateCalls, 4);
  });

  it('5xx exhausted: maxAttempts requests, then the server-error message', async () => {
    emu.inject({ type: 'status', route: 'generate', status: 502, times: 10 });
    const e = await failure(upload('a.txt', 'x', {}, client({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } })));
    assert.equal(e.status, 502);
    assert.match(describeError(e), /server error \(502 BAD_GATEWAY\).*try again in a few minutes/);
    assert.equal(emu.stats.generateCalls, 3);
  });

  it('network: nobody listening', async () => {
    const port = Number(new URL(emu.baseUrl).port);
    const dead = client({ baseUrl: `http://127.0.0.1:${port === 1 ? 2 : 1}`, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const e = await failure(dead.listFolders());
    assert.equal(e.kind, 'network');
    assert.match(describeError(e), /Could not reach Wix.*ECONNREFUSED.*Check the internet connection/);
  });

  it('timeout: no answer within the request timeout', async () => {
    emu.inject({ type: 'hang', route: 'folders' });
    const e = await failure(client({ requestTimeoutMs: 300, retry: { maxAttempts: 1 } }).listFolders());
    assert.equal(e.kind, 'timeout');
    assert.match(describeError(e), /did not answer in time/);
  });

  it('an expired upload URL: refreshed once, then reported as an upload-URL problem', async () => {
    // Every URL is issued already expired: a 1 ms lifetime raced a fast client, whose PUT could land within it.
    const expiring = await WixEmulator.start({ uploadUrlTtlMs: -1 });
    const c = client({ apiKey: expiring.apiKey, siteId: expiring.siteId, baseUrl: expiring.baseUrl });
    try {
      const src = await fileSourceFromPath(await writeFile(dir, 'late.txt', 'x'));
      const e = await failure(c.uploadFile(src));
      assert.equal(e.status, 403);
      // The upload host answers a bare 403 (README "Upload-host errors"): its own message, never the key's permission.
      assert.equal(e.code, 'UPLOAD_HOST_REFUSED');
      assert.match(describeError(e), /"late\.txt": Wix's upload server refused the file's bytes.*fresh upload URL/);
      assert.doesNotMatch(describeError(e), /Manage Media Manager/);
      assert.equal(expiring.stats.generateCalls, 2, 'one fresh URL, no more');
      assert.equal(expiring.files.length, 0);
    } finally {
      await c.close();
      await expiring.stop();
    }
  });

  it('local file problems name the file', async () => {
    const e = await failure(fileSourceFromPath(`${dir}/missing.png`, 'img/missing.png'));
    assert.match(describeError(e), /^"img\/missing\.png": The file does not exist/);
  });
});
