// The API key and upload tokens never reach a log line or an error message, whatever happens.
import * as assert from 'node:assert/strict';
import { WixMediaClient } from '../../src/wix/client';
import { fileSourceFromPath } from '../../src/wix/file-source';
import type { Logger } from '../../src/wix/log';
import { describeError } from '../../src/wix/messages';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { tempDir, writeFile, writeRandomFile } from '../helpers/fixtures';

const KEY = 'IST.KEYLEAKCANARY-3f9a7c1e5b2d4f60a8e9c7b5d3f1a2c4';
const TOKEN_MARK = 'TOKLEAKCANARY';

describe('wix client: secret hygiene', function () {
  this.timeout(20_000);
  let emu: WixEmulator;
  let dir: string;

  withEmulator({ apiKey: KEY, tokenPrefix: TOKEN_MARK, readyDelayMs: 20 }, e => { emu = e; });

  before(async () => {
    dir = tempDir('wix-secrets-');
  });

  it('logs every request at trace/debug with no key or token, through faults and failures', async () => {
    const lines: string[] = [];
    const push = (lvl: string) => (m: string) => lines.push(`${lvl} ${m}`);
    const logger: Logger = { trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
    const c = new WixMediaClient({
      apiKey: KEY, siteId: emu.siteId, baseUrl: emu.baseUrl, logger, rateLimit: false,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5 }, requestTimeoutMs: 300,
    });
    const messages: string[] = [];
    const note = (e: unknown) => {
      messages.push(describeError(e), String(e), (e as Error).message ?? '', JSON.stringify(e));
    };
    try {
      const small = await fileSourceFromPath(await writeFile(dir, 'a.txt', 'hello'));
      await c.uploadFile(small);
      emu.inject({ type: 'spent-url' });
      await c.uploadFile(small);
      emu.inject({ type: 'reset', route: 'put', afterBytes: 1 });
      await c.uploadFile(small);
      emu.inject({ type: 'hang', route: 'put' });
      await c.uploadFile(small);
      emu.inject({ type: 'status', route: 'put', status: 403, times: 2 });
      await c.uploadFile(small).catch(note);
      emu.inject({ type: 'status', route: 'put', status: 500, times: 9 });
      await c.uploadFile(small).catch(note);
      const big = await fileSourceFromPath(await writeRandomFile(`${dir}/b.bin`, 2 * 1024 * 1024));
      emu.inject({ type: 'reset', route: 'tus-patch', afterBytes: 1000 });
      await c.uploadFile(big, { resumableThresholdBytes: 1024, tusChunkSizeBytes: 1024 * 1024 });
      emu.inject({ type: 'status', route: 'tus-finalize', status: 400, body: { message: `token ${emu.apiKey} is bad` } });
      await c.uploadFile(big, { resumableThresholdBytes: 1024 }).catch(note);
      emu.inject({ type: 'status', route: 'generate', status: 400, body: { message: `echo ${KEY}` } });
      await c.uploadFile(small).catch(note);
      const wrong = new WixMediaClient({ apiKey: `${KEY}-wrong`, siteId: emu.siteId, baseUrl: emu.baseUrl, logger, rateLimit: false });
      await wrong.uploadFile(small).catch(note);
      await wrong.close();
    } finally {
      await c.close();
    }

    assert.ok(emu.files.length >= 5, 'the uploads happened');
    assert.ok(lines.some((l) => l.startsWith('debug HTTP PUT') && l.includes('/upload/***?filename=a.txt')), 'upload requests are logged, token masked');
    assert.ok(lines.some((l) => l.startsWith('trace') && l.includes('"uploadUrl"')), 'response bodies at trace');
    assert.equal(messages.length, 5 * 4, "five failures, four renderings each");
    for (const text of [...lines, ...messages]) {
      assert.ok(!text.includes('KEYLEAKCANARY'), `API key leaked: ${text}`);
      assert.ok(!text.includes(TOKEN_MARK), `upload token leaked: ${text}`);
    }
  });
});
