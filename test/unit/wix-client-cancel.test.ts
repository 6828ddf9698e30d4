// Cancellation at every stage: nothing is stored, the error is kind 'cancelled', and it comes promptly.
import * as assert from 'node:assert/strict';
import { type WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import { describeError } from '../../src/wix/messages';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';
import { emulatorClients } from '../helpers/clients';

const MB = 1024 * 1024;

describe('wix client: cancellation', function () {
  this.timeout(20_000);
  let emu: WixEmulator;
  let dir: string;
  // Long timeouts and backoffs: if cancellation didn't cut them short, the test would time out.
  const clients = emulatorClients(() => emu, () => ({ requestTimeoutMs: 60_000, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }));
  const client = (extra: Partial<WixClientOptions> = {}): WixMediaClient => clients.client(extra);
  async function cancelled(p: Promise<unknown>, name?: string): Promise<void> {
    const e = await p.then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof WixError, `expected a WixError, got ${String(e)}`);
    assert.equal(e.kind, 'cancelled');
    if (name) assert.match(describeError(e), new RegExp(`"${name.replace('.', '\\.')}": The upload was cancelled`));
  }
  /** Resolves once the emulator has seen a request matching `pred`. */
  async function seen(pred: (r: WixEmulator['requests'][number]) => boolean): Promise<void> {
    while (!emu.requests.some(pred)) await new Promise((r) => setTimeout(r, 5));
  }

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });

  before(async () => {
    dir = tempDir('wix-cancel-');
  });
  beforeEach(() => emu.reset());
  afterEach(async () => {
    await clients.closeAll();
  });

  it('an already-aborted signal sends nothing', async () => {
    const src = await fileSourceFromPath(await writeFile(dir, 'a.txt', 'x'));
    await cancelled(client().uploadFile(src, { signal: AbortSignal.abort() }), 'a.txt');
    assert.equal(emu.requests.length, 0);
  });

  it('while generate-upload-url hangs', async () => {
    emu.inject({ type: 'hang', route: 'generate' });
    const src = await fileSourceFromPath(await writeFile(dir, 'a.txt', 'x'));
    const ac = new AbortController();
    const p = client().uploadFile(src, { signal: ac.signal });
    await seen((r) => r.path.endsWith('/generate-upload-url'));
    ac.abort();
    await cancelled(p, 'a.txt');
    assert.equal(emu.files.length, 0);
  });

  it('during a retry backoff', async () => {
    emu.inject({ type: 'status', route: 'generate', status: 503, times: 5 });
    const src = await fileSourceFromPath(await writeFile(dir, 'a.txt', 'x'));
    const ac = new AbortController();
    const p = client().uploadFile(src, { signal: ac.signal });
    await seen((r) => r.path.endsWith('/generate-upload-url') && r.status === 503);
    ac.abort();
    await cancelled(p);
    assert.equal(emu.stats.generateCalls, 1);
  });

  it('mid-PUT (a slow server): the body stops, nothing is stored', async () => {
    emu.inject({ type: 'slow', route: 'put', bytesPerSecond: 256 * 1024 });
    const src = await fileSourceFromPath(await writeFile(dir, 'slow.bin', Buffer.alloc(4 * MB, 1)));
    const ac = new AbortController();
    let sent = 0;
    const p = client().uploadFile(src, { signal: ac.signal, onProgress: (n) => { sent = n; if (n > 0) ac.abort(); } });
    await cancelled(p, 'slow.bin');
    assert.ok(sent > 0 && sent < 4 * MB);
    assert.equal(emu.files.length, 0);
    assert.equal(emu.stats.generateCalls, 1, 'not retried');
  });

  it('mid-tus: no finalize, nothing stored', async () => {
    emu.inject({ type: 'slow', route: 'tus-patch', bytesPerSecond: 1 * MB });
    const big = await writeRandomFile(`${dir}/big.bin`, 11 * MB);
    const ac = new AbortController();
    const p = client().uploadFile(await fileSourceFromPath(big), { signal: ac.signal, resumableThresholdBytes: 10 * MB, tusChunkSizeBytes: 4 * MB, onProgress: (n) => { if (n > 0) ac.abort(); } });
    await cancelled(p, 'big.bin');
    assert.equal(emu.files.length, 0);
    assert.equal(emu.requests.filter((r) => r.method === 'PUT').length, 0, 'never finalized');
    assert.equal(emu.stats.tusCreates, 1);
  });

  it('while polling for readiness', async () => {
    emu.inject({ type: 'stay-pending' });
    const c = client({ readyPoll: { initialDelayMs: 60_000 } });
    const d = await c.uploadFile(await fileSourceFromPath(await writeFile(dir, 'p.png', makePng(2, 2))));
    const ac = new AbortController();
    const p = c.waitForReady(d.id, { signal: ac.signal, timeoutMs: 120_000 });
    await seen((r) => r.path.endsWith('/get-file-by-id') && r.status === 200);
    ac.abort();
    await cancelled(p);
  });
});
