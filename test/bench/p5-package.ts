// P5: the size of the .vsix (`npm run package` -> wix-media.vsix) and the extension's activation time, measured
// in the real extension host of code-server by activation-probe.js through test/e2e/run-ext-tests.js.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, RowResult } from './context';

const MAX_VSIX_KB = 600;
const MAX_ACTIVATE_MS = 30;

interface Exec {
  code: number | null;
  out: string;
}

function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000): Promise<Exec> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (e) => { clearTimeout(timer); resolve({ code: -1, out: `${out}\n${e.message}` }); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

const tail = (text: string, n = 12) => text.trim().split('\n').slice(-n).join('\n');

/** The biggest entries of the .vsix (unzip -l), for the notes. */
async function biggestEntries(root: string, vsix: string): Promise<string | undefined> {
  const r = await exec('unzip', ['-l', vsix], root).catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  const rows = r.out.split('\n').map((l) => /^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(l)).filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ size: Number(m[1]), name: m[2].trim() })).sort((a, b) => b.size - a.size);
  return rows.slice(0, 5).map((e) => `${e.name} ${(e.size / 1024).toFixed(1)} KiB`).join(', ');
}

async function packageRow(ctx: BenchContext): Promise<RowResult> {
  const vsix = join(ctx.root, 'wix-media.vsix');
  rmSync(vsix, { force: true });
  ctx.log('P5: npm run package');
  const r = await exec('npm', ['run', 'package'], ctx.root);
  const base = { id: 'P5a', measure: 'size of the .vsix (`npm run package`)', goal: `≤ ${MAX_VSIX_KB} KB`, baseline: '-', ratio: '-' };
  if (r.code !== 0 || !existsSync(vsix)) {
    return { ...base, figure: 'packaging failed', verdict: 'error', notes: [`\`npm run package\` exited with ${r.code}:`, '```\n' + tail(r.out) + '\n```'] };
  }
  const bytes = statSync(vsix).size;
  const kb = bytes / 1024;
  ctx.log(`  wix-media.vsix: ${kb.toFixed(1)} KiB`);
  const entries = await biggestEntries(ctx.root, vsix);
  return {
    ...base, figure: `${kb.toFixed(1)} KiB (${bytes} bytes)`, verdict: kb <= MAX_VSIX_KB ? 'pass' : 'miss',
    notes: [`\`npm run package\` (esbuild --production, then vsce package --no-dependencies) -> wix-media.vsix.`, entries ? `Largest entries: ${entries}.` : ''].filter(Boolean),
  };
}

/**
 * The extension as it ships (dist, manifest, l10n, media), with no activation events: the real manifest activates
 * after start-up (onStartupFinished, for hovers), before the probe could time it. What is timed is the same
 * load + activate() that any activation event triggers.
 */
function activationCopy(ctx: BenchContext): string {
  const dir = join(ctx.work, 'activation-ext');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['dist', 'media', 'l10n', 'package.nls.json']) {
    if (existsSync(join(ctx.root, f))) cpSync(join(ctx.root, f), join(dir, f), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(ctx.root, 'package.json'), 'utf8')) as { activationEvents?: string[] };
  manifest.activationEvents = [];
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function activationRow(ctx: BenchContext, packaged: boolean): Promise<RowResult> {
  const base = { id: 'P5b', measure: 'activation time in code-server (activate() duration in the extension host)', goal: `≤ ${MAX_ACTIVATE_MS} ms`, baseline: '-', ratio: '-' };
  const runner = join(ctx.root, 'test/e2e/run-ext-tests.js');
  const codeServer = join(ctx.root, 'test/e2e/node_modules/.bin/code-server');
  const chromium = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  const missing = [runner, codeServer, chromium].filter((p) => !existsSync(p));
  if (missing.length) {
    return {
      ...base, figure: 'needs code-server run', verdict: 'not measured',
      notes: [`Not measured: ${missing.join(', ')} missing. Install the harness with \`bash test/e2e/install.sh\` (code-server + chromium), then \`npm run bench -- --only P5\`.`],
    };
  }
  const out = join(ctx.work, 'activation.json');
  const ws = join(ctx.work, 'activation-ws');
  rmSync(out, { force: true });
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.md'), '# activation probe\n');
  ctx.log('P5: activation in code-server (test/e2e/run-ext-tests.js + activation-probe.js)');
  const ext = activationCopy(ctx);
  const r = await exec(process.execPath, [runner, ext, join(__dirname, 'activation-probe'), ws], ctx.root, {
    E2E_NAME: 'bench-activation', E2E_TRUST: 'off', WIX_BENCH_ACTIVATION_OUT: out, TEST_TIMEOUT_MS: '180000',
  });
  if (!existsSync(out)) {
    return { ...base, figure: 'probe failed', verdict: 'error', notes: [`run-ext-tests.js exited with ${r.code} and wrote no figure:`, '```\n' + tail(r.out) + '\n```'] };
  }
  const rec = JSON.parse(readFileSync(out, 'utf8')) as { activateMs: number; loadMsMedian?: number; how: string };
  ctx.log(`  activate(): ${rec.activateMs.toFixed(1)} ms`);
  return {
    ...base, figure: `${rec.activateMs.toFixed(1)} ms`, verdict: rec.activateMs <= MAX_ACTIVATE_MS ? 'pass' : 'miss',
    notes: [
      `${rec.how}; one sample (activation happens once per extension host), ${packaged ? 'the production bundle just packaged' : 'the development bundle (packaging failed)'}.`,
      rec.loadMsMedian === undefined ? '' : `Of which loading the bundle: about ${rec.loadMsMedian.toFixed(1)} ms (median of 3 fresh \`require()\`s of dist/extension.js in the same host after the activation).`,
      'code-server log: test/e2e/.run/bench-activation/.',
    ].filter(Boolean),
  };
}

export async function runP5(ctx: BenchContext): Promise<RowResult[]> {
  const size = await packageRow(ctx);
  try {
    return [size, await activationRow(ctx, size.verdict !== 'error')];
  } finally {
    // `npm run package` left the minified production bundle in dist/: put back what `npm run build` makes.
    const r = await exec(process.execPath, ['esbuild.js'], ctx.root);
    if (r.code !== 0) ctx.log(`  (could not rebuild the development bundle: ${tail(r.out, 3)})`);
  }
}
