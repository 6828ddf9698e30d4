// The default resumable path (issue 14): the whole file in ONE streamed PATCH, and after a break a HEAD for the
// server's offset and one more PATCH from there, so only what the server had not stored is sent again.
// Also the defaults themselves: Wix's documented 10 MB threshold, 12 uploads at once.
import * as assert from 'node:assert/strict';
import { DEFAULT_CONCURRENCY } from '../../src/upload/queue';
import { DEFAULT_RESUMABLE_THRESHOLD_BYTES } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import { DEFAULT_TUS_CHUNK_BYTES } from '../../src/wix/tus-upload';
import { parseCli } from '../../src/cli/args';
import { type WixEmulator, type RecordedRequest } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { sha256File, tempDir, writeRandomFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

const MB = 1024 * 1024;
const SIZE = 12 * MB + 7;

describe('tus: one streamed PATCH by default, resumed from the server\'s offset', function () {
  this.timeout(30_000);
  let emu: WixEmulator;
  let big: string;
  let bigSha: string;
  const clients = emulatorClients(() => emu, () => ({ retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 }, requestTimeoutMs: 5000 }));
  const patches = (): RecordedRequest[] => emu.requests.filter((r) => r.method === 'PATCH');
  // Only the threshold is lowered, so the chunking under test is the default one.
  const upload = async () => clients.client().uploadFile(await fileSourceFromPath(big), { resumableThresholdBytes: 1 * MB });

  withEmulator({ readyDelayMs: 0 }, e => { emu = e; });
  before(async () => {
    big = await writeRandomFile(`${tempDir('tus-one-patch-')}/clip.bin`, SIZE);
    bigSha = await sha256File(big);
  });
  beforeEach(() => emu.reset());
  afterEach(async () => { await clients.closeAll(); });

  it('sends the whole file in one PATCH (no round trip per chunk), then finalizes', async () => {
    await upload();
    assert.equal(emu.files.length, 1);
    assert.equal(emu.files[0].via, 'tus');
    assert.equal(emu.files[0].sha256, bigSha);
    assert.equal(patches().length, 1, 'one PATCH');
    assert.equal(patches()[0].headers['upload-offset'], '0');
    assert.equal(emu.stats.tusPatchBytes, SIZE);
  });

  it('after a connection cut mid-PATCH: HEAD, then one PATCH from the offset the server holds; nothing stored twice', async () => {
    emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: 5 * MB + 321, times: 1 });
    await upload();
    assert.equal(emu.files.length, 1);
    assert.equal(emu.files[0].sha256, bigSha);
    assert.equal(emu.stats.tusCreates, 1, 'the upload was resumed, not created again');
    const p = patches();
    assert.equal(p.length, 2, 'the cut PATCH and the resumed one');
    assert.ok(emu.requests.some((r) => r.method === 'HEAD'), 'asked the server for its offset');
    assert.equal(p[1].headers['upload-offset'], String(5 * MB + 321), 'resumed exactly where the server stopped');
    assert.equal(emu.stats.tusPatchBytes, SIZE, 'no byte the server had was sent again');
  });

  it('after a 500 at the door of the PATCH: retried from the offset, every byte once', async () => {
    emu.inject({ type: 'status', route: 'tus-patch', status: 500, times: 1 });
    await upload();
    assert.equal(emu.files[0].sha256, bigSha);
    assert.equal(emu.stats.tusCreates, 1);
    assert.equal(emu.stats.tusPatchBytes, SIZE);
  });

  it('defaults: files up to 10 MB (Wix documents 10 MB) go by plain PUT, tus in one PATCH, 12 uploads at once (CLI too)', () => {
    assert.equal(DEFAULT_RESUMABLE_THRESHOLD_BYTES, 10 * MB);
    assert.equal(DEFAULT_TUS_CHUNK_BYTES, Number.POSITIVE_INFINITY);
    assert.equal(DEFAULT_CONCURRENCY, 12);
    const args = parseCli(['upload', 'a.png']);
    assert.equal(args.command, 'upload');
    assert.equal((args as { concurrency: number }).concurrency, DEFAULT_CONCURRENCY);
  });
});
