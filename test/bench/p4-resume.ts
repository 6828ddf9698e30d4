// P4: a resumed upload wastes almost nothing. 100 MiB through tus, the emulator drops the connection once when
// the upload reaches 50%; bytes the server received in PATCH bodies (stats.tusPatchBytes) ÷ file size.
// Baseline: what curl can do without tus: put-retry.sh re-sends the whole file with a fresh URL after the same
// drop on the PUT (stats.putBodyBytes ÷ file size).
import { fmtRatio, fmtS, runCli, runCurl, verifyStored, type BenchContext, type RowResult } from './context';
import { ensureFile, MiB } from './data';

const GOAL = 1.10;

export async function runP4(ctx: BenchContext): Promise<RowResult[]> {
  const { opts, emu } = ctx;
  const size = opts.p4Mb * MiB;
  const half = Math.floor(size / 2);
  const file = ensureFile(ctx.work, `p4-${opts.p4Mb}MiB.bin`, size);
  ctx.log(`P4: ${opts.p4Mb} MiB through tus, connection dropped at ${half} bytes`);

  await emu.reset();
  await emu.inject({ type: 'reset', route: 'tus-patch', atUploadOffset: half });
  const cli = await runCli(ctx, [file.path, '--threshold-mb', '1']);
  await verifyStored(ctx, cli, 'P4 CLI (tus)', [file]);
  const s1 = await emu.state();
  if (s1.faults.length) throw new Error('P4: the reset fault was never triggered, so nothing was interrupted; the figure would mean nothing');
  const ratio = s1.stats.tusPatchBytes / size;
  ctx.log(`  CLI: ${s1.stats.tusPatchBytes} bytes in PATCH bodies (${fmtRatio(ratio)}×), ${s1.stats.tusCreates} tus create(s), ${fmtS(cli.wallMs)}`);

  await emu.reset();
  await emu.inject({ type: 'reset', route: 'put', afterBytes: half });
  const curl = await runCurl(ctx, 'put-retry.sh', [file.path]);
  await verifyStored(ctx, curl, 'P4 curl (PUT, re-sent)', [file]);
  const s2 = await emu.state();
  if (s2.faults.length) throw new Error('P4 baseline: the reset fault was never triggered');
  const base = s2.stats.putBodyBytes / size;
  ctx.log(`  curl: ${s2.stats.putBodyBytes} bytes in PUT bodies (${fmtRatio(base)}×), ${fmtS(curl.wallMs)}`);
  await emu.reset();

  return [{
    id: 'P4',
    measure: `${opts.p4Mb} MiB via tus, connection dropped once at 50%: bytes received ÷ file size`,
    goal: `≤ ${GOAL.toFixed(2)}`,
    figure: `${fmtRatio(ratio)} (${(s1.stats.tusPatchBytes / MiB).toFixed(1)} MiB)`,
    baseline: `${fmtRatio(base)} (curl PUT, re-sent whole)`,
    ratio: fmtRatio(ratio),
    verdict: ratio <= GOAL ? 'pass' : 'miss',
    notes: [
      `CLI: \`node dist/cli.js upload ${file.name} --threshold-mb 1\` (forces tus) with the emulator fault \`{type:'reset', route:'tus-patch', atUploadOffset:${half}}\`; ` +
      `${s1.stats.tusCreates} tus create(s), ${fmtS(cli.wallMs)} in all. The figure counts the PATCH body bytes the server took in ` +
      '(the gate counts bytes up to the cut, then destroys the socket); bytes still in the socket buffers at the cut are not counted.',
      `Baseline: \`test/bench/curl/put-retry.sh\` (put.sh until it succeeds) with \`{type:'reset', route:'put', afterBytes:${half}}\`; ${fmtS(curl.wallMs)} in all.`,
    ],
  }];
}
