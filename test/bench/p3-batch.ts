// P3: many small files. `wix-media upload DIR` (its default concurrency, and 8) vs batch.sh: put.sh (curl
// generate + curl PUT) once per file under `xargs -P 8`. Wall time, median of --p3-runs rotating runs.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, cpuText, fmtRatio, fmtS, runCli, runCurl, verifyStored, type BenchContext, type RowResult } from './context';
import { ensureBatch, KiB } from './data';
import { DEFAULT_CONCURRENCY } from '../../src/upload/queue';
import { cpuS, median, type Measured } from './measure';
import { newestProfile, profileNotes, summarizeProfile } from './profile';

const GOAL = 1.0;
const XARGS_P = 8;

const summary = (label: string, ms: Measured[]) => {
  const cpu = ms.map(cpuS).filter((x): x is number => x !== undefined);
  const server = ms.map((m) => m.serverCpuS).filter((x): x is number => x !== undefined);
  return `${label}: ${ms.map((m) => fmtS(m.wallMs)).join(', ')}` +
    (cpu.length ? `; client CPU median ${median(cpu).toFixed(2)} s` : '') +
    (server.length ? `; server CPU median ${median(server).toFixed(2)} s` : '') +
    (ms[0]?.maxUploadsInFlight !== undefined ? `; at most ${Math.max(...ms.map((m) => m.maxUploadsInFlight ?? 0))} uploads at once (server side)` : '');
};

export async function runP3(ctx: BenchContext): Promise<RowResult[]> {
  const { opts } = ctx;
  const { dir, files } = ensureBatch(ctx.work, opts.p3Files, opts.p3Kb * KiB);
  const what = `${opts.p3Files} × ${opts.p3Kb} KiB`;
  ctx.log(`P3: ${what}, ${opts.p3Runs} rotating runs per side (+1 warm-up of each CLI side)`);
  const [cliDefault, cli8, curl] = await alternate(ctx, opts.p3Runs, [
    { label: 'CLI (default concurrency)', run: () => runCli(ctx, [dir]) },
    { label: 'CLI --concurrency 8', run: () => runCli(ctx, [dir, '--concurrency', '8']) },
    { label: `curl xargs -P ${XARGS_P}`, run: () => runCurl(ctx, 'batch.sh', [dir, String(XARGS_P)]), warmUp: false },
  ], files);
  for (const m of [...cliDefault, ...cli8]) {
    const lines = m.stdout.trim().split('\n').filter(Boolean).length;
    if (lines !== files.length) throw new Error(`P3: the CLI printed ${lines} references for ${files.length} files`);
  }

  const b = median(curl.map((m) => m.wallMs));
  const notes = [
    `Files: ${what} in one folder; CLI: \`node dist/cli.js upload DIR\` (default concurrency ${DEFAULT_CONCURRENCY}) and \`… --concurrency 8\`.`,
    `Baseline: \`test/bench/curl/batch.sh DIR ${XARGS_P}\` = \`find DIR -type f -print0 | xargs -0 -n 1 -P ${XARGS_P} bash put.sh\` (curl generate + curl PUT per file).`,
    summary('CLI default', cliDefault), summary('CLI --concurrency 8', cli8), summary('curl', curl),
  ];
  if (opts.profile) {
    const profDir = join(ctx.work, 'profiles', 'p3');
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
    await ctx.emu.reset();
    const m = await runCli(ctx, [dir], ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
    await verifyStored(ctx, m, 'P3 CLI (profiled)', files);
    const prof = newestProfile(profDir);
    if (prof) notes.push(`Profiled run ${fmtS(m.wallMs)}${cpuText(m)}.`, ...profileNotes(summarizeProfile(prof)));
  }
  const mk = (id: string, measure: string, cli: Measured[], rowNotes: string[]): RowResult => {
    const a = median(cli.map((m) => m.wallMs));
    const ratio = a / b;
    return {
      id, measure, goal: `ratio ≤ ${GOAL.toFixed(1)}`,
      figure: `${fmtS(a)} (${(files.length / (a / 1000)).toFixed(0)} files/s)`,
      baseline: `${fmtS(b)} (${(files.length / (b / 1000)).toFixed(0)} files/s)`,
      ratio: fmtRatio(ratio), verdict: ratio <= GOAL ? 'pass' : 'miss', notes: rowNotes,
    };
  };
  return [
    mk('P3', `${what}, wall time, CLI default concurrency vs curl under xargs -P ${XARGS_P}, median of ${opts.p3Runs}`, cliDefault, notes),
    mk('P3b', `${what}, wall time, CLI --concurrency 8 vs the same baseline (extra row)`, cli8, ['See P3.']),
  ];
}
