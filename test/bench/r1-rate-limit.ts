// R1: 300 small files against the emulator's rate limit (`--rate-limit CALLS/WINDOW_MS`, Wix's documented 200
// calls a minute by default; a scaled window is allowed). The emulator counts API-host calls only and answers
// 429 over the limit. Goal: done within 1.15× the limit's floor, no file failed.
// The floor: every file needs at least one API call (generate-upload-url), so N files need N calls; at C calls a
// window the last of them cannot go before (ceil(N / C) - 1) windows have passed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fmtRatio, fmtS, runCli, verifyStored, type BenchContext, type RowResult } from './context';
import { ensureBatch, KiB, MiB } from './data';
import { EmulatorProcess } from './emulator-proc';

const GOAL = 1.15;

/** Whether this emulator build knows --rate-limit (it ignores flags it does not know, so ask its --help). */
export function emulatorHasRateLimit(root: string): boolean {
  const r = spawnSync(process.execPath, [join(root, 'out/test/emulator/main.js'), '--help'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.includes('--rate-limit');
}

export async function runR1(ctx: BenchContext): Promise<RowResult[]> {
  const { opts } = ctx;
  const calls = opts.r1Calls;
  const windowMs = opts.r1WindowMs;
  const measureText = `${opts.r1Files} × 4 KiB under the emulator's rate limit of ${calls} API calls per ${windowMs / 1000} s, CLI default settings`;
  const base: Omit<RowResult, 'figure' | 'verdict' | 'notes' | 'ratio' | 'baseline'> = { id: 'R1', measure: measureText, goal: `≤ ${GOAL.toFixed(2)} × floor; no file failed` };
  if (!emulatorHasRateLimit(ctx.root)) {
    ctx.log('R1: skipped: emulator has no --rate-limit');
    return [{ ...base, figure: 'skipped: emulator has no --rate-limit', baseline: '-', ratio: '-', verdict: 'not measured',
      notes: ['The emulator in out/test/emulator does not offer `--rate-limit CALLS/WINDOW_MS` (its --help does not list it), so this row was not run.'] }];
  }
  const { dir, files } = ensureBatch(ctx.work, opts.r1Files, 4 * KiB);
  const floorMs = (Math.ceil(files.length / calls) - 1) * windowMs;
  ctx.log(`R1: ${files.length} files, --rate-limit ${calls}/${windowMs}; floor ${fmtS(floorMs)}`);
  const emu = await EmulatorProcess.start(ctx.root, MiB, ['--rate-limit', `${calls}/${windowMs}`]);
  try {
    const rctx = { ...ctx, emu };
    await emu.reset();
    const m = await runCli(rctx, [dir]);
    const failedLines = m.stderr.split('\n').filter((l) => /fail|error|429/i.test(l));
    const state = await verifyStored(rctx, m, 'R1 CLI', files);
    const ratio = floorMs > 0 ? m.wallMs / floorMs : NaN;
    const statsText = Object.entries(state.stats).map(([k, v]) => `${k} ${v}`).join(', ');
    return [{
      ...base,
      figure: fmtS(m.wallMs), baseline: `floor ${fmtS(floorMs)}`, ratio: floorMs > 0 ? fmtRatio(ratio) : '-',
      verdict: floorMs > 0 && ratio <= GOAL ? 'pass' : floorMs > 0 ? 'miss' : 'info',
      notes: [
        `CLI: \`node dist/cli.js upload DIR\` (default settings) against its own emulator started with \`--rate-limit ${calls}/${windowMs}\`; exit code ${m.code}; the emulator holds all ${files.length} files with their sha256.`,
        `Floor: ${files.length} generate-upload-url calls at ${calls} per ${windowMs} ms: (ceil(${files.length}/${calls}) - 1) × ${windowMs} ms = ${fmtS(floorMs)} (exact for a sliding window; a fixed window that happened to start before the run could allow less).`,
        `Emulator stats after the run: ${statsText}.`,
        failedLines.length ? `The CLI's stderr had ${failedLines.length} line(s) about failures or 429s; first: ${failedLines[0].slice(0, 200)}` : 'The CLI reported no failure.',
      ],
    }];
  } finally {
    await emu.stop();
  }
}
