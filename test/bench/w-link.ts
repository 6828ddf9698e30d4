// W1, W2: the CLI over a real-looking link (the latency proxy: 25 ms each way, 200 Mbit/s), each side by side
// with a hand-made baseline through the same proxy, rotating runs, medians.
// W1 : one 64 MiB file, `wix-media upload FILE` (default settings) vs curl/put.sh (generate + one PUT).
// W2 : 40 × 64 KiB, `wix-media upload DIR` (default settings) vs node/fetch-batch.mjs (fetch, generate + PUT, 8 at a time).
// --also-cli adds other CLI bundles as more sides (the levers' before/after builds).
import { join, resolve } from 'node:path';
import { alternate, fmtRatio, fmtS, runCli, runCurl, throughput, type BenchContext, type RowResult, type Side } from './context';
import { ensureBatch, ensureFile, KiB, MiB } from './data';
import { describeLink } from './link';
import { cpuS, measure, median, type Measured } from './measure';

export const summary = (label: string, ms: Measured[]) => {
  const cpu = ms.map(cpuS).filter((x): x is number => x !== undefined);
  return `${label}: ${ms.map((m) => fmtS(m.wallMs)).join(', ')} (median ${fmtS(median(ms.map((m) => m.wallMs)))})` +
    (cpu.length ? `; client CPU median ${median(cpu).toFixed(2)} s` : '') +
    (ms[0]?.maxUploadsInFlight !== undefined ? `; at most ${Math.max(...ms.map((m) => m.maxUploadsInFlight ?? 0))} uploads at once (server side)` : '');
};

/** The CLI under test, then each --also-cli bundle, as sides running `upload …args`. */
export function cliSides(ctx: BenchContext, args: string[], label = 'CLI'): Side[] {
  return [
    { label, run: () => runCli(ctx, args) },
    ...ctx.opts.alsoCli.map((c) => ({ label: `${label} [${c.label}]`, run: () => runCli(ctx, args, [], resolve(c.path)) })),
  ];
}

/** The rows' ctx: the emulator behind the proxy. */
function linked(ctx: BenchContext): BenchContext {
  if (!ctx.link) throw new Error('the W rows need the proxied emulator (run.ts starts it)');
  return { ...ctx, emu: ctx.link.emu };
}

const alsoNotes = (ctx: BenchContext, sides: Side[], results: Measured[][], base: number) =>
  sides.slice(1).map((s, k) => `${summary(s.label, results[k + 1])}; ratio ${fmtRatio(median(results[k + 1].map((m) => m.wallMs)) / base)} (${ctx.opts.alsoCli[k].path})`);

export async function runW1(ctx0: BenchContext): Promise<RowResult[]> {
  const ctx = linked(ctx0);
  const { opts } = ctx;
  const size = opts.w1Mb * MiB;
  const file = ensureFile(ctx.work, `w1-${opts.w1Mb}MiB.bin`, size);
  const link = describeLink(opts);
  ctx.log(`W1: ${opts.w1Mb} MiB through the proxy (${link}), ${opts.wRuns} rotating runs per side`);
  const sides = cliSides(ctx, [file.path]);
  // curl speaking tus (one PATCH) is no baseline, only the floor of the resumable path over this link.
  const results = await alternate(ctx, opts.wRuns, [...sides,
    { label: 'curl tus (one PATCH)', run: () => runCurl(ctx, 'tus.sh', [file.path]) },
    { label: 'curl (generate + PUT)', run: () => runCurl(ctx, 'put.sh', [file.path]) }], [file]);
  const curl = results[results.length - 1];
  const curlTus = results[results.length - 2];
  const a = median(results[0].map((m) => m.wallMs));
  const b = median(curl.map((m) => m.wallMs));
  const goal = 1.10;
  return [{
    id: 'W1', measure: `${opts.w1Mb} MiB upload through the proxy (${link}), CLI default settings vs curl generate + PUT, median of ${opts.wRuns}`,
    goal: `ratio ≤ ${goal.toFixed(2)}`,
    figure: `${fmtS(a)} (${throughput(size, a)})`, baseline: `${fmtS(b)} (${throughput(size, b)})`,
    ratio: fmtRatio(a / b), verdict: a / b <= goal ? 'pass' : 'miss',
    notes: [
      `CLI: \`node dist/cli.js upload ${file.name}\` (default settings). Baseline: \`test/bench/curl/put.sh\` (curl generate-upload-url, then \`curl -T\` to the upload URL).`,
      `The link: test/bench/net-proxy.ts in its own process, ${link}, the cap shared by all connections, one round trip per new connection; one listener stands for the API host and one for the upload host (the emulator's \`--upload-base-url\` points its upload URLs there). At ${opts.mbit} Mbit/s the file alone needs ${((size * 8) / (opts.mbit * 1e6)).toFixed(2)} s.`,
      summary('CLI', results[0]), summary('curl', curl),
      `${summary('curl tus.sh (generate-resumable, tus create, one PATCH, finalize; not the baseline: what the resumable path costs over this link at best)', curlTus)}; ratio to curl PUT ${fmtRatio(median(curlTus.map((m) => m.wallMs)) / b)}`,
      ...alsoNotes(ctx, sides, results, b),
    ],
  }];
}

export async function runW2(ctx0: BenchContext): Promise<RowResult[]> {
  const ctx = linked(ctx0);
  const { opts } = ctx;
  const { dir, files } = ensureBatch(ctx.work, opts.w2Files, opts.w2Kb * KiB);
  const link = describeLink(opts);
  const what = `${opts.w2Files} × ${opts.w2Kb} KiB`;
  ctx.log(`W2: ${what} through the proxy (${link}), ${opts.wRuns} rotating runs per side`);
  const script = join(ctx.root, 'test/bench/node/fetch-batch.mjs');
  const sides = cliSides(ctx, [dir]);
  const results = await alternate(ctx, opts.wRuns, [...sides, {
    label: 'node fetch, 8 at a time',
    run: () => measure({ cmd: process.execPath, args: [script, dir, '8'], env: ctx.emu.env, node: true, serverPid: ctx.emu.pid }, ctx.work),
  }], files);
  for (const m of results.slice(0, -1).flat()) {
    const lines = m.stdout.trim().split('\n').filter(Boolean).length;
    if (lines !== files.length) throw new Error(`W2: the CLI printed ${lines} references for ${files.length} files`);
  }
  const base = results[results.length - 1];
  const a = median(results[0].map((m) => m.wallMs));
  const b = median(base.map((m) => m.wallMs));
  const goal = 1.0;
  return [{
    id: 'W2', measure: `${what} through the proxy (${link}), CLI default settings vs a Node fetch script (generate + PUT, 8 at a time), median of ${opts.wRuns}`,
    goal: `ratio ≤ ${goal.toFixed(2)}`,
    figure: `${fmtS(a)} (${(files.length / (a / 1000)).toFixed(0)} files/s)`, baseline: `${fmtS(b)} (${(files.length / (b / 1000)).toFixed(0)} files/s)`,
    ratio: fmtRatio(a / b), verdict: a / b <= goal ? 'pass' : 'miss',
    notes: [
      `CLI: \`node dist/cli.js upload DIR\` (default settings). Baseline: \`node test/bench/node/fetch-batch.mjs DIR 8\` (Node's fetch, generate-upload-url then PUT per file, 8 workers).`,
      summary('CLI', results[0]), summary('fetch', base),
      ...alsoNotes(ctx, sides, results, b),
    ],
  }];
}
