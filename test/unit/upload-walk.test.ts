// The shared folder walker over node:fs (the CLI's port) on the fixture tree the in-host walker test also walks
// through vscode.workspace.fs (test/suite/walker.test.ts): both must give this list.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles, nodeWalkPort } from '../../src/upload/collect';
import { isSkippedName, MAX_DEPTH, walk } from '../../src/upload/walk';
import { fixturePath, makeWalkFixture } from '../helpers/walk-fixture';

describe('upload: the folder walker (node:fs port)', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'wix-walk-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the fixture tree by the one rule: skips, order, duplicates, dangling links and loops', async () => {
    const fx = makeWalkFixture(root);
    const r = await walk(nodeWalkPort, fx.inputs);
    assert.deepEqual(r.files.map(f => fixturePath(root, f)), fx.files);
    assert.deepEqual(r.problems.map(p => [fixturePath(root, p.at), p.error.code]), fx.problems);
    // The CLI goes through the same walker.
    const c = await collectFiles(fx.inputs);
    assert.deepEqual(c.files, r.files);
  });

  it('skips dot-names and OS clutter, nothing else', () => {
    for (const n of ['.git', '.env', '.DS_Store', 'Thumbs.db', 'desktop.ini']) assert.ok(isSkippedName(n), n);
    for (const n of ['a.png', 'thumbs.png', 'x.env', 'desktop.ini.png']) assert.ok(!isSkippedName(n), n);
  });

  it(`reports folders nested deeper than ${MAX_DEPTH} levels and still lists the rest`, async () => {
    // A file system with no real paths (a remote scheme): only the depth bound stops an endless tree.
    const endless = {
      ...nodeWalkPort,
      stat: async () => ({ kind: 'directory' as const, symlink: false }),
      readDirectory: async (dir: string) => dir.split('/').length > 60 ? [] : [['d', { kind: 'directory', symlink: false }], ['f.png', { kind: 'file', symlink: false }]] as never,
      realPath: async () => undefined,
      checkReadable: async () => undefined,
    };
    const r = await walk(endless, ['r']);
    assert.equal(r.files.length, MAX_DEPTH + 1);
    assert.deepEqual(r.problems.map(p => [p.at.split('/').length, p.error.code]), [[MAX_DEPTH + 2, 'NOT_A_FILE']]);
    assert.match(r.problems[0].error.message, new RegExp(`deeper than ${MAX_DEPTH} levels`));
  });
});
