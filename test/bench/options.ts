// `npm run bench -- [flags]`: the sizes and the rows to run. Defaults are the sizes.
import { parseArgs } from 'node:util';

export const ROW_IDS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P1D', 'W1', 'W2', 'R1'] as const;
export type RowId = typeof ROW_IDS[number];

export interface BenchOptions {
  only: RowId[];
  /** P1: timed runs per side (alternating), median taken. */
  runs: number;
  p1Mb: number;
  /** P1 also compares the CLI's default resumable path with curl speaking tus. */
  p1Tus: boolean;
  p2SmallMb: number;
  p2LargeMb: number;
  p3Files: number;
  p3Kb: number;
  p3Runs: number;
  p4Mb: number;
  /** W rows: the proxy's one-way delay and throughput cap. */
  delayMs: number;
  mbit: number;
  /** W rows and P1d: timed runs per side. */
  wRuns: number;
  w1Mb: number;
  w2Files: number;
  w2Kb: number;
  r1Files: number;
  /** R1: the emulator's rate limit, CALLS per WINDOW ms (Wix documents 200 per minute). */
  r1Calls: number;
  r1WindowMs: number;
  /** A line for RESULTS.md's header (e.g. that the machine was shared). */
  note?: string;
  /** Extra CLI bundles measured as more sides of W1, W2 and P1d (levers: before/after builds). */
  alsoCli: { label: string; path: string }[];
  /** Record a --cpu-prof of one CLI run in P1 and P3 and summarize it. */
  profile: boolean;
  /** Delete the test files in test/bench/.work afterwards (they are reused otherwise). */
  clean: boolean;
  /** The CLI bundle to measure (default dist/cli.js): to compare a patched build with the current one. */
  cli?: string;
  /** Write test/bench/RESULTS.md even when this is not a full default run. */
  writeResults: boolean;
  /** True when every row runs with the sizes: only such a run writes RESULTS.md by default. */
  isDefaultRun: boolean;
  argv: string[];
}

export const HELP = `Usage: npm run bench -- [flags]

  --only P1,P3        rows to run (default: all of ${ROW_IDS.join(',')})
  --runs N            P1 timed runs per side, alternating CLI/curl; the median is reported (default 5)
  --p1-mb N           P1 file size in MiB (default 512)
  --skip-p1-tus       skip the extra P1 row (the CLI's default resumable path vs curl speaking tus)
  --p2-mb A,B         P2 small and large file sizes in MiB (default 64,1024)
  --p3-files N        P3 number of files (default 500)
  --p3-kb N           P3 file size in KiB (default 32)
  --p3-runs N         P3 timed runs per side (default 3)
  --p4-mb N           P4 file size in MiB (default 100)
  --delay-ms N        W rows: the proxy's delay each way (default 25)
  --mbit N            W rows: the proxy's throughput cap in Mbit/s (default 200)
  --w-runs N          W1, W2, P1d: timed runs per side, rotating (default 5)
  --w1-mb N           W1 file size in MiB (default 64)
  --w2-files N        W2 number of files (default 40)
  --w2-kb N           W2 file size in KiB (default 64)
  --r1-files N        R1 number of files (default 300)
  --r1-limit C/MS     R1 emulator rate limit: C API calls per MS ms (default 200/60000, Wix's 200 a minute)
  --note TEXT         a line for RESULTS.md's header (e.g. "the machine was shared with other jobs")
  --also-cli L=PATH,… also measure these CLI bundles as extra sides of W1, W2 and P1d (e.g. a lever's build)
  --cli PATH          measure this CLI bundle instead of dist/cli.js (before/after comparisons of a patch)
  --profile           also record a --cpu-prof of one CLI run in P1 and P3 and summarize it
  --clean             delete the generated test files in test/bench/.work afterwards
  --write-results     write test/bench/RESULTS.md even for a partial or resized run
                      (otherwise only a full default run does; partial runs go to .work/RESULTS-partial.md)
`;

