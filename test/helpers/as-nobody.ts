// Root reads through permission bits (CI runs as root), so "unreadable file" tests run the code as the
// unprivileged user 'nobody'. That user may not be able to read the checkout, so the module under test is
// bundled into a temp folder anyone can read.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const NOBODY = 65534;
const ROOT = resolve(__dirname, '../../..');

/** Bundles `src/…` (a path from the repository root) into a world-readable file and returns its path. */
export function bundleForNobody(entry: string): string {
  const out = mkdtempSync(join(tmpdir(), 'wix-nobody-'));
  chmodSync(out, 0o755);
  const file = join(out, 'bundle.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('esbuild').buildSync({
    entryPoints: [join(ROOT, entry)], outfile: file, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error',
  });
  chmodSync(file, 0o644);
  return file;
}
