// @vscode/test-cli: the in-host suites (out/test/suite, built by `npm run compile-tests`) in desktop VS Code,
// so that `npm run test:desktop` and Test Explorer (the Extension Test Runner) can run them, one test at a time
// too. Offline, `npm run test:host` runs the same files in code-server (test/e2e/run.sh).
//   trusted:   every suite but untrusted.test.js, workspace trust off (as the code-server host part).
//   untrusted: untrusted.test.js alone, workspace trust on and the folder never trusted (Restricted Mode).
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** A folder of its own for each configuration, so that one's workspace settings never leak into the other. */
function workspace(name) {
  const dir = join(root, '.vscode-test', `workspace-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# Test workspace\n');
  return dir;
}

const common = {
  version: '1.100.3',
  extensionDevelopmentPath: root,
  mocha: { ui: 'bdd', timeout: 60_000, color: true },
};

export default defineConfig([
  {
    ...common,
    label: 'trusted',
    files: 'out/test/suite/!(untrusted).test.js',
    workspaceFolder: workspace('trusted'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  },
  {
    ...common,
    label: 'untrusted',
    files: 'out/test/suite/untrusted.test.js',
    workspaceFolder: workspace('untrusted'),
    // Trust stays on; a fresh profile has never trusted this folder, and under test the trust prompt is not shown.
    launchArgs: ['--disable-extensions'],
    env: { WIX_SUITE: 'untrusted' },
  },
]);
