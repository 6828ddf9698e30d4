// Content-hash reuse from the command line: `wix-media upload --manifest PATH` spawned against the emulator.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WixEmulator } from '../emulator/server';
import { bundleCli, runCli, type CliRun } from '../helpers/cli-bundle';
import { withEmulator } from '../helpers/emulator-hooks';
import { api } from '../helpers/emulator-client';
import { makePng, sha256, tempDir, writeFile } from '../helpers/fixtures';

type Run = CliRun;

describe('cli: --manifest content-hash reuse (spawned, against the emulator)', function () {
  this.timeout(60_000);
  let emu: WixEmulator;
  let cli: string;
  let dir: string;

  withEmulator({ readyDelayMs: 20 }, e => { emu = e; });
  before(async () => {
    cli = await bundleCli(join(tempDir('wix-cli-reuse-build-'), 'cli.js'));
  });
  beforeEach(() => {
    emu.reset();
    dir = tempDir('wix-cli-reuse-');
  });

  function run(args: string[]): Promise<Run> {
    const env = { PATH: process.env.PATH, WIX_API_KEY: emu.apiKey, WIX_SITE_ID: emu.siteId, WIX_API_BASE_URL: emu.baseUrl };
    return runCli(cli, args, { cwd: dir, env });
  }

  const puts = () => emu.requests.filter(r => r.method === 'PUT' && r.path.startsWith('/upload/')).length;
  const manifest = () => JSON.parse(readFileSync(join(dir, '.wix-media.json'), 'utf8'));
  const json = (r: Run) => r.stdout.trim().split('\n').map(l => JSON.parse(l));

  it('the same file twice sends its bytes once and prints the same reference; the manifest maps its sha256 to the file', async () => {
    const png = makePng(5, 4);
    await writeFile(dir, 'img/hero.png', png);
    const first = await run(['upload', '--manifest', '.wix-media.json', 'img/hero.png']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(puts(), 1);
    const second = await run(['upload', '--manifest', '.wix-media.json', 'img/hero.png']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(puts(), 1, 'the second run sent no bytes');
    assert.equal(emu.files.length, 1);
    assert.equal(second.stdout, first.stdout);
    assert.equal(first.stdout.trim(), emu.files[0].descriptor.url);
    const entry = manifest().sites[emu.siteId][sha256(png)];
    assert.equal(entry[0].fileId, emu.files[0].descriptor.id);
    assert.equal(entry[0].source, 'img/hero.png', 'the source is relative to the manifest, so it can be committed');

    // The same bytes under another name are the same file too; --format json says so.
    await writeFile(dir, 'copy.png', png);
    const copy = await run(['upload', '--manifest', '.wix-media.json', '--format', 'json', 'copy.png']);
    assert.equal(copy.code, 0, copy.stderr);
    assert.equal(puts(), 1);
    const [line] = json(copy);
    assert.equal(line.reused, true);
    assert.equal(line.id, emu.files[0].descriptor.id);
  });

  it('after the file is moved to the trash on the site, the next run uploads again and updates the manifest', async () => {
    const png = makePng(6, 6);
    await writeFile(dir, 'a.png', png);
    assert.equal((await run(['upload', '--manifest', '.wix-media.json', 'a.png'])).code, 0);
    const oldId = emu.files[0].descriptor.id;
    const del = await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [oldId] });
    assert.equal(del.status, 200);

    const again = await run(['upload', '--manifest', '.wix-media.json', '--format', 'json', 'a.png']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(puts(), 2, 'uploaded again');
    const newId = emu.files[1].descriptor.id;
    assert.notEqual(newId, oldId);
    assert.equal(json(again)[0].reused, false);
    assert.equal(json(again)[0].id, newId);
    assert.deepEqual(manifest().sites[emu.siteId][sha256(png)].map((r: { fileId: string }) => r.fileId), [newId]);
  });

  it('--force uploads anyway (and the manifest then names the new file)', async () => {
    const png = makePng(7, 3);
    await writeFile(dir, 'b.png', png);
    assert.equal((await run(['upload', '--manifest', '.wix-media.json', 'b.png'])).code, 0);
    const forced = await run(['upload', '--manifest', '.wix-media.json', '--force', '--format', 'json', 'b.png']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(puts(), 2);
    assert.equal(json(forced)[0].reused, false);
    assert.equal(manifest().sites[emu.siteId][sha256(png)][0].fileId, emu.files[1].descriptor.id);
  });

  it('two copies of the same bytes in one run are uploaded once', async () => {
    const png = makePng(9, 9);
    await writeFile(dir, 'x.png', png);
    await writeFile(dir, 'y.png', png);
    const r = await run(['upload', '--manifest', '.wix-media.json', '--concurrency', '4', '--format', 'json', 'x.png', 'y.png']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(puts(), 1);
    const [x, y] = json(r);
    assert.equal(x.id, y.id);
    assert.deepEqual([x.reused, y.reused], [false, true]);
  });

  it('--same-folder does not count a copy in another folder; without it, it does', async () => {
    await writeFile(dir, 'c.png', makePng(4, 8));
    assert.equal((await run(['upload', '--manifest', '.wix-media.json', '--folder', '/one', 'c.png'])).code, 0);
    assert.equal((await run(['upload', '--manifest', '.wix-media.json', '--folder', '/two', 'c.png'])).code, 0);
    assert.equal(puts(), 1, 'a copy anywhere on the site counts by default');
    assert.equal((await run(['upload', '--manifest', '.wix-media.json', '--same-folder', '--folder', '/two', 'c.png'])).code, 0);
    assert.equal(puts(), 2);
    assert.equal(emu.files[1].folderPath, '/two');
  });

  it('a manifest that is not one stops the run before any upload, naming the file', async () => {
    await writeFile(dir, 'd.png', makePng(2, 2));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const r = await run(['upload', '--manifest', 'bad.json', 'd.png']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.json is not valid JSON/);
    assert.equal(puts(), 0);
    const usage = await run(['upload', '--force', 'd.png']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--force only applies with --manifest/);
  });
});
