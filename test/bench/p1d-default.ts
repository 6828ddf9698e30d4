// P1d: one 512 MiB file on loopback, the CLI's DEFAULT path (whatever `wix-media upload FILE` does for a file this
// size) vs curl/put.sh (generate + one PUT): what a user gets against what curl gets, rotating runs, medians.
import { alternate, fmtRatio, fmtS, runCurl, throughput, type BenchContext, type RowResult } from './context';
import { ensureFile, MiB } from './data';
import { median } from './measure';
import { cliSides, summary } from './w-link';

export async function runP1d(ctx: BenchContext): Promise<RowResult[]> {
  const { opts } = ctx;
  const size = opts.p1Mb * MiB;
  const file = ensureFile(ctx.work, `p1-${opts.p1Mb}MiB.bin`, size);
  ctx.log(`P1d: ${opts.p1Mb} MiB on loopback, CLI default path vs curl PUT, ${opts.wRuns} rotating runs per side`);
  const sides = cliSides(ctx, [file.path]);
  // curl speaking tus is no baseline, only the floor of the resumable path against this emulator.
  const results = await alternate(ctx, opts.wRuns, [...sides,
    { label: 'curl tus (one PATCH)', run: () => runCurl(ctx, 'tus.sh', [file.path]) },
    { label: 'curl (generate + PUT)', run: () => runCurl(ctx, 'put.sh', [file.path]) }], [file]);
  const curl = results[results.length - 1];
  const curlTus = results[results.length - 2];
  const a = median(results[0].map((m) => m.wallMs));
  const b = median(curl.map((m) => m.wallMs));
  const goal = 1.25;
  return [{
    id: 'P1d', measure: `${opts.p1Mb} MiB upload on loopback, CLI default path vs curl generate + PUT, median of ${opts.wRuns}`,
    goal: `ratio ≤ ${goal.toFixed(2)}`,
    figure: `${fmtS(a)} (${throughput(size, a)})`, baseline: `${fmtS(b)} (${throughput(size, b)})`,
    ratio: fmtRatio(a / b), verdict: a / b <= goal ? 'pass' : 'miss',
    notes: [
      `CLI: \`node dist/cli.js upload ${file.name}\` (no flags: the default resumable threshold and tus settings). Baseline: \`test/bench/curl/put.sh\`.`,
      summary('CLI', results[0]), summary('curl', curl),
      `${summary('curl tus.sh (not the baseline: the floor of the resumable path here; the emulator writes tus bytes to a temp file, a PUT only hashes them)', curlTus)}; ratio to curl PUT ${fmtRatio(median(curlTus.map((m) => m.wallMs)) / b)}`,
      ...sides.slice(1).map((s, k) => `${summary(s.label, results[k + 1])}; ratio ${fmtRatio(median(results[k + 1].map((m) => m.wallMs)) / b)}`),
    ],
  }];
}
