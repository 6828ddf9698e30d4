// The results: an aligned table on stdout, and RESULTS.md with the machine, the commit, the table and the notes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { RowResult } from './context';
import type { BenchOptions } from './options';

export interface RunInfo {
  date: string;
  machine: string;
  node: string;
  commit: string;
  curl: string;
  rss: string;
  /** The CLI bundle measured. */
  cli: string;
  loadStart: string;
  loadEnd: string;
  durationS: number;
}

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

export const loadText = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

export function machineInfo(root: string): Pick<RunInfo, 'machine' | 'node' | 'commit' | 'curl'> {
  const nproc = sh('nproc', [], root) || String(cpus().length);
  const model = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const memGiB = (totalmem() / 1024 ** 3).toFixed(1);
  const head = sh('git', ['rev-parse', '--short', 'HEAD'], root) || 'unknown';
  const dirty = sh('git', ['status', '--porcelain'], root) !== '';
  return {
    machine: `nproc ${nproc}, ${model}, ${memGiB} GiB RAM, Linux ${release()}`,
    node: process.version,
    commit: `${head}${dirty ? '+dirty' : ''}`,
    curl: sh('curl', ['--version'], root).split('\n')[0] ?? '',
  };
}

const COLS: [keyof RowResult, string][] = [
  ['id', 'row'], ['measure', 'measure'], ['goal', 'goal'], ['figure', 'figure'], ['baseline', 'baseline'], ['ratio', 'ratio'], ['verdict', 'result'],
];

export function textTable(rows: RowResult[]): string {
  const cells = [COLS.map(([, h]) => h), ...rows.map((r) => COLS.map(([k]) => String(r[k])))];
  // The measure column is long: cap it so the table stays readable in a terminal.
  const cap = (s: string, i: number) => (i === 1 && s.length > 60 ? s.slice(0, 59) + '…' : s);
  const shown = cells.map((row) => row.map(cap));
  const widths = COLS.map((_, i) => Math.max(...shown.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(shown[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...shown.slice(1).map(line)].join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|');

export function markdown(rows: RowResult[], info: RunInfo, opts: BenchOptions): string {
  const flags = opts.argv.length ? `\`npm run bench -- ${opts.argv.join(' ')}\`` : '`npm run bench`';
  const out = [
    '# Benchmark results',
    '',
    `Written by ${flags} (test/bench/run.ts). Do not edit by hand; re-run the bench.`,
    '',
    `- Date: ${info.date}`,
    `- Machine: ${info.machine}`,
    `- Load average (1/5/15 min) at start: ${info.loadStart}; at end: ${info.loadEnd}`,
    `- Node: ${info.node}; ${info.curl}`,
    `- Commit: ${info.commit}; CLI measured: ${info.cli}`,
    `- Peak RSS measured with ${info.rss}`,
    `- Bench duration: ${info.durationS.toFixed(0)} s`,
    ...(opts.note ? [`- Note: ${opts.note}`] : []),
    '',
    '| row | measure | goal | figure | baseline | ratio | result |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${COLS.map(([k]) => md(String(r[k]))).join(' | ')} |`),
    '',
    '## How each row was measured',
    '',
    'The server is the Wix emulator (test/emulator) in its own process (`node out/test/emulator/main.js --port 0 --ready-delay-ms 0 ' +
    '--max-file-bytes … --hash sha256 --quiet`): it hashes every byte it receives and keeps none (tus uploads go to a temp file until ' +
    'finalized). Both sides of every comparison talk to this same server over 127.0.0.1. Each run starts with an emulator reset and ' +
    'counts only if the emulator then holds exactly the files sent, with the same sha256. Wall times are measured from spawning the ' +
    'child to its exit, so they include process start-up on both sides. Sizes: MiB = 1024² bytes.',
    '',
    'The W rows use an emulator of their own behind test/bench/net-proxy.ts (a TCP proxy in its own process: a one-way delay ' +
    'each way, a throughput cap shared by all connections, one round trip per new connection), with one listener for the API ' +
    'host and one for the upload host; the emulator\'s `--upload-base-url` points the upload URLs it hands out at the second. ' +
    'Both sides of a W comparison go through it. Sides marked [label] are other CLI builds (`--also-cli`), e.g. the code before a change.',
    '',
  ];
  for (const r of rows) {
    out.push(`### ${r.id}: ${r.measure}`, '');
    for (const n of r.notes) out.push(n.startsWith('```') ? n : `- ${n}`);
    out.push('');
  }
  const levers = join(__dirname, '../../../test/bench/levers.md');
  if (existsSync(levers)) out.push(readFileSync(levers, 'utf8').trim(), '');
  return out.join('\n');
}

export function writeResults(path: string, text: string): void {
  writeFileSync(path, text.endsWith('\n') ? text : text + '\n');
}
