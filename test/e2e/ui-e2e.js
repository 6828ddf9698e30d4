'use strict';
// UI end-to-end tests: the real VS Code workbench (code-server) in headless Chromium, the extension
// loaded from its folder (extensionDevelopmentPath), driven like a person would drive it.
// usage: node ui-e2e.js [<extensionDevelopmentPath>]     (default: the repository root)
// env:   WIX_EMU_BASE_URL / WIX_EMU_API_KEY / WIX_EMU_SITE_ID  the running emulator (run.sh sets them);
//        E2E_UI_SPEC  the scenarios module (default ./ui-scenarios.js); E2E_TRUST=off|trusted|untrusted;
//        E2E_LOCALE  the display language (code-server --locale; run.sh takes it from a `// e2e-locale:` line);
//        PORT; everything else in the env reaches code-server and the extension host.
// Prints `e2e ui: N passed, N failed`; screenshots of every step go to .run/ui/shots/.
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { startCodeServer, launchBrowser, workbenchUrl, trustMode, answerTrustPrompt, emulatorEnv } = require('./lib');
const { UiKit } = require('./ui-kit');
const fixtures = require('./fixtures');

const devPath = path.resolve(process.argv[2] || path.join(__dirname, '../..'));
const specPath = path.resolve(process.env.E2E_UI_SPEC || path.join(__dirname, 'ui-scenarios.js'));

// VS Code switches its display language (and so which l10n/bundle.l10n.<locale>.json an extension gets) only
// when a language pack for the locale is installed; offline there is none. This registers a stand-in pack with no
// translations of VS Code's own texts, the way an installed pack registers itself in the user data's
// languagepacks.json (read by vs/base/node/nls.ts resolveNLSConfiguration when the workbench page is served).
function standInLanguagePack(dir, locale) {
  const translations = path.join(dir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(dir, 'ud', 'languagepacks.json'), JSON.stringify({
    [locale]: {
      hash: `e2e-${locale}`, label: locale, translations: { vscode: translations },
      extensions: [{ extensionIdentifier: { id: `e2e.stand-in-language-pack-${locale}` }, version: '0.0.0' }],
    },
  }));
}

(async () => {
  const t0 = Date.now();
  const timings = {};
  const trust = trustMode();
  const emu = emulatorEnv();
  if (!emu.baseUrl) console.log('[ui-e2e] WIX_EMU_BASE_URL is not set: no emulator for this run (run.sh starts one)');
  // What a person would have in their user settings: the site and, for the emulator, its base URL.
  const settings = emu.baseUrl ? { 'wixMedia.siteId': emu.siteId, 'wixMedia.wixAPI.baseURL': emu.baseUrl } : {};
  const args = process.env.E2E_LOCALE ? ['--locale', process.env.E2E_LOCALE] : [];
  const cs = await startCodeServer({ name: process.env.E2E_NAME || 'ui', port: +process.env.PORT || 0, settings, trust, args });
  if (process.env.E2E_LOCALE) standInLanguagePack(cs.dir, process.env.E2E_LOCALE);
  timings.serverReadyMs = Date.now() - t0;
  const ws = path.join(cs.dir, 'ws');
  fixtures.writeSampleWorkspace(ws);
  const shots = path.join(cs.dir, 'shots'); fs.mkdirSync(shots);

  const { browser, context, blocked } = await launchBrowser();
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(cs.dir, 'browser-console.log'));
  page.on('console', m => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', e => consoleLog.write(`[pageerror] ${e.message}\n`));
  const kit = new UiKit({ page, ws, shotsDir: shots, emu });

  try {
    await page.goto(workbenchUrl({ port: cs.port, folder: ws, devPath }));
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    timings.workbenchMs = Date.now() - t0;
    if (trust !== 'off') await answerTrustPrompt(page, trust === 'trusted');
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label="README.md"]').waitFor({ timeout: 90000 });
    timings.explorerMs = Date.now() - t0;
    await kit.shot('workbench');

    const spec = require(specPath);
    await spec(kit, { assert, ws, emu, devPath, trust, fixtures, page, shots, runDir: cs.dir,
      userSettingsFile: path.join(cs.dir, 'ud/User/settings.json') });

    await kit.test('no request left 127.0.0.1', async () => assert.deepStrictEqual(blocked, []));
  } catch (e) {
    kit.failed++;
    console.log(`  ✖ the UI run stopped: ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n      ')}`);
    await page.screenshot({ path: path.join(shots, 'FAIL-run.png') }).catch(() => { });
  } finally {
    timings.totalMs = Date.now() - t0;
    console.error(`[ui-e2e] timings ${JSON.stringify(timings)} trust=${trust} screenshots: ${shots} (code-server log: ${cs.logFile})`);
    const todo = kit.todos.length ? `, ${kit.todos.length} todo` : '';
    console.log(`e2e ui: ${kit.passed} passed, ${kit.failed} failed${todo}`);
    await browser.close().catch(() => { });
    cs.stop();
  }
  process.exit(kit.failed ? 1 : 0);
})().catch(e => { console.error(e); console.log('e2e ui: 0 passed, 1 failed'); process.exit(1); });
