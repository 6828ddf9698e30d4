// One folder tree for the walker tests of both faces (test/unit/upload-walk.test.ts over node:fs,
// test/suite/walker.test.ts over vscode.workspace.fs): what each face lists must be this, and the same.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface WalkFixture {
  /** Inputs as absolute paths: a folder and a dot-file named directly. */
  inputs: string[];
  /** The files either face must list, relative to the root, '/'-separated, in order. */
  files: string[];
  /** [relative path, error code] for each reported entry, in order. */
  problems: [string, string][];
}

export function makeWalkFixture(root: string): WalkFixture {
  const file = (rel: string, body = rel) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), body);
  };
  for (const f of ['site/a.png', 'site/B.png', 'site/img/z.jpg', 'site/img/deeper/y.gif', 'outside/x.png', 'lone/.hidden.png']) file(f);
  // Skipped inside a folder: dot-entries and OS clutter.
  for (const f of ['site/.DS_Store', 'site/.env', 'site/.git/config', 'site/Thumbs.db', 'site/desktop.ini', 'site/img/.cache/c.png']) file(f);
  symlinkSync(join(root, 'site/a.png'), join(root, 'site/alias.png'));   // the same file again: listed once
  symlinkSync(join(root, 'nowhere.png'), join(root, 'site/dangling.png')); // reported
  symlinkSync('..', join(root, 'site/img/loop'));                         // back to site: a loop, reported
  symlinkSync(join(root, 'outside'), join(root, 'site/linked'));           // a linked folder: followed
  return {
    inputs: [join(root, 'site'), join(root, 'lone/.hidden.png')],
    files: ['site/B.png', 'site/a.png', 'site/img/deeper/y.gif', 'site/img/z.jpg', 'site/linked/x.png', 'lone/.hidden.png'],
    problems: [['site/dangling.png', 'FILE_NOT_FOUND'], ['site/img/loop', 'NOT_A_FILE']],
  };
}

/** An absolute path as the fixture names it. */
export function fixturePath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
