'use strict';
// Runs an extension's test module INSIDE the real VS Code Node extension host (the contract of
// @vscode/test-electron: the module exports run(): Promise<void>). The workbench forwards the
// extension host's console to window.codeAutomationLog and reports the end through
// window.codeAutomationExit(code); this process exits with that code.
// usage: node run-ext-tests.js <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder>
// env:   E2E_TRUST=off|trusted|untrusted, E2E_NAME (run folder name), PORT, TEST_TIMEOUT_MS;
//        everything else in the env reaches the extension host (e.g. WIX_EMU_BASE_URL).
const util = require('util');
const { startCodeServer, launchBrowser, workbenchUrl, trustMode, answerTrustPrompt } = require('./lib');

const [devPath, testsPath, folder] = process.argv.slice(2);
if (!devPath || !testsPath || !folder) { console.error('usage: run-ext-tests.js <devPath> <testsPath> <folder>'); process.exit(2); }
const timeoutMs = +(process.env.TEST_TIMEOUT_MS || 300000);
const label = process.env.E2E_NAME || 'host';
const NOISE = /Ignoring fetching additional builtin extensions|Creating a socket|connection token|Service Worker|ChatSessionStore|builtin extensions cache|Creation of workbench contribution/;

(async () => {
  const t0 = Date.now();
  const trust = trustMode();
  const cs = await startCodeServer({ name: process.env.E2E_NAME || 'ext-tests', port: +process.env.PORT || 0, trust });
  const { browser, context, blocked } = await launchBrowser();
  const page = await context.newPage();
  let passing, failing, pending;
  let finish; const done = new Promise(r => finish = r);
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = Array.isArray(args) ? util.format(...args) : String(args);
    if (NOISE.test(line)) return;
    // mocha's own counts (spec reporter), so the summary holds whatever reporter the suite uses
    let m;
    if ((m = /^\s*(\d+) passing\b/.exec(line))) passing = +m[1];
    if ((m = /^\s*(\d+) failing\b/.exec(line))) failing = +m[1];
    if ((m = /^\s*(\d+) pending\b/.exec(line))) pending = +m[1];
    process.stdout.write(type === 'info' || type === 'log' ? `${line}\n` : `[${type}] ${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', code => finish(code));
  page.on('pageerror', e => console.log('[pageerror]', e.message));
  if (trust === 'trusted') {
    // Under test the workbench refuses to show dialogs, so trust the folder in a first plain load
    // (the answer persists in the browser's storage for this origin), then load the tests.
    await page.goto(workbenchUrl({ port: cs.port, folder }));
    await answerTrustPrompt(page, true);
    console.error(`[run-ext-tests] folder trusted after ${Date.now() - t0} ms`);
  }
  await page.goto(workbenchUrl({ port: cs.port, folder, devPath, testsPath }));
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  let code = await done;
  clearTimeout(timer);
  console.error(`[run-ext-tests] exit code ${code} after ${Date.now() - t0} ms, trust=${trust} (code-server log: ${cs.logFile})`);
  await browser.close().catch(() => { });
  cs.stop();

  const p = passing || 0;
  let f = failing || 0;
  if (code === 'timeout') { console.log(`[run-ext-tests] timed out after ${timeoutMs} ms`); f++; code = 124; }
  else if (code !== 0 && f === 0) f++;                   // crashed or failed outside a test
  if (blocked.length) { console.log('[run-ext-tests] requests that tried to leave 127.0.0.1:\n  ' + blocked.join('\n  ')); f++; code = code || 1; }
  console.log(`e2e ${label}: ${p} passed, ${f} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exit(code);
})().catch(e => { console.error(e); console.log(`e2e ${label}: 0 passed, 1 failed`); process.exit(1); });
