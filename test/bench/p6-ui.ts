// P6: right-click -> reference in the editor for a 100 KB PNG, as measured by the UI end-to-end run
// (`npm run test:ui`, scenario "P6" in test/e2e/ui-scenarios.js). The bench does not drive the workbench itself;
// it reads the figure that run wrote to <E2E_RUN_DIR or test/e2e/.run>/ui/metrics.json.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, RowResult } from './context';

const MAX_MS = 1500;

/** What test/e2e/ui-scenarios.js writes (its P6 scenario). */
export interface UiMetrics {
  /** From the mousedown on "Upload to Wix Media" in the Explorer context menu to the reference in the editor's DOM. */
  p6RightClickToReferenceMs: number;
  p6FileBytes?: number;
  measuredAt?: string;
}

export function uiMetricsFile(root: string): string {
  return join(process.env.E2E_RUN_DIR || join(root, 'test/e2e/.run'), 'ui', 'metrics.json');
}

export async function runP6(ctx: BenchContext): Promise<RowResult[]> {
  const file = uiMetricsFile(ctx.root);
  const base = { id: 'P6', measure: 'UI e2e: right-click -> reference in the editor, 100 KB PNG', goal: `≤ ${(MAX_MS / 1000).toFixed(1)} s`, baseline: '-', ratio: '-' };
  if (!existsSync(file)) {
    return [{
      ...base, figure: 'not measured in this run', verdict: 'not measured',
      notes: [`Not measured in this run: run \`npm run test:ui\` first (it records ${file.replace(ctx.root + '/', '')}), then the bench reads it.`],
    }];
  }
  let rec: UiMetrics;
  try {
    rec = JSON.parse(readFileSync(file, 'utf8')) as UiMetrics;
  } catch (e) {
    return [{ ...base, figure: 'unreadable record', verdict: 'error', notes: [`${file}: ${(e as Error).message}`] }];
  }
  if (typeof rec.p6RightClickToReferenceMs !== 'number' || !Number.isFinite(rec.p6RightClickToReferenceMs)) {
    return [{ ...base, figure: 'unreadable record', verdict: 'error', notes: [`${file} has no numeric p6RightClickToReferenceMs`] }];
  }
  const at = rec.measuredAt ?? statSync(file).mtime.toISOString();
  const ms = rec.p6RightClickToReferenceMs;
  ctx.log(`P6: ${ms.toFixed(0)} ms (recorded by the UI e2e run at ${at})`);
  return [{
    ...base, figure: `${(ms / 1000).toFixed(2)} s`, verdict: ms <= MAX_MS ? 'pass' : 'miss',
    notes: [
      `Read from ${file.replace(ctx.root + '/', '')}, recorded by the UI e2e run at ${at} (not during this bench run)` +
      `${rec.p6FileBytes ? `, file ${rec.p6FileBytes} bytes` : ''}. It includes the emulator's READY delay of that run ` +
      '(default 300 ms) and the extension\'s first readiness poll.',
    ].filter(Boolean),
  }];
}
