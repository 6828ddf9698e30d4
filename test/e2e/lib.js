'use strict';
// Drives a REAL VS Code offline: code-server 4.100.3 (VS Code 1.100.3 server + web workbench, Node
// extension host) on 127.0.0.1, and Debian's /usr/bin/chromium through playwright-core.
// The extension is loaded from its folder through the workbench's `payload` URL parameter
// (code-server's CLI rejects --extensionDevelopmentPath).
const { spawn } = require('child_process');
const http = require('http');
const net = require('net');
const path = require('path');
const fs = require('fs');

const HERE = __dirname;
const RUN = process.env.E2E_RUN_DIR || path.join(HERE, '.run');
const CS_BIN = process.env.CS_BIN || path.join(HERE, 'node_modules/.bin/code-server');

// code-server runs in its own process group, so it outlives us unless stopped: on exit and on signals.
const exitHooks = [];
function onExit(fn) {
  if (!exitHooks.length) {
    process.on('exit', () => exitHooks.forEach(f => f()));
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => { exitHooks.forEach(f => f()); process.exit(128 + require('os').constants.signals[sig]); });
  }
  exitHooks.push(fn);
}

function waitHttp(url, ms) {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const req = http.get(url, res => { res.resume(); resolve(res.statusCode); });
      req.on('error', () => Date.now() > end ? reject(new Error('timeout waiting for ' + url)) : setTimeout(tick, 100));
    };
    tick();
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// 'off': trust disabled (everything trusted, the default for tests). 'trusted' / 'untrusted': trust
// enabled as in a person's VS Code; the folder starts untrusted, and the runners answer the startup
// prompt (see answerTrustPrompt).
function trustMode(v = process.env.E2E_TRUST || 'off') {
  if (!['off', 'trusted', 'untrusted'].includes(v)) throw new Error(`E2E_TRUST must be off, trusted or untrusted, not "${v}"`);
  return v;
}

// Starts code-server with a fresh user-data-dir / extensions-dir / HOME under .run/<name>.
// settings: merged over settings.json into the user settings. env: added to code-server's env,
// which the extension host inherits.
async function startCodeServer({ name, port, env = {}, args = [], settings = {}, trust = trustMode() }) {
  port = port || await freePort();
  const dir = path.join(RUN, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const d of ['ud/User', 'ext', 'home', 'tmp']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const base = JSON.parse(fs.readFileSync(path.join(HERE, 'settings.json'), 'utf8'));
  const trustSettings = trust === 'off' ? {} : {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'always',
    'security.workspace.trust.emptyWindow': false,
  };
  fs.writeFileSync(path.join(dir, 'ud/User/settings.json'), JSON.stringify({ ...base, ...trustSettings, ...settings }, null, 2));
  const log = fs.openSync(path.join(dir, 'code-server.log'), 'w');
  const child = spawn(CS_BIN, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(trust === 'off' ? ['--disable-workspace-trust'] : []),
    '--user-data-dir', path.join(dir, 'ud'), '--extensions-dir', path.join(dir, 'ext'), ...args,
  ], {
    detached: true,                          // own process group, so we can stop it and its children
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'home/.config'),
      XDG_DATA_HOME: path.join(dir, 'home/.local/share'), TMPDIR: path.join(dir, 'tmp'),
      EXTENSIONS_GALLERY: '{}',              // no marketplace (open-vsx.org) requests from the server
      ...env,
    },
  });
  let stopped = false;
  const stop = () => { if (!stopped) { stopped = true; try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ } } };
  onExit(stop);
  await waitHttp(`http://127.0.0.1:${port}/healthz`, 60000);
  return { child, dir, port, stop, trust, logFile: path.join(dir, 'code-server.log') };
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const home = path.join(RUN, 'chromium-home');          // keep Chromium's crash dir/dconf out of ~
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--disable-domain-reliability', '--no-pings',
      '--disable-client-side-phishing-detection',
      '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
      // no DNS lookups at all (Chromium otherwise asks for update.googleapis.com,
      // accounts.google.com and content-autofill.googleapis.com)
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const blocked = [];
  await context.route('**/*', route => {       // the page may only talk to 127.0.0.1
    const u = new URL(route.request().url());
    if (/^(https?|wss?):$/.test(u.protocol) && u.hostname !== '127.0.0.1') { blocked.push(u.href); return route.abort(); }
    return route.continue();
  });
  return { browser, context, blocked };
}

// URL of the workbench; devPath/testsPath are loaded into the (remote, Node) extension host
// exactly like --extensionDevelopmentPath / --extensionTestsPath of desktop VS Code.
function workbenchUrl({ port, folder, devPath, testsPath }) {
  const auth = `127.0.0.1:${port}`;
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${auth}${path.resolve(devPath)}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${auth}${path.resolve(testsPath)}`]);
  payload.push(['skipWelcome', 'true']);
  return `http://${auth}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// Answers the startup "Do you trust the authors of the files in this folder?" prompt (trust modes
// 'trusted' and 'untrusted'). The answer persists in the browser's storage for this origin.
async function answerTrustPrompt(page, trusted, timeout = 60000) {
  const button = page.locator(`.monaco-dialog-box .monaco-button:has-text("${trusted ? 'Yes, I trust' : 'No, I don'}")`).first();
  await button.waitFor({ state: 'visible', timeout });
  await button.hover(); await page.waitForTimeout(300); await button.click();
  await button.waitFor({ state: 'hidden', timeout: 10000 });
  if (!trusted) return;
  // wait until the answer is in the application storage (IndexedDB), so a following page load
  // sees the folder as trusted
  await page.waitForFunction(() => new Promise(resolve => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      try {
        const get = open.result.transaction('ItemTable').objectStore('ItemTable').get('content.trust.model.key');
        get.onsuccess = () => resolve(typeof get.result === 'string' && get.result.includes('"trusted":true'));
        get.onerror = () => resolve(false);
      } catch (e) { resolve(false); }
    };
  }), null, { timeout: 15000, polling: 200 });
}

// The emulator's coordinates, handed over by run.sh.
function emulatorEnv() {
  return { baseUrl: process.env.WIX_EMU_BASE_URL, apiKey: process.env.WIX_EMU_API_KEY, siteId: process.env.WIX_EMU_SITE_ID };
}

// JSON over HTTP to 127.0.0.1 (the emulator's /__emulator/* routes).
function httpJson(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url, { method, headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } }, res => {
      let text = ''; res.setEncoding('utf8');
      res.on('data', d => text += d);
      res.on('end', () => {
        if (res.statusCode >= 400) return reject(new Error(`${method} ${url} -> ${res.statusCode}: ${text.slice(0, 200)}`));
        try { resolve(text ? JSON.parse(text) : undefined); } catch (e) { resolve(text); }
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

module.exports = { RUN, HERE, startCodeServer, launchBrowser, workbenchUrl, waitHttp, freePort, trustMode, answerTrustPrompt, emulatorEnv, httpJson, onExit };
