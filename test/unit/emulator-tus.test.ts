// The emulator's tus endpoint with the real tus-js-client, and the Wix finalize step.
import * as assert from 'node:assert/strict';
import * as tus from 'tus-js-client';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256 } from '../helpers/fixtures';
import { api } from '../helpers/emulator-client';

const MiB = 1024 * 1024;

async function resumable(emu: WixEmulator, body: object = {}): Promise<{ uploadUrl: string; uploadToken: string }> {
  const r = await api(emu, 'POST', '/site-media/v1/files/generate-resumable-upload-url', { mimeType: 'image/png', uploadProtocol: 'TUS', ...body });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.uploadProtocol, 'TUS');
  return r.json;
}

function tusUpload(bytes: Buffer, endpoint: string, metadata: Record<string, string>, retryDelays = [0, 10, 10]): Promise<void> {
  return new Promise((resolve, reject) => {
    new tus.Upload(bytes as unknown as Blob, // tus-js-client reads Buffers in Node; its types only list browser inputs
       { endpoint, chunkSize: MiB, retryDelays, metadata, onSuccess: () => resolve(), onError: reject }).start();
  });
}

function finalize(emu: WixEmulator, uploadUrl: string, token: string, filename?: string) {
  const q = filename ? `?filename=${encodeURIComponent(filename)}` : '';
  return fetch(`${uploadUrl}/${token}${q}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then(async (r) => {
      const text = await r.text();
      let json: any;
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: r.status, json, text, type: r.headers.get('content-type') ?? '' };
    });
}

describe('Wix emulator: tus', () => {
  let emu: WixEmulator;
  const emulator = withEmulator({ readyDelayMs: 0 }, e => { emu = e; }, 'test');

  it('takes a 3 MB upload in 1 MB chunks and finalizes it into a descriptor', async () => {
    const { uploadUrl, uploadToken } = await resumable(emu, { filePath: '/big', labels: ['tus'] });
    assert.equal(uploadUrl, `${emu.baseUrl}/upload/tus`);
    const png = makePng(300, 200, 3 * MiB);
    await tusUpload(png, uploadUrl, { filename: 'big.png', contentType: 'image/png', token: uploadToken });
    const r = await finalize(emu, uploadUrl, uploadToken, 'big.png');
    assert.equal(r.status, 200);
    assert.equal(r.json.file.sizeInBytes, String(png.length));
    assert.equal(r.json.file.operationStatus, 'READY');
    assert.equal(r.json.file.media.image.image.width, 300);
    const stored = emu.files[0];
    assert.equal(stored.sha256, sha256(png));
    assert.equal(stored.via, 'tus');
    assert.equal(stored.folderPath, '/big');
    assert.equal(stored.contentType, 'image/png');
    assert.equal(emu.stats.tusPatchBytes, png.length);
    assert.equal(emu.stats.tusCreates, 1);
    assert.equal(emu.requests.filter((q) => q.method === 'PATCH').length, 4);
    // The token is spent now.
    assert.equal((await finalize(emu, uploadUrl, uploadToken, 'big.png')).status, 429);
  });

  it('resumes after a reset at an upload offset and still delivers every byte once', async () => {
    const { uploadUrl, uploadToken } = await resumable(emu);
    const png = makePng(10, 10, 2 * MiB);
    emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: 1_500_000 });
    await tusUpload(png, uploadUrl, { filename: 'r.png', contentType: 'image/png', token: uploadToken });
    assert.equal((await finalize(emu, uploadUrl, uploadToken, 'r.png')).status, 200);
    assert.equal(emu.files[0].sha256, sha256(png));
    assert.equal(emu.stats.tusPatchBytes, png.length); // cut exactly at the offset, resumed from there
    const cut = emu.requests.find((q) => q.method === 'PATCH' && q.status === 0);
    assert.equal(cut?.bytesReceived, 1_500_000 - MiB);
    assert.ok(emu.requests.some((q) => q.method === 'HEAD'));
  });

  it('retries through an injected 500 on a PATCH', async () => {
    const { uploadUrl, uploadToken } = await resumable(emu);
    emu.inject({ type: 'status', route: 'tus-patch', status: 500 });
    const png = makePng(5, 5, 1000);
    await tusUpload(png, uploadUrl, { filename: 's.png', contentType: 'image/png', token: uploadToken });
    assert.equal((await finalize(emu, uploadUrl, uploadToken, 's.png')).status, 200);
    assert.deepEqual(emu.requests.filter((q) => q.method === 'PATCH').map((q) => q.status), [500, 204]);
  });

  it('refuses creation without the Wix metadata or with a bad token, and Authorization headers', async () => {
    const { uploadUrl, uploadToken } = await resumable(emu);
    const create = (metadata: Record<string, string>, headers: Record<string, string> = {}) => fetch(uploadUrl, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0', 'upload-length': '10', ...headers,
        'upload-metadata': Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
      },
    });
    const missing = await create({ filename: 'a.png', contentType: 'image/png' });
    assert.equal(missing.status, 400);
    assert.equal(await missing.text(), 'Bad Request', 'a plain status from the upload host (README "Upload-host errors")');
    assert.equal((await create({ filename: 'a.png', contentType: 'image/png', token: 'eyJbogus' })).status, 403);
    const putToken = (await api(emu, 'POST', '/site-media/v1/files/generate-upload-url', { mimeType: 'image/png' })).json.uploadUrl.split('/').pop();
    assert.equal((await create({ filename: 'a.png', contentType: 'image/png', token: putToken })).status, 403);
    assert.equal((await create({ filename: 'a.png', contentType: 'image/png', token: uploadToken }, { authorization: emu.apiKey })).status, 400);
    assert.equal(emu.stats.tusCreates, 0);
  });

  it('refuses to finalize an upload that is missing or unfinished', async () => {
    const { uploadUrl, uploadToken } = await resumable(emu);
    const none = await finalize(emu, uploadUrl, uploadToken, 'a.png');
    assert.equal(none.status, 409);
    // The upload host answers with a status only, no Wix envelope (README "Upload-host errors").
    assert.equal(none.json, undefined);
    assert.match(none.type, /^text\/plain/);
    const created = await fetch(uploadUrl, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '100', 'upload-metadata': `filename ${b64('a.png')},contentType ${b64('image/png')},token ${b64(uploadToken)}` },
    });
    assert.equal(created.status, 201);
    assert.match(created.headers.get('location') ?? '', new RegExp(`^${emu.baseUrl}/upload/tus/\\w+$`));
    const early = await finalize(emu, uploadUrl, uploadToken, 'a.png');
    assert.equal(early.status, 409);
    assert.equal(early.text, 'Conflict');
    assert.equal(emu.files.length, 0);
  });

  it('checks the size limit on Upload-Length', async () => {
    await emulator.restart({ maxFileBytes: 1000 });
    const { uploadUrl, uploadToken } = await resumable(emu);
    await assert.rejects(tusUpload(makePng(2, 2, 2000), uploadUrl, { filename: 'a.png', contentType: 'image/png', token: uploadToken }, []), /response code: 400/);
  });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
