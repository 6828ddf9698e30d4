// WixMediaClient against the emulator over real HTTP: what arrives (bytes, headers, fields), tus, and every fault.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { FileSource } from '../../src/wix/contract';
import { type WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { type WixEmulator, type RecordedRequest } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { sha256, sha256File, tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

const MB = 1024 * 1024;
const TUS_CHUNK = 4 * MB;
/** These tests send 11-12 MB files through tus in explicit 4 MB chunks (the defaults: 100 MB, one PATCH). */
const TUS = { resumableThresholdBytes: 10 * MB, tusChunkSizeBytes: TUS_CHUNK };

describe('wix client: uploads against the emulator', function () {
  this.timeout(20_000);
  let emu: WixEmulator;
  let dir: string;
  let big: string; // 12 MB, above the 10 MB resumable threshold the tus tests pass
  let bigSha: string;
  const lines: string[] = [];
  const logger: Logger = {
    trace: (m) => lines.push(`trace ${m}`), debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`),
  };

  const clients = emulatorClients(() => emu, () => ({
    logger, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 }, requestTimeoutMs: 5000,
  }));
  const client = (extra: Partial<WixClientOptions> = {}): WixMediaClient => clients.client(extra);
  const uploads = (): RecordedRequest[] => emu.requests.filter((r) => r.path.startsWith('/upload/'));
  const generates = (): RecordedRequest[] => emu.requests.filter((r) => r.path === '/site-media/v1/files/generate-upload-url');
  async function file(name: string, data: Buffer | string): Promise<FileSource> {
    return fileSourceFromPath(await writeFile(dir, name, data), name);
  }

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });
  before(async () => {
    dir = tempDir('wix-client-');
    big = await writeRandomFile(`${dir}/big video.bin`, 12 * MB);
    bigSha = await sha256File(big);
  });
  beforeEach(() => {
    emu.reset();
    lines.length = 0;
  });
  afterEach(async () => {
    await clients.closeAll();
  });

  it('uploads one file: bytes, raw key + site on the API call only, every field on the wire', async () => {
    const data = Buffer.from('hello, wix media\n'.repeat(100));
    const src = await file('notes.txt', data);
    const progress: number[] = [];
    const d = await client().uploadFile(src, {
      filePath: '/vscode/docs', parentFolderId: 'media-root', labels: ['vscode', 'docs'], private: false,
      externalInfo: { origin: 'vscode', externalIds: ['ws-1'] }, onProgress: (n, total) => { assert.equal(total, data.length); progress.push(n); },
    });

    assert.equal(emu.files.length, 1);
    const stored = emu.files[0];
    assert.equal(stored.sha256, sha256(data));
    assert.equal(stored.via, 'put');
    assert.equal(stored.contentType, 'text/plain');
    assert.equal(stored.filenameParam, 'notes.txt');
    assert.equal(stored.folderPath, '/vscode/docs');
    assert.deepEqual(stored.labels, ['vscode', 'docs']);
    assert.equal(d.id, stored.descriptor.id);
    assert.equal(progress.at(-1), data.length);

    const [gen] = generates();
    assert.equal(gen.headers.authorization, emu.apiKey, 'the raw key, no Bearer prefix');
    assert.equal(gen.headers['wix-site-id'], emu.siteId);
    assert.match(String(gen.headers['content-type']), /^application\/json/);
    assert.deepEqual(gen.body, {
      mimeType: 'text/plain', fileName: 'notes.txt', sizeInBytes: String(data.length), filePath: '/vscode/docs',
      parentFolderId: 'media-root', labels: ['vscode', 'docs'], private: false, externalInfo: { origin: 'vscode', externalIds: ['ws-1'] },
    });
    assert.equal(typeof gen.body.sizeInBytes, 'string');

    const [put] = uploads();
    assert.equal(put.method, 'PUT');
    assert.equal(put.headers.authorization, undefined, 'no Authorization to the upload URL');
    assert.equal(put.headers['wix-site-id'], undefined);
    assert.equal(put.headers['content-length'], String(data.length));
  });

  it('omits undefined fields from generate-upload-url', async () => {
    await client().uploadFile(await file('plain.txt', 'x'));
    assert.deepEqual(generates()[0].body, { mimeType: 'text/plain', fileName: 'plain.txt', sizeInBytes: '1' });
  });

  it('sends the file name in ?filename= so names with spaces, #, ?, % and non-ASCII arrive intact', async () => {
    const names = ['with space.txt', 'hash#tag.txt', 'what?.txt', '100%25 real%.txt', 'naïve 日本語 ü.txt', "quote's & amp+plus.txt"];
    const c = client();
    for (const name of names) {
      const d = await c.uploadFile(await file(name, `content of ${name}`));
      assert.equal(d.displayName, name);
    }
    assert.deepEqual(emu.files.map((f) => f.filenameParam), names);
    assert.deepEqual(emu.files.map((f) => f.sha256), names.map((n) => sha256(`content of ${n}`)));
  });

  it('uploads several files at once over the shared connection pool', async () => {
    const c = client();
    const datas = Array.from({ length: 8 }, (_, i) => Buffer.alloc(200_000 + i, i + 1));
    const srcs = await Promise.all(datas.map((d, i) => file(`many-${i}.bin`, d)));
    const out = await Promise.all(srcs.map((s) => c.uploadFile(s)));
    assert.equal(out.length, 8);
    const bySha = new Map(emu.files.map((f) => [f.filenameParam, f.sha256]));
    datas.forEach((d, i) => assert.equal(bySha.get(`many-${i}.bin`), sha256(d)));
    assert.equal(emu.files.every((f) => f.contentType === 'application/octet-stream'), true);
  });

  it('uploads from a source without a path (stream) too', async () => {
    const data = Buffer.alloc(300_000, 7);
    const src: FileSource = { name: 'mem.bin', size: data.length, open: (start = 0) => Readable.from([data.subarray(start)]) };
    await client().uploadFile(src, { mimeType: 'application/octet-stream' });
    assert.equal(emu.files[0].sha256, sha256(data));
  });

  it('sends a 12 MB file through tus, then finalizes: one create, every byte once, no Authorization', async () => {
    const progress: number[] = [];
    const d = await client().uploadFile(await fileSourceFromPath(big), { ...TUS, labels: ['big'], onProgress: (n) => progress.push(n) });
    assert.equal(emu.files.length, 1);
    const stored = emu.files[0];
    assert.equal(stored.via, 'tus');
    assert.equal(stored.sha256, bigSha);
    assert.equal(stored.filenameParam, 'big video.bin');
    assert.equal(stored.contentType, 'application/octet-stream');
    assert.equal(d.sizeInBytes, String(12 * MB));
    assert.equal(emu.stats.tusCreates, 1);
    assert.equal(emu.stats.tusPatchBytes, 12 * MB);
    assert.equal(emu.stats.resumableGenerateCalls, 1);
    assert.equal(emu.stats.generateCalls, 0);
    assert.equal(progress.at(-1), 12 * MB);

    const gen = emu.requests.find((r) => r.path.endsWith('/generate-resumable-upload-url'))!;
    assert.deepEqual(gen.body, { mimeType: 'application/octet-stream', fileName: 'big video.bin', sizeInBytes: String(12 * MB), labels: ['big'], uploadProtocol: 'TUS' });
    const up = uploads();
    assert.ok(up.length >= 5, 'create + 3 PATCH + finalize');
    for (const r of up) assert.equal(r.headers.authorization, undefined, `${r.method} ${r.path} carried Authorization`);
    const fin = up.find((r) => r.method === 'PUT')!;
    assert.equal(fin.query.filename, 'big video.bin');
    assert.equal(up.filter((r) => r.method === 'PATCH').length, 3);
  });

  it('tus resumes after PATCH resets without re-creating the upload (re-sent bytes ≤ one chunk)', async () => {
    emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: 5 * MB + 123, times: 1 });
    emu.inject({ type: 'reset', route: 'tus-patch', afterBytes: 1 * MB, times: 1 });
    await client().uploadFile(await fileSourceFromPath(big), TUS);
    assert.equal(emu.files[0].sha256, bigSha);
    assert.equal(emu.stats.tusCreates, 1);
    assert.ok(emu.stats.tusPatchBytes - 12 * MB <= TUS_CHUNK, `re-sent ${emu.stats.tusPatchBytes - 12 * MB} bytes`);
    assert.ok(emu.requests.some((r) => r.method === 'HEAD'), 'asked the server for its offset');
    assert.ok(lines.some((l) => l.startsWith('warn') && /Resumable upload of big video\.bin/.test(l)));
  });

  it('tus survives a PATCH failing twice with 500', async () => {
    emu.inject({ type: 'status', route: 'tus-patch', status: 500, times: 2 });
    await client().uploadFile(await fileSourceFromPath(big), TUS);
    assert.equal(emu.files[0].sha256, bigSha);
    assert.equal(emu.stats.tusCreates, 1);
    assert.ok(emu.stats.tusPatchBytes - 12 * MB <= TUS_CHUNK);
  });

  it('tus without a path re-opens the source at the server\'s offset after a reset', async () => {
    emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: 6 * MB, times: 1 });
    const data = Buffer.alloc(11 * MB, 3);
    data.write('distinct head');
    const opens: number[] = [];
    const src: FileSource = {
      name: 'stream.bin', size: data.length,
      open: (start = 0) => { opens.push(start); return Readable.from([data.subarray(start)]); },
    };
    await client().uploadFile(src, TUS);
    assert.equal(emu.files[0].sha256, sha256(data));
    assert.equal(emu.stats.tusCreates, 1);
    assert.deepEqual(opens, [0, TUS_CHUNK, 6 * MB, 6 * MB + TUS_CHUNK]);
  });

  it('honours the resumable threshold option', async () => {
    await client().uploadFile(await file('small-tus.txt', 'x'.repeat(5000)), { resumableThresholdBytes: 1000 });
    assert.equal(emu.files[0].via, 'tus');
    assert.equal(emu.files[0].sha256, sha256('x'.repeat(5000)));
  });

  describe('faults survived', () => {
    const payload = Buffer.alloc(1 * MB, 9);
    const ok = () => {
      assert.equal(emu.files.length, 1);
      assert.equal(emu.files[0].sha256, sha256(payload));
    };

    it('500 on generate-upload-url', async () => {
      emu.inject({ type: 'status', route: 'generate', status: 500 });
      await client().uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2);
      assert.ok(lines.some((l) => l.startsWith('warn') && l.includes('500 INTERNAL_SERVER_ERROR')));
    });

    it('429 with Retry-After: waits what the server asked', async () => {
      emu.inject({ type: 'status', route: 'generate', status: 429, retryAfter: 0.2 });
      await client({ retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 10_000 } }).uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2);
      assert.ok(lines.some((l) => l.startsWith('warn') && l.includes('429') && l.includes('in 200 ms')), lines.join('\n'));
    });

    it('connection reset mid-PUT: a fresh URL, the file re-read from byte 0', async () => {
      emu.inject({ type: 'reset', route: 'put', afterBytes: 100_000 });
      await client().uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2, 'a fresh upload URL for the retry');
      const puts = uploads();
      assert.equal(puts.length, 2);
      assert.notEqual(puts[0].path, puts[1].path);
    });

    it('a PUT that hangs is bounded by the request timeout, then retried', async () => {
      emu.inject({ type: 'hang', route: 'put' });
      await client({ requestTimeoutMs: 400 }).uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2);
      assert.ok(lines.some((l) => l.startsWith('warn') && /timeout/i.test(l)), lines.join('\n'));
    });

    it('a generate call that hangs is bounded too', async () => {
      emu.inject({ type: 'hang', route: 'generate' });
      await client({ requestTimeoutMs: 400 }).uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2);
    });

    it('a spent upload URL: a fresh URL is asked for once', async () => {
      emu.inject({ type: 'spent-url' });
      await client().uploadFile(await file('f.bin', payload));
      ok();
      assert.equal(emu.stats.generateCalls, 2);
      assert.ok(lines.some((l) => l.startsWith('info') && /fresh one/.test(l)));
    });

    it('PUT 503 every time: each attempt gets a fresh URL, bounded by maxAttempts', async () => {
      emu.inject({ type: 'status', route: 'put', status: 503, times: 10 });
      const err = await client().uploadFile(await file('f.bin', payload)).catch((e) => e);
      assert.ok(err instanceof WixError);
      assert.equal(err.status, 503);
      assert.equal(emu.stats.generateCalls, 4);
      assert.equal(uploads().length, 4);
      assert.equal(emu.files.length, 0);
    });

    it('no retry after a 400 on generate: exactly one request', async () => {
      emu.inject({ type: 'status', route: 'generate', status: 400 });
      const err = await client().uploadFile(await file('f.bin', payload)).catch((e) => e);
      assert.ok(err instanceof WixError);
      assert.equal(err.status, 400);
      assert.equal(emu.requests.length, 1);
    });

    it('no retry after a 403: exactly one request', async () => {
      emu.inject({ type: 'status', route: 'generate', status: 403 });
      const err = await client().uploadFile(await file('f.bin', payload)).catch((e) => e);
      assert.ok(err instanceof WixError);
      assert.equal(err.code, 'FORBIDDEN');
      assert.equal(emu.requests.length, 1);
    });

    it('a 500 on finalize is retried', async () => {
      emu.inject({ type: 'status', route: 'tus-finalize', status: 500 });
      await client().uploadFile(await file('t.bin', payload), { resumableThresholdBytes: 1000 });
      ok();
      assert.equal(emu.requests.filter((r) => r.method === 'PUT').length, 2);
    });
  });
});
