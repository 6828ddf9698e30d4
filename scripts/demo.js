#!/usr/bin/env node
'use strict';
// `npm run demo`: the extension against the local Wix emulator, in a sample workspace, with nothing to
// configure. Starts the emulator, writes a sample site (real PNGs, README.md, index.html, styles.css),
// points wixMedia.siteId / wixMedia.wixAPI.baseURL at the emulator in the user settings, and hands the
// emulator's key to the extension through WIX_MEDIA_DEMO_API_KEY (which the extension honours only when
// wixAPI.baseURL is 127.0.0.1/localhost). Then opens VS Code (`code` on PATH) with the extension loaded
// from this folder, or, without `code`, the offline harness's code-server on 127.0.0.1 and prints the
// URL to open. Runs until Ctrl-C (or until the VS Code window closes), then stops everything.
// usage: node scripts/demo.js [--port N] [--emulator-port N] [--code-server] [--keep]
//   --port N           code-server's port (default: a free one)
//   --emulator-port N  the emulator's port (default: a free one)
//   --code-server      use code-server even when `code` is on PATH
//   --keep             keep the temporary workspace and user data after exit
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const E2E = path.join(ROOT, 'test/e2e');
const argv = process.argv.slice(2);
const opt = name => { const i = argv.indexOf(`--${name}`); return i < 0 ? undefined : argv[i + 1]; };
const flag = name => argv.includes(`--${name}`);

const { writeSampleWorkspace } = require(path.join(E2E, 'fixtures.js'));
const { httpJson, onExit } = require(path.join(E2E, 'lib.js'));

const children = [];
let tmp;
function stopAll() {
  for (const c of children.splice(0)) { try { process.kill(c.group ? -c.pid : c.pid, 'SIGTERM'); } catch { /* already gone */ } }
  if (tmp && !flag('keep')) fs.rmSync(tmp, { recursive: true, force: true });
}
onExit(stopAll);                                       // on exit, Ctrl-C, SIGTERM and SIGHUP

function need(file, hint) {
  if (!fs.existsSync(path.join(ROOT, file))) { console.error(`demo: ${file} is missing: run \`${hint}\` first (npm run demo does).`); process.exit(1); }
}

// Starts out/test/emulator/main.js and reads the three lines it prints.
function startEmulator(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'out/test/emulator/main.js'), '--port', String(port), '--quiet'],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', d => {
      out += d;
      const get = k => (new RegExp(`^${k}=(.*)$`, 'm').exec(out) || [])[1];
      if (get('WIX_SITE_ID')) resolve({ baseUrl: get('WIX_API_BASE_URL'), apiKey: get('WIX_API_KEY'), siteId: get('WIX_SITE_ID') });
    });
    child.on('exit', code => reject(new Error(`the emulator exited (code ${code}) before it was ready`)));
  });
}

const onPath = cmd => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

(async () => {
  need('out/test/emulator/main.js', 'npm run compile-tests');
  need('dist/extension.js', 'npm run build');

  const emu = await startEmulator(+(opt('emulator-port') || 0));
  // Folders to pick from in the upload's folder prompt.
  for (const displayPath of ['/site/images', '/site/docs']) {
    await httpJson('POST', `${emu.baseUrl}/__emulator/folders`, { displayPath }).catch(e => console.error(`demo: could not seed ${displayPath}: ${e.message}`));
  }

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wix-media-demo-'));
  const ws = path.join(tmp, 'sample-site');
  writeSampleWorkspace(ws);
  const settings = { 'wixMedia.siteId': emu.siteId, 'wixMedia.wixAPI.baseURL': emu.baseUrl };
  const env = { ...process.env, WIX_MEDIA_DEMO_API_KEY: emu.apiKey };

  console.log(`Wix emulator:  ${emu.baseUrl}  (site ${emu.siteId}; state: ${emu.baseUrl}/__emulator/state)`);
  console.log(`Workspace:     ${ws}`);
  console.log('API key:       handed to the extension through WIX_MEDIA_DEMO_API_KEY (the emulator\'s demo key)');

  if (onPath('code') && !flag('code-server')) {
    const ud = path.join(tmp, 'user-data');
    fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
    fs.writeFileSync(path.join(ud, 'User/settings.json'), JSON.stringify(settings, null, 2));
    // --wait: `code` returns when the window closes; a separate user-data-dir gives a new instance
    // that inherits this env (an already running VS Code would not).
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${ROOT}`, '--user-data-dir', ud, ws],
      { stdio: 'inherit', env, detached: true });
    children.push(Object.assign(code, { group: true }));
    console.log('VS Code:       opening a window with the extension loaded from this folder. Ctrl-C (or closing the window) ends the demo.');
    code.on('exit', () => { console.log('demo: VS Code closed; stopping.'); process.exit(0); });
    return;
  }

  // No desktop VS Code: the offline harness's code-server.
  if (!fs.existsSync(path.join(E2E, 'node_modules/.bin/code-server'))) {
    console.log('demo: installing the offline VS Code (code-server) harness, about 2 minutes the first time…');
    const r = spawnSync('bash', [path.join(E2E, 'install.sh')], { stdio: 'inherit' });
    if (r.status !== 0) { console.error('demo: test/e2e/install.sh failed'); process.exit(1); }
  }
  const { startCodeServer, workbenchUrl } = require(path.join(E2E, 'lib.js'));
  const cs = await startCodeServer({ name: 'demo', port: +(opt('port') || 0), settings, env: { WIX_MEDIA_DEMO_API_KEY: emu.apiKey } });
  console.log(`code-server:   log ${cs.logFile}`);
  console.log('\nOpen this URL in a browser on this machine (the extension is loaded from this folder):\n');
  console.log(`  ${workbenchUrl({ port: cs.port, folder: ws, devPath: ROOT })}\n`);
  console.log('Try: right-click images/hero.png > Upload to Wix Media. Ctrl-C ends the demo.');
  cs.child.on('exit', code => { console.error(`demo: code-server exited (code ${code}); stopping.`); process.exit(1); });
})().catch(e => { console.error(`demo: ${e.message}`); process.exit(1); });
