// The extension honours VS Code's proxy settings (http.proxy, http.noProxy): an upload through a local proxy that
// the test starts, which must see every request the emulator saw, with the proxy's password never in the log.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { WixMediaInternalApi } from '../../src/vscode/test-hook';
import { TestProxy } from '../helpers/test-proxy';
import { pngFile, upload, uploadSuiteHooks } from './helpers';

const PASSWORD = 'host-proxy-s3cret';

async function setHttp(values: Record<string, unknown>): Promise<void> {
  const http = vscode.workspace.getConfiguration('http');
  for (const [k, v] of Object.entries(values)) await http.update(k, v, vscode.ConfigurationTarget.Global);
}

describe('proxy: VS Code http.proxy settings', () => {
  let emu: WixEmulator;
  let api: WixMediaInternalApi;
  let dir: string;
  let proxy: TestProxy;

  uploadSuiteHooks('proxy', s => ({ emu, api, dir } = s));
  before(async () => {
    proxy = await TestProxy.start();
    proxy.auth = { user: 'vscode-user', password: PASSWORD };
  });
  after(async () => {
    await setHttp({ proxy: undefined, noProxy: undefined });
    await proxy.stop();
  });
  beforeEach(() => { proxy.requests.length = 0; });

  it('sends every request of an upload through http.proxy, and keeps its password out of the log', async () => {
    await setHttp({ proxy: proxy.urlWith('vscode-user', PASSWORD), noProxy: undefined });
    const f = await pngFile(dir, 'via-proxy.png');
    const r = await upload({ files: [f.uri], insert: 'none' });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.strictEqual(emu.files[0]?.sha256, f.sha256);
    const atEmulator = emu.requests.map(q => `${q.method} ${q.path}`);
    assert.ok(atEmulator.length >= 2, atEmulator.join());
    assert.deepStrictEqual(proxy.requests.map(q => `${q.method} ${q.path.split('?')[0]}`), atEmulator);
    const log = api.logLines().join('\n');
    assert.match(log, /Proxy: https: targets through http:\/\/\*\*\*@127\.0\.0\.1:\d+; http: targets through/);
    assert.ok(!log.includes(PASSWORD), 'no proxy password in the log');
  });

  it('reaches the hosts in http.noProxy directly', async () => {
    await setHttp({ proxy: proxy.urlWith('vscode-user', PASSWORD), noProxy: ['127.0.0.1'] });
    const f = await pngFile(dir, 'direct.png');
    const r = await upload({ files: [f.uri], insert: 'none' });
    assert.strictEqual(r.status, 'done', JSON.stringify(r));
    assert.strictEqual(emu.files.length, 1);
    assert.deepStrictEqual(proxy.requests, []);
  });
});
