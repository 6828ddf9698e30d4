// Every emulator fault fires, and `times` counts down; also the HTTP control plane.
import * as assert from 'node:assert/strict';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng } from '../helpers/fixtures';
import { api, generateUploadUrl, putBytes, rawPut, sleep, untilClosed, uploadViaPut, waitForSettled } from '../helpers/emulator-client';

const GEN = '/site-media/v1/files/generate-upload-url';
const MiB = 1024 * 1024;

describe('Wix emulator: faults', () => {
  let emu: WixEmulator;
  const emulator = withEmulator({ readyDelayMs: 10 }, e => { emu = e; }, 'test');

  it("'status' answers the given status `times` times, with Retry-After", async () => {
    emu.inject({ type: 'status', route: 'generate', status: 429, retryAfter: 3, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await api(emu, 'POST', GEN, { mimeType: 'image/png' });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '3');
      assert.equal(r.json.details.applicationError.code, 'TOO_MANY_REQUESTS');
    }
    assert.equal((await api(emu, 'POST', GEN, { mimeType: 'image/png' })).status, 200);
    assert.equal(emu.stats.generateCalls, 3);
  });

  it("'status' 5xx bodies are Wix's empty envelope; a custom body is sent as given", async () => {
    emu.inject({ type: 'status', route: 'get-file', status: 503 });
    emu.inject({ type: 'status', route: 'folders', status: 409, body: { message: 'custom', details: {} } });
    const r = await api(emu, 'GET', '/site-media/v1/files/get-file-by-id?fileId=x');
    assert.equal(r.status, 503);
    assert.deepEqual(r.json, { message: '', details: {} });
    const f = await api(emu, 'GET', '/site-media/v1/folders');
    assert.equal(f.status, 409);
    assert.equal(f.json.message, 'custom');
  });

  it("'status' on a PUT leaves the upload URL usable", async () => {
    const url = await generateUploadUrl(emu, { mimeType: 'image/png' });
    emu.inject({ type: 'status', route: 'put', status: 500 });
    assert.equal((await putBytes(url, makePng(2, 2), 'a.png')).status, 500);
    assert.equal((await putBytes(url, makePng(2, 2), 'a.png')).status, 200);
    assert.equal(emu.files.length, 1);
  });

  it("'hang' holds the request until the client gives up; stop() releases held requests", async () => {
    emu.inject({ type: 'hang', route: 'get-file', times: 2 });
    const path = `${emu.baseUrl}/site-media/v1/files/get-file-by-id?fileId=x`;
    const headers = { authorization: emu.apiKey, 'wix-site-id': emu.siteId };
    await assert.rejects(fetch(path, { headers, signal: AbortSignal.timeout(150) }), { name: 'TimeoutError' });
    const rec = await untilClosed(() => emu.requests[0]);
    assert.equal(rec.status, 0);
    const held = fetch(path, { headers }).then(() => 'answered', () => 'dropped');
    await sleep(50);
    await emu.stop();
    assert.equal(await held, 'dropped');
    await emulator.restart();
  });

  it("'reset' on a PUT drops the connection after N bytes and stores nothing; the URL still works", async () => {
    const url = await generateUploadUrl(emu, { mimeType: 'application/octet-stream' });
    emu.inject({ type: 'reset', route: 'put', afterBytes: 100_000 });
    assert.equal(await rawPut(`${url}?filename=a.bin`, MiB), 'error');
    await untilClosed(() => emu.requests[1]);
    assert.equal(emu.stats.putBodyBytes, 100_000);
    assert.equal(emu.files.length, 0);
    assert.equal(await rawPut(`${url}?filename=a.bin`, MiB), 200);
    assert.equal(emu.files[0].size, MiB);
  });

  it("'slow' throttles the body so a client can cancel mid-upload; nothing is stored", async () => {
    const url = await generateUploadUrl(emu, { mimeType: 'application/octet-stream' });
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 256 * 1024 });
    const ac = new AbortController();
    const put = fetch(`${url}?filename=slow.bin`, { method: 'PUT', body: Buffer.alloc(8 * MiB), signal: ac.signal });
    while (emu.stats.putBodyBytes === 0) await sleep(5);
    ac.abort();
    await assert.rejects(put, { name: 'AbortError' });
    assert.ok(emu.stats.putBodyBytes < 8 * MiB, `the server read ${emu.stats.putBodyBytes} bytes`);
    assert.deepEqual(emu.state().faults, []); // used once
    // The bytes already in the kernel's buffers still drain at the slow rate; clearing faults releases the throttle.
    emu.clearFaults();
    await untilClosed(() => emu.requests[1]);
    assert.equal(emu.files.length, 0);
    assert.equal(await rawPut(`${url}?filename=slow.bin`, 1000), 200); // the cancelled PUT released the URL
  });

  it('a PUT the client abandons mid-body stores nothing', async () => {
    const url = await generateUploadUrl(emu, { mimeType: 'application/octet-stream' });
    assert.equal(await rawPut(`${url}?filename=a.bin`, 4 * MiB, { abortAfter: 256 * 1024 }), 'aborted');
    await untilClosed(() => emu.requests[1]);
    assert.equal(emu.files.length, 0);
  });

  it("'spent-url' makes the next PUTs answer as already used", async () => {
    emu.inject({ type: 'spent-url', times: 2 });
    const url = await generateUploadUrl(emu, { mimeType: 'image/png' });
    for (let i = 0; i < 2; i++) {
      const r = await putBytes(url, makePng(2, 2), 'a.png');
      assert.equal(r.status, 429);
      assert.equal(r.text, 'Too Many Requests');
    }
    assert.equal((await putBytes(url, makePng(2, 2), 'a.png')).status, 200);
  });

  it("'stay-pending' holds files PENDING until faults are cleared", async () => {
    emu.inject({ type: 'stay-pending' });
    const id = (await uploadViaPut(emu, makePng(2, 2), { mimeType: 'image/png', filename: 'a.png' })).json.file.id;
    assert.equal((await waitForSettled(emu, id, 10)).operationStatus, 'PENDING');
    emu.clearFaults();
    assert.equal((await waitForSettled(emu, id)).operationStatus, 'READY');
  });

  it("'fail-processing' fails the next `times` files only", async () => {
    emu.inject({ type: 'fail-processing', times: 1 });
    const a = (await uploadViaPut(emu, makePng(2, 2), { mimeType: 'image/png', filename: 'a.png' })).json.file.id;
    const b = (await uploadViaPut(emu, makePng(2, 2), { mimeType: 'image/png', filename: 'b.png' })).json.file.id;
    assert.equal((await waitForSettled(emu, a)).operationStatus, 'FAILED');
    assert.equal((await waitForSettled(emu, b)).operationStatus, 'READY');
  });

  it('refuses malformed faults', () => {
    assert.throws(() => emu.inject({ type: 'status', route: 'nope' } as never), /unknown route/);
    assert.throws(() => emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 0 }), /bytesPerSecond/);
  });

  describe('control endpoints', () => {
    const ctl = (method: string, path: string, body?: unknown) => api(emu, method, `/__emulator/${path}`, body, { authorization: undefined, 'wix-site-id': undefined });

    it('inject, inspect, clear faults and reset state over HTTP', async () => {
      assert.equal((await ctl('POST', 'faults', { type: 'status', route: 'folders', status: 500, times: 2 })).status, 200);
      let state = (await ctl('GET', 'state')).json;
      assert.equal(state.faults[0].left, 2);
      assert.equal((await api(emu, 'GET', '/site-media/v1/folders')).status, 500);
      assert.equal((await ctl('GET', 'state')).json.faults[0].left, 1);
      await ctl('DELETE', 'faults');
      assert.equal((await api(emu, 'GET', '/site-media/v1/folders')).status, 200);

      const seeded = await ctl('POST', 'folders', { displayPath: '/seed/deep' });
      assert.equal(seeded.status, 200);
      await uploadViaPut(emu, makePng(2, 2), { mimeType: 'image/png', filename: 'a.png', filePath: '/seed/deep' });
      state = (await ctl('GET', 'state')).json;
      assert.deepEqual(state.folders.map((f: { displayName: string }) => f.displayName), ['seed', 'deep']);
      assert.equal(state.files[0].descriptor.parentFolderId, seeded.json.folderId);
      assert.equal(state.stats.generateCalls, 1);

      assert.equal((await ctl('POST', 'faults', { type: 'bogus' })).status, 400);
      await ctl('POST', 'reset');
      assert.equal(emu.files.length, 0);
      assert.equal(emu.folders.length, 0);
      assert.equal(emu.stats.generateCalls, 0);
    });
  });
});
