// waitForReady, folders and close() against the emulator.
import * as assert from 'node:assert/strict';
import { WixMediaClient } from '../../src/wix/client';
import { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, tempDir, writeFile } from '../helpers/fixtures';

describe('wix client: readiness and folders', function () {
  this.timeout(20_000);
  let emu: WixEmulator;
  let dir: string;
  let c: WixMediaClient;

  withEmulator({ readyDelayMs: 150 }, e => { emu = e; });

  before(async () => {
    dir = tempDir('wix-ready-');
  });
  beforeEach(() => {
    emu.reset();
    c = new WixMediaClient({
      apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, rateLimit: false,
      retry: { baseDelayMs: 5, maxDelayMs: 20 }, readyPoll: { initialDelayMs: 20, maxDelayMs: 60 },
    });
  });
  afterEach(() => c.close());

  async function uploadPng(name = 'pic.png') {
    return c.uploadFile(await fileSourceFromPath(await writeFile(dir, name, makePng(32, 24)), name));
  }
  const gets = () => emu.requests.filter((r) => r.path === '/site-media/v1/files/get-file-by-id');

  it('PENDING -> READY: polls get-file-by-id until the image is processed', async () => {
    const d = await uploadPng();
    assert.equal(d.operationStatus, 'PENDING');
    const ready = await c.waitForReady(d.id, { timeoutMs: 5000 });
    assert.equal(ready.operationStatus, 'READY');
    assert.equal(ready.media?.image?.image.width, 32);
    assert.equal(ready.media?.image?.image.height, 24);
    assert.ok(gets().length >= 2, 'polled more than once');
    assert.equal(gets()[0].query.fileId, d.id);
    assert.equal(gets()[0].headers.authorization, emu.apiKey);
  });

  it('stay-pending: returns the PENDING descriptor once the bound is reached', async () => {
    emu.inject({ type: 'stay-pending' });
    const d = await uploadPng();
    const out = await c.waitForReady(d.id, { timeoutMs: 200 });
    assert.equal(out.operationStatus, 'PENDING');
    assert.equal(out.id, d.id);
    assert.ok(gets().length >= 2);
  });

  it('fail-processing: PROCESSING_FAILED with an actionable message', async () => {
    emu.inject({ type: 'fail-processing' });
    const d = await uploadPng('broken.png');
    const e = await c.waitForReady(d.id, { timeoutMs: 5000 }).catch((x: unknown) => x);
    assert.ok(e instanceof WixError);
    assert.equal(e.code, 'PROCESSING_FAILED');
    assert.match(e.message, /"broken\.png": Wix received the file but could not process it/);
  });

  it('survives a 503 while polling', async () => {
    const d = await uploadPng();
    emu.inject({ type: 'status', route: 'get-file', status: 503 });
    const ready = await c.waitForReady(d.id, { timeoutMs: 5000 });
    assert.equal(ready.operationStatus, 'READY');
  });

  it('createFolder + listFolders follows nextCursor across pages', async () => {
    const parent = await c.createFolder('exports');
    assert.equal(parent.displayName, 'exports');
    assert.equal(parent.parentFolderId, 'media-root');
    const created = await Promise.all(Array.from({ length: 105 }, (_, i) => c.createFolder(`sub-${String(i).padStart(3, '0')}`, parent.id)));
    const listed = await c.listFolders(parent.id);
    assert.deepEqual(listed.map((f) => f.id).sort(), created.map((f) => f.id).sort());
    const lists = emu.requests.filter((r) => r.method === 'GET' && r.path === '/site-media/v1/folders');
    assert.equal(lists.length, 2, 'two pages of up to 100');
    assert.equal(lists[1].query['paging.cursor'] !== undefined, true);
    assert.deepEqual((await c.listFolders()).map((f) => f.displayName), ['exports']);
  });

  it('close() closes the dispatcher: later calls fail instead of hanging', async () => {
    await c.close();
    const e = await c.listFolders().catch((x: unknown) => x);
    assert.ok(e instanceof WixError);
    assert.equal(emu.requests.length, 0);
  });
});