function positive(flag: string, raw: string | undefined, def: number, integer = true): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} needs a positive ${integer ? 'whole ' : ''}number, not '${raw}'`);
  }
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      'p1-mb': { type: 'string' },
      'skip-p1-tus': { type: 'boolean' },
      'p2-mb': { type: 'string' },
      'p3-files': { type: 'string' },
      'p3-kb': { type: 'string' },
      'p3-runs': { type: 'string' },
      'p4-mb': { type: 'string' },
      'delay-ms': { type: 'string' },
      mbit: { type: 'string' },
      'w-runs': { type: 'string' },
      'w1-mb': { type: 'string' },
      'w2-files': { type: 'string' },
      'w2-kb': { type: 'string' },
      'r1-files': { type: 'string' },
      'r1-limit': { type: 'string' },
      'also-cli': { type: 'string' },
      note: { type: 'string' },
      profile: { type: 'boolean' },
      cli: { type: 'string' },
      clean: { type: 'boolean' },
      'write-results': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) return 'help';
  let only: RowId[] = [...ROW_IDS];
  if (v.only !== undefined) {
    only = v.only.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) as RowId[];
    const bad = only.filter((id) => !ROW_IDS.includes(id));
    if (bad.length || !only.length) throw new Error(`--only takes row ids from ${ROW_IDS.join(',')}, not '${v.only}'`);
  }
  const p2 = (v['p2-mb'] ?? '64,1024').split(',');
  if (p2.length !== 2) throw new Error(`--p2-mb takes two sizes, small and large, such as 64,1024; not '${v['p2-mb']}'`);
  const r1 = (v['r1-limit'] ?? '200/60000').split('/');
  if (r1.length !== 2) throw new Error(`--r1-limit takes CALLS/WINDOW_MS, such as 200/60000; not '${v['r1-limit']}'`);
  const alsoCli = (v['also-cli'] ?? '').split(',').filter(Boolean).map((pair) => {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error(`--also-cli takes LABEL=PATH pairs, not '${pair}'`);
    return { label: pair.slice(0, i), path: pair.slice(i + 1) };
  });
  const sizeFlags = ['cli', 'runs', 'p1-mb', 'skip-p1-tus', 'p2-mb', 'p3-files', 'p3-kb', 'p3-runs', 'p4-mb',
    'delay-ms', 'mbit', 'w-runs', 'w1-mb', 'w2-files', 'w2-kb', 'r1-files', 'r1-limit'] as const;
  return {
    only,
    runs: positive('--runs', v.runs, 5),
    p1Mb: positive('--p1-mb', v['p1-mb'], 512),
    p1Tus: !v['skip-p1-tus'],
    p2SmallMb: positive('--p2-mb', p2[0], 64),
    p2LargeMb: positive('--p2-mb', p2[1], 1024),
    p3Files: positive('--p3-files', v['p3-files'], 500),
    p3Kb: positive('--p3-kb', v['p3-kb'], 32),
    p3Runs: positive('--p3-runs', v['p3-runs'], 3),
    p4Mb: positive('--p4-mb', v['p4-mb'], 100),
    delayMs: positive('--delay-ms', v['delay-ms'], 25, false),
    mbit: positive('--mbit', v.mbit, 200, false),
    wRuns: positive('--w-runs', v['w-runs'], 5),
    w1Mb: positive('--w1-mb', v['w1-mb'], 64),
    w2Files: positive('--w2-files', v['w2-files'], 40),
    w2Kb: positive('--w2-kb', v['w2-kb'], 64),
    r1Files: positive('--r1-files', v['r1-files'], 300),
    r1Calls: positive('--r1-limit', r1[0], 200),
    r1WindowMs: positive('--r1-limit', r1[1], 60000),
    alsoCli,
    note: v.note,
    profile: !!v.profile,
    cli: v.cli,
    clean: !!v.clean,
    writeResults: !!v['write-results'],
    isDefaultRun: v.only === undefined && sizeFlags.every((f) => v[f] === undefined),
    argv,
  };
}
