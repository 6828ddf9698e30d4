// What every row gets: the repository, the work folder, the emulator, the options, and the two ways to upload
// (the CLI under test and the curl scripts), each run as a measured child process.
import { join, resolve } from 'node:path';
import type { EmulatorProcess, EmuState } from './emulator-proc';
import type { ProxiedEmulator } from './link';
import { measure, mustSucceed, type Measured } from './measure';
import type { BenchOptions } from './options';
import type { TestFile } from './data';

export type Verdict = 'pass' | 'miss' | 'info' | 'not measured' | 'error';

export interface RowResult {
  id: string;
  measure: string;
  goal: string;
  figure: string;
  baseline: string;
  ratio: string;
  verdict: Verdict;
  /** Lines for RESULTS.md: how it was measured, the per-run figures, explanations. */
  notes: string[];
}

export interface BenchContext {
  root: string;
  work: string;
  opts: BenchOptions;
  emu: EmulatorProcess;
  /** The W rows' emulator behind the latency proxy (started only when a W row runs). */
  link?: ProxiedEmulator;
  log(line: string): void;
}

export const CLI_JS = (root: string) => join(root, 'dist/cli.js');
/** The bundle under test: --cli PATH, else dist/cli.js. */
export const cliUnderTest = (ctx: BenchContext) => (ctx.opts.cli ? resolve(ctx.opts.cli) : CLI_JS(ctx.root));
export const CURL_DIR = (root: string) => join(root, 'test/bench/curl');

/** `node dist/cli.js upload …` against the emulator. `nodeFlags` go before the script (e.g. --cpu-prof). */
export function runCli(ctx: BenchContext, args: string[], nodeFlags: string[] = [], bundle = cliUnderTest(ctx)): Promise<Measured> {
  return measure({
    cmd: process.execPath,
    args: [...nodeFlags, bundle, 'upload', ...args],
    env: ctx.emu.env,
    node: true,
    serverPid: ctx.emu.pid,
  }, ctx.work);
}

/** `bash test/bench/curl/<script> …` against the emulator. */
export function runCurl(ctx: BenchContext, script: string, args: string[]): Promise<Measured> {
  return measure({ cmd: 'bash', args: [join(CURL_DIR(ctx.root), script), ...args], env: ctx.emu.env, serverPid: ctx.emu.pid }, ctx.work);
}

/**
 * The run counts only if the emulator holds exactly these files with these bytes (sha256), so a fast failure
 * can never pass for a fast upload.
 */
export async function verifyStored(ctx: BenchContext, m: Measured, what: string, files: TestFile[]): Promise<EmuState> {
  mustSucceed(m, what);
  const state = await ctx.emu.state();
  const stored = new Map<string, number>();
  for (const f of state.files) stored.set(f.sha256, (stored.get(f.sha256) ?? 0) + 1);
  const missing = files.filter((f) => !stored.get(f.sha256));
  if (missing.length || state.files.length !== files.length) {
    throw new Error(`${what}: the emulator holds ${state.files.length} file(s) for ${files.length} sent; ` +
      `${missing.length} with no matching sha256 (first: ${missing[0]?.name ?? '-'})`);
  }
  return state;
}

export const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const fmtMiB = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
export const fmtRatio = (x: number) => x.toFixed(2);
export const throughput = (bytes: number, ms: number) => `${(bytes / (1024 * 1024) / (ms / 1000)).toFixed(0)} MiB/s`;
export const cpuText = (m: Measured) => (m.userS === undefined ? '' : `, CPU ${(m.userS + (m.sysS ?? 0)).toFixed(2)} s`) +
  (m.serverCpuS === undefined ? '' : `, server CPU ${m.serverCpuS.toFixed(2)} s`);

export interface Side {
  label: string;
  run(): Promise<Measured>;
  /** Default true. The curl batch has nothing to warm up (no JIT; the files were just written) and is slow. */
  warmUp?: boolean;
}

/**
 * `runs` timed runs of each side, in an order rotated every round (A B C, B C A, …) so drift in machine load
 * hits every side alike; one untimed warm-up of each first (page cache, JIT) unless a side opts out. The emulator is reset before, and
 * checked after, every run.
 */
export async function alternate(ctx: BenchContext, runs: number, sides: Side[], files: TestFile[]): Promise<Measured[][]> {
  const results: Measured[][] = sides.map(() => []);
  const once = async (k: number, timed: boolean) => {
    await ctx.emu.reset();
    const m = await sides[k].run();
    const state = await verifyStored(ctx, m, sides[k].label, files);
    m.maxUploadsInFlight = state.stats.maxUploadsInFlight;
    if (timed) {
      results[k].push(m);
      ctx.log(`  ${sides[k].label}: ${fmtS(m.wallMs)}${cpuText(m)}`);
    }
  };
  for (let k = 0; k < sides.length; k++) if (sides[k].warmUp !== false) await once(k, false);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < sides.length; j++) await once((i + j) % sides.length, true);
  }
  return results;
}
