// P6: right-click -> reference in the editor for a 100 KB PNG, as measured by the UI end-to-end run
// (`npm run test:ui`). The bench does not drive the workbench itself; it reads the figure that run recorded in
// <E2E_RUN_DIR or test/e2e/.run>/perf/ui-reference.json (the contract is in test/bench/README.md).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, RowResult } from './context';

const MAX_MS = 1500;

export interface UiReferenceRecord {
  /** From the click on "Upload to Wix Media" in the Explorer context menu to the reference text in the editor. */
  rightClickToReferenceMs: number;
  fileBytes?: number;
  how?: string;
  at?: string;
}

export function perfDir(root: string): string {
  return join(process.env.E2E_RUN_DIR || join(root, 'test/e2e/.run'), 'perf');
}

export async function runP6(ctx: BenchContext): Promise<RowResult[]> {
  const file = join(perfDir(ctx.root), 'ui-reference.json');
  const base = { id: 'P6', measure: 'UI e2e: right-click -> reference in the editor, 100 KB PNG', goal: `≤ ${(MAX_MS / 1000).toFixed(1)} s`, baseline: '-', ratio: '-' };
  if (!existsSync(file)) {
    return [{
      ...base, figure: 'not measured in this run', verdict: 'not measured',
      notes: [`Not measured in this run: run \`npm run test:ui\` first (it records ${file.replace(ctx.root + '/', '')}), then the bench reads it.`],
    }];
  }
  let rec: UiReferenceRecord;
  try {
    rec = JSON.parse(readFileSync(file, 'utf8')) as UiReferenceRecord;
  } catch (e) {
    return [{ ...base, figure: 'unreadable record', verdict: 'error', notes: [`${file}: ${(e as Error).message}`] }];
  }
  if (typeof rec.rightClickToReferenceMs !== 'number' || !Number.isFinite(rec.rightClickToReferenceMs)) {
    return [{ ...base, figure: 'unreadable record', verdict: 'error', notes: [`${file} has no numeric rightClickToReferenceMs`] }];
  }
  const at = rec.at ?? statSync(file).mtime.toISOString();
  const ms = rec.rightClickToReferenceMs;
  ctx.log(`P6: ${ms.toFixed(0)} ms (recorded by the UI e2e run at ${at})`);
  return [{
    ...base, figure: `${(ms / 1000).toFixed(2)} s`, verdict: ms <= MAX_MS ? 'pass' : 'miss',
    notes: [
      `Read from ${file.replace(ctx.root + '/', '')}, recorded by the UI e2e run at ${at} (not during this bench run)` +
      `${rec.fileBytes ? `, file ${rec.fileBytes} bytes` : ''}.`,
      rec.how ?? '',
    ].filter(Boolean),
  }];
}
