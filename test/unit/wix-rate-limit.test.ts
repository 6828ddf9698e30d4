// The one client-side limiter (src/wix/rate-limit.ts) with pacing ON, against the emulator's rate-limit mode
// (test/emulator/README.md "Rate-limit mode": N API calls per window, then 429 with no Retry-After) and its
// injected 429 with a Retry-After. And every API caller of the process shares it: uploads, the Media view's reads
// and trash (media-library.ts), Select Site's calls (src/vscode/sites.ts). Judged by what reached the emulator.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { UploadQueue } from '../../src/upload/queue';
import { checkSite, querySites } from '../../src/vscode/sites';
import { WixMediaClient } from '../../src/wix/client';
import type { FileSource } from '../../src/wix/contract';
import { DEFAULT_RETRY, WixHttp } from '../../src/wix/http';
import { silentLogger } from '../../src/wix/log';
import { MediaLibraryClient } from '../../src/wix/media-library';
import { ApiRateLimiter, apiRateLimiter } from '../../src/wix/rate-limit';
import { WixEmulator } from '../emulator/server';
import type { RecordedRequest } from '../emulator/types';

function mem(name: string, body: string): FileSource {
  const b = Buffer.from(body);
  return { name, size: b.length, open: (start = 0) => Readable.from([b.subarray(start)]) };
}

const isFolders = (r: RecordedRequest) => r.method === 'GET' && r.path === '/site-media/v1/folders';

describe('wix rate limit: the one limiter, on (issue 10)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;
  const open: { close(): Promise<void> }[] = [];
  before(async () => { emu = await WixEmulator.start({ readyDelayMs: 0 }); });
  after(async () => { await emu.stop(); });
  beforeEach(() => { emu.reset(); emu.setRateLimit(undefined); });
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  /** A bare API client paced by `limiter` (one attempt: only the limiter's own waits may get a call through). */
  function http(limiter: ApiRateLimiter): WixHttp {
    const h = new WixHttp({
      apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, logger: silentLogger, limiter,
      retry: { ...DEFAULT_RETRY, maxAttempts: 1 }, requestTimeoutMs: 10_000, userAgent: 'rate-limit-test', connections: 4,
    });
    open.push(h);
    return h;
  }
  const listFolders = (h: WixHttp) => h.api<{ folders: unknown[] }>('GET', '/site-media/v1/folders', { query: { parentFolderId: 'media-root' }, what: 'list-folders' });

  it('honours Retry-After: the next call waits that long, not a whole window, and gets through', async () => {
    // A 60 s window: without Retry-After the pause would outlast the test.
    const limiter = new ApiRateLimiter({ requestsPerWindow: 200, windowMs: 60_000 });
    const h = http(limiter);
    emu.inject({ type: 'status', route: 'folders', status: 429, retryAfter: 1 });
    const r = await listFolders(h);
    assert.ok(Array.isArray(r.folders));
    const calls = emu.requests.filter(isFolders);
    assert.deepEqual(calls.map((c) => c.status), [429, 200]);
    assert.ok(calls[1].at - calls[0].at >= 1000 - 5, `sent again after ${calls[1].at - calls[0].at} ms, before Retry-After`);
    assert.equal(limiter.throttles, 1);
  });

  it('without Retry-After backs off a whole window, slows down, and every call gets through', async () => {
    emu.setRateLimit({ calls: 3, windowMs: 1000 });
    // The client knows only the documented rate (20 per window here), far above what the emulator allows.
    const limiter = new ApiRateLimiter({ requestsPerWindow: 20, windowMs: 1000 });
    const h = http(limiter);
    const before = limiter.perWindow;
    const results = await Promise.all(Array.from({ length: 8 }, () => listFolders(h)));
    assert.equal(results.length, 8);
    const calls = emu.requests.filter(isFolders);
    assert.equal(calls.filter((c) => c.status === 200).length, 8, 'each call got through once');
    assert.ok(emu.rateLimited >= 1, 'the mode really limited');
    assert.ok(limiter.throttles >= 1);
    assert.ok(limiter.perWindow < before, `allowance ${limiter.perWindow} after a 429 (was ${before})`);
    // After the first refusal nothing is sent into the closed window (a refused call counts at Wix too): only the
    // first burst, already on the wire, is refused; the retries come after a whole window and at the lower pace.
    assert.ok(emu.rateLimited <= 8 - 3, `${emu.rateLimited} refusals: calls were sent into the closed window`);
  });

  it('recovers: a window without a 429 wins allowance back', async () => {
    emu.setRateLimit({ calls: 2, windowMs: 500 });
    const limiter = new ApiRateLimiter({ requestsPerWindow: 20, windowMs: 500 });
    const h = http(limiter);
    await Promise.all(Array.from({ length: 4 }, () => listFolders(h)));
    const low = limiter.perWindow;
    assert.ok(low < 19, `slowed to ${low}`);
    emu.setRateLimit(undefined);
    // Calls spread over a few windows, none refused: the allowance climbs back step by step.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 550));
      await listFolders(h);
    }
    assert.ok(limiter.perWindow > low, `allowance still ${limiter.perWindow}`);
    assert.equal(emu.rateLimited, 0, 'no call refused after the mode was switched off');
  });

  it('the Media view, hovers and trash share the uploads\' limiter and get through the rate limit', async () => {
    emu.setRateLimit({ calls: 3, windowMs: 1000 });
    const rate = { requestsPerWindow: 200, windowMs: 1000 };
    const up = new WixMediaClient({ apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, rateLimit: rate, readyPoll: { initialDelayMs: 10, maxDelayMs: 40 } });
    const lib = new MediaLibraryClient({ apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, rateLimit: rate }, silentLogger, 'rate-limit-test');
    open.push(up, lib);
    assert.ok(lib.limiter, 'the view is paced');
    assert.equal(lib.limiter, up.limiter, 'one limiter per key in the process');
    const uploads = new UploadQueue(up, { concurrency: 4 }).enqueue(Array.from({ length: 4 }, (_, i) => ({ source: mem(`v-${i}.txt`, `v ${i}`) }))).done;
    const reads = Promise.all(Array.from({ length: 6 }, () => lib.listFiles()));
    const [items, pages] = await Promise.all([uploads, reads]);
    assert.deepEqual(items.map((i) => i.state), ['done', 'done', 'done', 'done'], items.map((i) => i.message).join('\n'));
    assert.equal(pages.length, 6);
    assert.equal(emu.files.length, 4);
    await lib.trashFiles([emu.files[0].descriptor.id]);
    assert.ok(emu.rateLimited >= 1, 'the mode really limited');
  });

  it('Select Site\'s calls are paced too: every page of the sites listed, the site checked', async () => {
    emu.setRateLimit({ calls: 1, windowMs: 700 });
    const rate = { requestsPerWindow: 200, windowMs: 700 };
    await checkSite(emu.baseUrl, emu.apiKey, emu.siteId, silentLogger, undefined, rate);
    const sites = await querySites(emu.baseUrl, emu.apiKey, silentLogger, undefined, emu.accountId, rate);
    assert.ok(sites.some((s) => s.id === emu.siteId));
    await checkSite(emu.baseUrl, emu.apiKey, emu.siteId, silentLogger, undefined, rate);
    assert.ok(apiRateLimiter(emu.baseUrl, emu.apiKey, rate)!.throttles >= 1, 'the shared limiter saw the 429');
  });
});
