// P2: peak RSS of `wix-media upload` for a small and a large file: memory must not grow with the file.
// P2  : the resumable path (tus) for both files: forced with --threshold-mb 10 since the default threshold became
//       100 MB (issue 14), so the row measures what it always measured.
// P2b : the plain PUT path for the same two files (forced with --threshold-mb), which every file ≤ 10 MB takes.
// Baseline column: the small file's figure (the goal is large ≤ small + 20 MiB); curl's own RSS is noted.
import { cliUnderTest, fmtMiB, runCli, runCurl, verifyStored, type BenchContext, type RowResult } from './context';
import { ensureFile, MiB, type TestFile } from './data';
import { measure, rssSource, type Measured } from './measure';

const GROWTH_MIB = 20;
const ABS_MIB = 120;

async function peak(ctx: BenchContext, label: string, file: TestFile, args: string[]): Promise<Measured> {
  await ctx.emu.reset();
  const m = await runCli(ctx, [file.path, ...args]);
  await verifyStored(ctx, m, label, [file]);
  if (m.maxRssKiB === undefined) throw new Error(`${label}: no peak RSS was recorded (neither /usr/bin/time -v nor the probe answered)`);
  ctx.log(`  ${label}: peak RSS ${fmtMiB(m.maxRssKiB)} in ${(m.wallMs / 1000).toFixed(2)} s`);
  return m;
}

function row(id: string, measure: string, small: Measured, large: Measured, notes: string[]): RowResult {
  const s = small.maxRssKiB! / 1024;
  const l = large.maxRssKiB! / 1024;
  const ok = l <= s + GROWTH_MIB && l <= ABS_MIB;
  return {
    id, measure,
    goal: `large ≤ small + ${GROWTH_MIB} MiB and ≤ ${ABS_MIB} MiB`,
    figure: `${l.toFixed(1)} MiB`,
    baseline: `${s.toFixed(1)} MiB (small file)`,
    ratio: `${l - s >= 0 ? '+' : ''}${(l - s).toFixed(1)} MiB`,
    verdict: ok ? 'pass' : 'miss',
    notes,
  };
}

export async function runP2(ctx: BenchContext): Promise<RowResult[]> {
  const { opts } = ctx;
  const small = ensureFile(ctx.work, `p2-${opts.p2SmallMb}MiB.bin`, opts.p2SmallMb * MiB);
  const large = ensureFile(ctx.work, `p2-${opts.p2LargeMb}MiB.bin`, opts.p2LargeMb * MiB);
  const sizes = `${opts.p2SmallMb} MiB / ${opts.p2LargeMb} MiB`;
  ctx.log(`P2: peak RSS, ${sizes}`);

  const forceTus = ['--threshold-mb', '10'];
  const tusSmall = await peak(ctx, `CLI tus ${opts.p2SmallMb} MiB`, small, forceTus);
  const tusLarge = await peak(ctx, `CLI tus ${opts.p2LargeMb} MiB`, large, forceTus);
  const forcePut = ['--threshold-mb', String(Math.max(opts.p2LargeMb, opts.p2SmallMb) + 1)];
  const putSmall = await peak(ctx, `CLI PUT ${opts.p2SmallMb} MiB`, small, forcePut);
  const putLarge = await peak(ctx, `CLI PUT ${opts.p2LargeMb} MiB`, large, forcePut);

  await ctx.emu.reset();
  const curl = await runCurl(ctx, 'put.sh', [large.path]);
  await verifyStored(ctx, curl, 'curl PUT (RSS reference)', [large]);
  // The floor: node + the CLI bundle loaded, nothing uploaded.
  const floor = await measure({ cmd: process.execPath, args: [cliUnderTest(ctx), '--version'], node: true }, ctx.work);

  const how = `Peak RSS from ${rssSource()}.`;
  const floorNote = floor.maxRssKiB ? `Floor: \`node dist/cli.js --version\` (node + the bundle, no upload) peaks at ${fmtMiB(floor.maxRssKiB)}.` : '';
  const curlNote = curl.maxRssKiB ? `For reference, put.sh (bash + curl) peaks at ${fmtMiB(curl.maxRssKiB)} for the ${opts.p2LargeMb} MiB file.` : '';
  return [
    row('P2', `peak RSS of \`wix-media upload\`, ${sizes} (resumable path: tus)`, tusSmall, tusLarge, [
      how, `CLI: \`node dist/cli.js upload FILE ${forceTus.join(' ')}\` (tus for both sizes; 10 MB is also the default threshold); wall ${(tusSmall.wallMs / 1000).toFixed(2)} s / ${(tusLarge.wallMs / 1000).toFixed(2)} s.`, floorNote, curlNote,
    ].filter(Boolean)),
    row('P2b', `peak RSS, ${sizes}, plain PUT path (extra row)`, putSmall, putLarge, [
      how, `CLI: \`node dist/cli.js upload FILE ${forcePut.join(' ')}\`; wall ${(putSmall.wallMs / 1000).toFixed(2)} s / ${(putLarge.wallMs / 1000).toFixed(2)} s.`, floorNote,
    ].filter(Boolean)),
  ];
}
