// `npm run bench`: the performance rows of issues 6 (P1-P6) and 14 (P1d, W1, W2, R1), each side by side with its baseline, in one run,
// against one emulator process. Prints a table and writes test/bench/RESULTS.md. See test/bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI_JS, type BenchContext, type RowResult } from './context';
import { MiB, sizeOnDisk } from './data';
import { EmulatorProcess } from './emulator-proc';
import { rssSource } from './measure';
import { HELP, parseOptions, type BenchOptions, type RowId } from './options';
import { runP1 } from './p1-throughput';
import { runP2 } from './p2-memory';
import { runP3 } from './p3-batch';
import { runP4 } from './p4-resume';
import { runP5 } from './p5-package';
import { runP6 } from './p6-ui';
import { runP1d } from './p1d-default';
import { runR1 } from './r1-rate-limit';
import { runW1, runW2 } from './w-link';
import { ProxiedEmulator } from './link';
import { loadText, machineInfo, markdown, textTable, writeResults } from './report';

const ROOT = resolve(__dirname, '../../..');
const WORK = join(ROOT, 'test/bench/.work');

const ROWS: Record<RowId, { title: string; run: (ctx: BenchContext) => Promise<RowResult[]> }> = {
  P1: { title: 'single-file throughput', run: runP1 },
  P2: { title: 'peak memory', run: runP2 },
  P3: { title: 'batch of small files', run: runP3 },
  P4: { title: 'resume after a dropped connection', run: runP4 },
  P5: { title: 'package size and activation', run: runP5 },
  P6: { title: 'UI right-click to reference', run: runP6 },
  P1D: { title: 'single-file default path vs curl PUT', run: runP1d },
  W1: { title: 'one big file through the latency proxy', run: runW1 },
  W2: { title: 'many small files through the latency proxy', run: runW2 },
  R1: { title: 'many files under the rate limit', run: runR1 },
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The tools the baselines need; the bench installs nothing itself. */
function preflight(opts: BenchOptions): string[] {
  const problems: string[] = [];
  const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  if (!has('curl', ['--version'])) problems.push('curl is missing: the baselines run curl. Install it (Debian/Ubuntu: `apt-get install curl`) and run the bench again.');
  if (!has('bash', ['-c', 'true'])) problems.push('bash is missing: the curl baselines are bash scripts (test/bench/curl/*.sh).');
  if (!has('xargs', ['--version']) || !has('find', ['--version'])) problems.push('xargs/find are missing: install findutils (`apt-get install findutils`).');
  if (opts.cli && !existsSync(resolve(opts.cli))) problems.push(`--cli ${opts.cli}: no such file.`);
  for (const f of [CLI_JS(ROOT), join(ROOT, 'out/test/emulator/main.js')]) {
    if (!existsSync(f)) problems.push(`${f} is missing: run \`npm run bench\` (it builds dist/ and out/ first), not node out/test/bench/run.js alone.`);
  }
  return problems;
}

/** Largest file any selected row sends, so the emulator's size limit is above it. */
function largestBytes(o: BenchOptions): number {
  return Math.max(o.p1Mb, o.p2SmallMb, o.p2LargeMb, o.p4Mb, o.w1Mb) * MiB;
}

async function main(): Promise<number> {
  let opts: BenchOptions | 'help';
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const problems = preflight(opts);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`bench: ${p}\n`);
    return 1;
  }
  mkdirSync(WORK, { recursive: true });
  const started = Date.now();
  const loadStart = loadText();
  const needsEmulator = opts.only.some((id) => ['P1', 'P2', 'P3', 'P4', 'P1D'].includes(id));
  const emu = needsEmulator ? await EmulatorProcess.start(ROOT, largestBytes(opts) + MiB) : undefined;
  const needsLink = opts.only.some((id) => ['W1', 'W2'].includes(id));
  const link = needsLink ? await ProxiedEmulator.start(ROOT, largestBytes(opts) + MiB, opts) : undefined;
  const stop = () => { void emu?.stop(); void link?.stop(); };
  process.once('SIGINT', () => { stop(); process.exit(130); });
  process.once('SIGTERM', () => { stop(); process.exit(143); });
  if (emu) log(`emulator pid ${emu.pid} at ${emu.baseUrl}; test files in ${WORK}`);
  if (link) log(`W rows: emulator pid ${link.emu.pid} behind the proxy pid ${link.proxyPid} (API ${link.apiUrl}, uploads ${link.uploadUrl})`);

  const results: RowResult[] = [];
  try {
    for (const id of opts.only) {
      const row = ROWS[id];
      try {
        results.push(...await row.run({ root: ROOT, work: WORK, opts, emu: emu!, link, log }));
      } catch (e) {
        const message = (e as Error).stack ?? String(e);
        log(`${id} failed: ${message}`);
        results.push({ id, measure: row.title, goal: '-', figure: 'error', baseline: '-', ratio: '-', verdict: 'error', notes: ['```\n' + message + '\n```'] });
      }
    }
  } finally {
    await emu?.stop();
    await link?.stop();
  }

  const info = {
    date: new Date().toISOString(),
    ...machineInfo(ROOT),
    rss: rssSource(),
    cli: opts.cli ? resolve(opts.cli) : 'dist/cli.js',
    loadStart,
    loadEnd: loadText(),
    durationS: (Date.now() - started) / 1000,
  };
  process.stdout.write(`\n${textTable(results)}\n\n`);
  process.stdout.write(`${info.machine}; node ${info.node}; commit ${info.commit}; load ${loadStart} -> ${info.loadEnd}; ${info.durationS.toFixed(0)} s\n`);
  const target = opts.isDefaultRun || opts.writeResults ? join(ROOT, 'test/bench/RESULTS.md') : join(WORK, 'RESULTS-partial.md');
  writeResults(target, markdown(results, info, opts));
  process.stdout.write(`Results written to ${target.replace(ROOT + '/', '')}` +
    (target.endsWith('partial.md') ? ' (a partial or resized run; add --write-results to write test/bench/RESULTS.md)' : '') + '\n');

  if (opts.clean) {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    if (target.startsWith(WORK)) writeResults(target, markdown(results, info, opts));
  } else {
    const bytes = sizeOnDisk(WORK);
    if (bytes > 64 * MiB) process.stdout.write(`Test files kept for the next run: ${(bytes / MiB).toFixed(0)} MiB in test/bench/.work (--clean removes them).\n`);
  }
  return results.some((r) => r.verdict === 'error') ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
