// The wix-media CLI as a user runs it: bundled as esbuild.js does (same entry, platform and target) into a file of
// its own, then spawned with node, its exit code, stdout and stderr collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Bundles src/cli.ts into `outfile`. */
export async function bundleCli(outfile: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await require('esbuild').build({
    entryPoints: [join(ROOT, 'src/cli.ts')], outfile, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', logLevel: 'error', banner: { js: '#!/usr/bin/env node' },
  });
  return outfile;
}

/** Runs the bundled CLI with these arguments, in `cwd`, with exactly `env`. */
export function runCli(cli: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', d => { stdout += d; });
    child.stderr!.on('data', d => { stderr += d; });
    child.on('error', rej);
    child.on('close', code => res({ code, stdout, stderr }));
    opts.onSpawn?.(child);
  });
}
