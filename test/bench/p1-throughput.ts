// P1: one big file, `wix-media upload` vs curl, wall time, median of N alternating runs.
// P1  : the same protocol on both sides: the CLI's plain PUT (forced with --threshold-mb above the size) vs
//       put.sh (curl POST generate-upload-url + curl -T to the upload URL). Both times include the generate call.
// P1b : what `wix-media upload big.bin` does by default above the resumable threshold (tus + finalize) vs
//       tus.sh (curl generate-resumable + tus create + one PATCH of the whole file + finalize).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, cliUnderTest, cpuText, fmtRatio, fmtS, runCli, runCurl, throughput, verifyStored, type BenchContext, type RowResult } from './context';
import { ensureFile, MiB, type TestFile } from './data';
import { cpuS, measure, median, type Measured } from './measure';
import { newestProfile, profileNotes, summarizeProfile } from './profile';

const GOAL = 1.10;

function perRun(label: string, ms: Measured[]): string {
  const cpu = ms.map(cpuS).filter((x): x is number => x !== undefined);
  const server = ms.map((m) => m.serverCpuS).filter((x): x is number => x !== undefined);
  return `${label}: ${ms.map((m) => fmtS(m.wallMs)).join(', ')}` +
    (cpu.length ? `; client CPU median ${median(cpu).toFixed(2)} s` : '') +
    (server.length ? `; server CPU median ${median(server).toFixed(2)} s` : '') +
    (ms[0]?.maxRssKiB ? `; peak RSS ${(Math.max(...ms.map((m) => m.maxRssKiB ?? 0)) / 1024).toFixed(0)} MiB` : '');
}

async function profileOnce(ctx: BenchContext, name: string, args: string[], file: TestFile): Promise<string[]> {
  const dir = join(ctx.work, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await ctx.emu.reset();
  const m = await runCli(ctx, args, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  await verifyStored(ctx, m, `${name} (profiled)`, [file]);
  const prof = newestProfile(dir);
  return prof ? [`Profiled run ${fmtS(m.wallMs)}${cpuText(m)}.`, ...profileNotes(summarizeProfile(prof))] : ['(no profile was written)'];
}

function row(id: string, measure: string, goal: string, cli: Measured[], curl: Measured[], size: number, notes: string[]): RowResult {
  const a = median(cli.map((m) => m.wallMs));
  const b = median(curl.map((m) => m.wallMs));
  const ratio = a / b;
  return {
    id, measure, goal,
    figure: `${fmtS(a)} (${throughput(size, a)})`,
    baseline: `${fmtS(b)} (${throughput(size, b)})`,
    ratio: fmtRatio(ratio),
    verdict: ratio <= GOAL ? 'pass' : 'miss',
    notes,
  };
}

/** The fixed cost each side pays before the first byte: process start (median of 3). */
async function startup(ctx: BenchContext): Promise<string> {
  const cli: number[] = [];
  const curl: number[] = [];
  for (let i = 0; i < 3; i++) {
    cli.push((await measure({ cmd: process.execPath, args: [cliUnderTest(ctx), '--version'], node: true }, ctx.work)).wallMs);
    curl.push((await measure({ cmd: 'curl', args: ['--version'] }, ctx.work)).wallMs);
  }
  return `Start-up alone (median of 3): \`node dist/cli.js --version\` ${(median(cli) / 1000).toFixed(2)} s, \`curl --version\` ${(median(curl) / 1000).toFixed(2)} s.`;
}

export async function runP1(ctx: BenchContext): Promise<RowResult[]> {
  const { opts } = ctx;
  const size = opts.p1Mb * MiB;
  const file = ensureFile(ctx.work, `p1-${opts.p1Mb}MiB.bin`, size);
  const putArgs = [file.path, '--threshold-mb', String(opts.p1Mb + 1)];
  const rows: RowResult[] = [];

  ctx.log(`P1: ${opts.p1Mb} MiB, plain PUT, ${opts.runs} alternating runs per side (+1 warm-up each)`);
  const [cli, curl] = await alternate(ctx, opts.runs, [
    { label: 'CLI (PUT)', run: () => runCli(ctx, putArgs) },
    { label: 'curl (PUT)', run: () => runCurl(ctx, 'put.sh', [file.path]) },
  ], [file]);
  const notes = [
    `CLI: \`node dist/cli.js upload ${file.name} --threshold-mb ${opts.p1Mb + 1}\` (the flag keeps this file on the plain PUT path, like curl).`,
    'Baseline: `test/bench/curl/put.sh` = `curl -X POST …/generate-upload-url` then `curl -T file -H "Content-Type: application/octet-stream" "$uploadUrl?filename=…"`. Both times include the generate call and process start.',
    perRun('CLI', cli), perRun('curl', curl),
    await startup(ctx),
  ];
  if (opts.profile) notes.push(...await profileOnce(ctx, 'p1-put', putArgs, file));
  rows.push(row('P1', `${opts.p1Mb} MiB upload, wall time (plain PUT both sides), median of ${opts.runs}`, `ratio ≤ ${GOAL.toFixed(2)}`, cli, curl, size, notes));

  if (opts.p1Tus) {
    ctx.log(`P1b: ${opts.p1Mb} MiB, the CLI's default resumable path vs curl speaking tus`);
    const tusArgs = [file.path];
    const [cliT, curlT] = await alternate(ctx, opts.runs, [
      { label: 'CLI (default: tus)', run: () => runCli(ctx, tusArgs) },
      { label: 'curl (tus)', run: () => runCurl(ctx, 'tus.sh', [file.path]) },
    ], [file]);
    const notesT = [
      `CLI: \`node dist/cli.js upload ${file.name}\` (above the default threshold: tus via tus-js-client with the default chunking, then the finalize PUT).`,
      'Baseline: `test/bench/curl/tus.sh` = curl generate-resumable-upload-url, tus create (POST), one PATCH with the whole file (`curl -X PATCH -T`), finalize PUT. The emulator stores tus bytes on disk and hashes them at finalize, for both sides alike.',
      perRun('CLI', cliT), perRun('curl', curlT),
    ];
    if (opts.profile) notesT.push(...await profileOnce(ctx, 'p1-tus', tusArgs, file));
    rows.push(row('P1b', `${opts.p1Mb} MiB upload, wall time, CLI default (tus) vs curl tus, median of ${opts.runs} (extra row)`, `ratio ≤ ${GOAL.toFixed(2)}`, cliT, curlT, size, notesT));
  }
  return rows;
}
