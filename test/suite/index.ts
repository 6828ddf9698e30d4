// Runs the in-host suites inside the real VS Code extension host (the extensionTestsPath contract of
// @vscode/test-electron and of test/e2e/run-ext-tests.js): exports run(), which resolves when all pass.
// WIX_SUITE=untrusted selects the suite that needs a run with workspace trust on and the folder untrusted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
// mocha 11 is CommonJS; the host loads this file with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

/** The files the suites wrote into the workspace (helpers.filesDir). */
function removeSuiteFiles(): void {
  const ws = process.env.WIX_SUITE_KEEP_FILES ? undefined : vscode.workspace.workspaceFolders?.[0];
  if (ws) fs.rmSync(path.join(ws.uri.fsPath, '.wix-suite'), { recursive: true, force: true });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // WIX_SUITE_GREP narrows a run to matching tests (while working on one).
  if (process.env.WIX_SUITE_GREP) mocha.grep(process.env.WIX_SUITE_GREP);
  const untrusted = process.env.WIX_SUITE === 'untrusted';
  const files = fs.readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .filter(f => (f === 'untrusted.test.js') === untrusted)
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        removeSuiteFiles();
        console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} tests failed.`)); else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
