// Uploads through a proxy started by the test: a forward proxy for http: targets (the emulator) and a CONNECT
// tunnel, with proxy credentials that never reach the log. The proxy must see every request the emulator saw:
// API calls, the PUT upload and every tus request alike.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { WixMediaClient } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { describeProxy, proxyFromEnv, type ProxySettings } from '../../src/wix/proxy';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256File, tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';
import { TestProxy } from '../helpers/test-proxy';

const PASSWORD = 'pr0xy-s3cret-pass';

describe('wix client: through a proxy', function () {
  this.timeout(30_000);
  let emu: WixEmulator;
  let proxy: TestProxy;
  let dir: string;
  let small: string;
  let big: string;
  const lines: string[] = [];
  const logger: Logger = {
    trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m),
  };
  const open: WixMediaClient[] = [];
  const client = (proxySettings: ProxySettings) => {
    const c = new WixMediaClient({ apiKey: emu.apiKey, siteId: emu.siteId, baseUrl: emu.baseUrl, logger, proxy: proxySettings, requestTimeoutMs: 10_000 });
    open.push(c);
    return c;
  };
  /** Everything the emulator saw, as the proxy should have carried it. */
  const seenByEmulator = () => emu.requests.map(r => `${r.method} ${r.path}`);
  const seenByProxy = () => proxy.requests.map(r => `${r.method} ${r.path.split('?')[0]}`);

  withEmulator({ readyDelayMs: 10 }, e => { emu = e; });

  before(async () => {
    proxy = await TestProxy.start();
    proxy.auth = { user: 'corp-user', password: PASSWORD };
    dir = tempDir('wix-proxy-');
    small = await writeFile(dir, 'small.png', makePng(4, 3));
    big = await writeRandomFile(join(dir, 'big.bin'), 600 * 1024);
  });
  after(async () => {
    await proxy.stop();
  });
  beforeEach(() => {
    emu.reset();
    proxy.requests.length = 0;
    proxy.tunnels.length = 0;
    lines.length = 0;
  });
  afterEach(async () => { await Promise.all(open.splice(0).map(c => c.close())); });

  async function uploadBoth(c: WixMediaClient): Promise<void> {
    const d1 = await c.uploadFile(await fileSourceFromPath(small, 'small.png'));
    // Above the threshold: the resumable (tus) flow, in several chunks.
    const d2 = await c.uploadFile(await fileSourceFromPath(big, 'big.bin'), { resumableThresholdBytes: 1024 });
    assert.equal(emu.files.find(f => f.descriptor.id === d1.id)?.sha256, await sha256File(small));
    assert.equal(emu.files.find(f => f.descriptor.id === d2.id)?.sha256, await sha256File(big));
    assert.ok(emu.requests.some(r => r.method === 'PATCH'), 'the tus flow ran');
  }

  it('http: targets go through a forward proxy: it sees every request, the credentials stay out of the log', async () => {
    await uploadBoth(client({ httpProxy: proxy.urlWith('corp-user', PASSWORD) }));
    assert.ok(seenByEmulator().length >= 4);
    assert.deepEqual(seenByProxy(), seenByEmulator());
    assert.ok(proxy.requests.every(r => r.via === 'forward'));
    assert.ok(emu.requests.every(r => !r.headers['proxy-authorization']), 'the proxy credentials stop at the proxy');
    assert.ok(lines.some(l => l.includes(`http: targets through http://***@127.0.0.1:`)), lines.join('\n'));
    assert.ok(!lines.join('\n').includes(PASSWORD) && !lines.join('\n').includes('corp-user:'), 'no credentials in the log');
  });

  it('a proxy refusing the credentials of a tunnel says so', async () => {
    const c = client({ httpProxy: proxy.urlWith('corp-user', 'wrong-password-xyz'), tunnelHttp: true });
    const e = await c.uploadFile(await fileSourceFromPath(small, 'small.png')).then(() => undefined, (x: Error) => x);
    assert.match(e?.message ?? '', /proxy answered 407/);
    assert.equal(emu.requests.length, 0);
  });

  it('a CONNECT tunnel carries every request too', async () => {
    await uploadBoth(client({ httpProxy: proxy.urlWith('corp-user', PASSWORD), tunnelHttp: true }));
    assert.ok(proxy.tunnels.length >= 1);
    assert.ok(proxy.tunnels.every(t => t === new URL(emu.baseUrl).host), proxy.tunnels.join());
    assert.deepEqual(seenByProxy(), seenByEmulator());
    assert.ok(proxy.requests.every(r => r.via === 'connect'));
    assert.ok(!lines.join('\n').includes(PASSWORD));
  });

  it('hosts in noProxy are reached directly', async () => {
    await uploadBoth(client({ httpProxy: proxy.url, noProxy: ['127.0.0.1'] }));
    assert.deepEqual(proxy.requests, []);
  });

  it('a proxy refusing the credentials fails the upload with no credential in the error', async () => {
    const c = client({ httpProxy: proxy.urlWith('corp-user', 'wrong-password-xyz') });
    const e = await c.uploadFile(await fileSourceFromPath(small, 'small.png')).then(() => undefined, (x: Error) => x);
    assert.ok(e, 'the upload failed');
    assert.match(e.message, /proxy answered 407 Proxy Authentication Required/);
    assert.equal(emu.requests.length, 0);
    assert.ok(!`${e.message}\n${lines.join('\n')}`.includes('wrong-password-xyz'));
  });

  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY (lower case first), and never shows credentials', () => {
    assert.deepEqual(proxyFromEnv({ HTTPS_PROXY: 'http://a:1', http_proxy: 'http://b:2', HTTP_PROXY: 'http://c:3', NO_PROXY: 'x.com, .y.org' }),
      { httpsProxy: 'http://a:1', httpProxy: 'http://b:2', noProxy: ['x.com', '.y.org'] });
    assert.deepEqual(proxyFromEnv({}), { httpsProxy: '', httpProxy: '', noProxy: [] });
    assert.equal(describeProxy('http://u:p%40ss@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.throws(() => client({ httpsProxy: 'socks5://u:hidden-pw@h:1' }), (e: Error) => /not http:\/\/ or https:\/\//.test(e.message) && !e.message.includes('hidden-pw'));
  });

  it('the CLI sends through HTTP_PROXY and keeps the credentials out of --verbose output', async () => {
    let out = '';
    let err = '';
    const code = await main(['upload', '--verbose', small], {
      env: { WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl, HTTP_PROXY: proxy.urlWith('corp-user', PASSWORD) },
      stdout: { write: (s: string) => { out += s; return true; } },
      stderr: { isTTY: false, columns: 80, write: (s: string) => { err += s; return true; } },
    });
    assert.equal(code, 0, err);
    assert.match(out, /static\.wixstatic\.com/);
    assert.ok(seenByEmulator().length >= 2);
    assert.deepEqual(seenByProxy(), seenByEmulator());
    assert.ok(err.includes('Proxy: http: targets through http://***@127.0.0.1:'), err);
    assert.ok(!err.includes(PASSWORD), 'no password in the verbose log');
  });
});
