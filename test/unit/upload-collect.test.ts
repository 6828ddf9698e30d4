// collectFiles: folder expansion order, symlink loops, and bad entries reported beside the good ones.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles } from '../../src/upload/collect';
import { describeError } from '../../src/wix/messages';
import { bundleForNobody, NOBODY } from '../helpers/as-nobody';

describe('upload: collectFiles', () => {
  let dir: string;
  const p = (...parts: string[]) => join(dir, ...parts);
  const file = (rel: string, body = 'x') => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(p(rel), body);
  };

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wix-collect-')); });
  afterEach(() => {
    try { chmodSync(p('locked'), 0o755); } catch { /* not every test makes it */ }
    rmSync(dir, { recursive: true, force: true });
  });

  it('expands nested folders depth-first with sorted names, files named directly in input order', async () => {
    file('site/b.png'); file('site/a.png'); file('site/img/z.jpg'); file('site/img/deeper/y.gif'); file('site/c.txt');
    file('lone.pdf');
    const r = await collectFiles([p('lone.pdf'), p('site')]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.files, [
      p('lone.pdf'), p('site/a.png'), p('site/b.png'), p('site/c.txt'), p('site/img/deeper/y.gif'), p('site/img/z.jpg'),
    ]);
  });

  it('keeps paths relative when the input is relative', async () => {
    file('rel/one.png');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await collectFiles(['rel']);
      assert.deepEqual(r.files, [join('rel', 'one.png')]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('skips dot-entries inside folders unless asked, but not a dot-file named directly', async () => {
    file('site/.DS_Store'); file('site/.git/config'); file('site/ok.png'); file('.hidden.png');
    assert.deepEqual((await collectFiles([p('site'), p('.hidden.png')])).files, [p('site/ok.png'), p('.hidden.png')]);
    assert.deepEqual((await collectFiles([p('site')], { includeHidden: true })).files,
      [p('site/.DS_Store'), p('site/.git/config'), p('site/ok.png')]);
  });

  it('survives a symlink loop, reports it by name, and lists each real file once', async () => {
    file('tree/a.png'); file('tree/sub/b.png');
    symlinkSync(p('tree'), p('tree/sub/loop'));            // tree/sub/loop -> tree
    symlinkSync(p('tree/a.png'), p('tree/sub/alias.png')); // the same file again
    const r = await collectFiles([p('tree'), p('tree/sub')]);
    // The loop is said once; the second input, inside the first, is no problem and not walked again.
    assert.deepEqual(r.errors.map(e => [e.path, e.error.code]), [[p('tree/sub/loop'), 'NOT_A_FILE']]);
    assert.match(describeError(r.errors[0].error), /tree\/sub\/loop": It is a symbolic link back to a folder that contains it/);
    assert.deepEqual(r.files, [p('tree/a.png'), p('tree/sub/b.png')]);
  });

  it('follows a symlinked folder that is not a loop', async () => {
    file('real/x.png');
    mkdirSync(p('site'));
    symlinkSync(p('real'), p('site/linked'));
    assert.deepEqual((await collectFiles([p('site')])).files, [p('site/linked/x.png')]);
  });

  it('reports missing paths and dangling symlinks, and still returns the good files', async () => {
    file('site/good.png');
    symlinkSync(p('nowhere.png'), p('site/dangling.png'));
    const r = await collectFiles([p('missing.png'), p('site')]);
    assert.deepEqual(r.files, [p('site/good.png')]);
    assert.deepEqual(r.errors.map(e => [e.path, e.error.code]), [
      [p('missing.png'), 'FILE_NOT_FOUND'],
      [p('site/dangling.png'), 'FILE_NOT_FOUND'],
    ]);
    assert.match(describeError(r.errors[1].error, r.errors[1].path), /symbolic link to a file that does not exist/);
    assert.ok(describeError(r.errors[0].error, r.errors[0].path).includes(p('missing.png')));
  });

  it('reports a pipe as not a regular file (without opening it)', async function () {
    file('site/ok.png');
    try {
      execFileSync('mkfifo', [p('site/pipe.png')]);
    } catch {
      this.skip(); // no mkfifo on this system
    }
    const r = await collectFiles([p('site')]);
    assert.deepEqual(r.files, [p('site/ok.png')]);
    assert.deepEqual(r.errors.map(e => [e.path, e.error.code]), [[p('site/pipe.png'), 'NOT_A_FILE']]);
    assert.match(describeError(r.errors[0].error, 'site/pipe.png'), /"site\/pipe\.png".*not a regular file/);
  });

  it('reports an unreadable file and an unreadable folder', async function () {
    file('locked/inner.png'); file('site/secret.png'); file('site/ok.png');
    chmodSync(p('site/secret.png'), 0o000);
    chmodSync(p('locked'), 0o000);
    let r: { files: string[]; errors: { path: string; error: { code: string } }[] };
    if (process.getuid?.() !== 0) {
      r = await collectFiles([p('site'), p('locked')]);
    } else {
      // Root reads through permission bits (CI runs as root): walk as the unprivileged user 'nobody' instead.
      chmodSync(dir, 0o755);
      const script = `require(${JSON.stringify(bundleForNobody('src/upload/collect.ts'))})
        .collectFiles(${JSON.stringify([p('site'), p('locked')])}).then((r) => console.log(JSON.stringify(r)))`;
      const run = spawnSync(process.execPath, ['-e', script], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      r = JSON.parse(run.stdout);
    }
    assert.deepEqual(r.files, [p('site/ok.png')]);
    assert.deepEqual(r.errors.map(e => [e.path, e.error.code]), [
      [p('site/secret.png'), 'FILE_NOT_READABLE'],
      [p('locked'), 'FILE_NOT_READABLE'],
    ]);
  });

  it('returns nothing, without throwing, when every input is bad', async () => {
    const r = await collectFiles([p('a'), p('b')]);
    assert.deepEqual(r.files, []);
    assert.equal(r.errors.length, 2);
  });
});
