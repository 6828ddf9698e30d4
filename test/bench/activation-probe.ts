// Loaded into the REAL extension host (code-server) as the extensionTestsPath of test/e2e/run-ext-tests.js:
// times the extension's activation the way VS Code performs it on a first command (load dist/extension.js,
// call activate(), await its promise), and writes the figure to $WIX_BENCH_ACTIVATION_OUT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'wix-media-tools.wix-media-vscode';
/** A person's first command comes after the window has started: let the host finish its own start-up first. */
const SETTLE_MS = 3000;

/** Loads the bundle again as a fresh module instance (after the real activation), to split off code loading. */
function timeFreshRequire(file: string): number {
  const cached = require.cache[file];
  delete require.cache[file];
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- times a fresh load of the bundle, as the host does
  require(file);
  const ms = performance.now() - t0;
  if (cached) require.cache[file] = cached;
  return ms;
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  if (ext.isActive) throw new Error(`${EXTENSION_ID} was already active before the probe ran, so its activation cannot be timed`);
  const t0 = performance.now();
  await ext.activate();
  const activateMs = performance.now() - t0;

  const main = require.resolve(join(ext.extensionPath, String(ext.packageJSON.main ?? 'dist/extension.js')));
  const loads = [timeFreshRequire(main), timeFreshRequire(main), timeFreshRequire(main)].sort((a, b) => a - b);
  const record = {
    activateMs,
    loadMsMedian: loads[1],
    how: `performance.now() around vscode.extensions.getExtension('${EXTENSION_ID}').activate() in the code-server ` +
      `extension host (VS Code ${vscode.version}), ${SETTLE_MS / 1000} s after the host started: loading the bundle + activate() + its promise`,
    vscode: vscode.version,
    at: new Date().toISOString(),
  };
  const out = process.env.WIX_BENCH_ACTIVATION_OUT;
  if (out) writeFileSync(out, JSON.stringify(record));
  console.log(`[bench] ${EXTENSION_ID} activated in ${activateMs.toFixed(1)} ms; loading the bundle alone: ${loads.map((x) => x.toFixed(1)).join(', ')} ms`);
}
