// Runs one measured child process: wall time (hrtime around spawn..exit), and peak RSS and CPU time from
// GNU `/usr/bin/time -v` when it exists, else from rss-probe.js preloaded into a node child.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Measured {
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child, KiB. */
  maxRssKiB?: number;
  userS?: number;
  sysS?: number;
  /** CPU seconds the emulator process spent during this run (from /proc), when known. */
  serverCpuS?: number;
  /** The most upload bodies the emulator received at once during this run (stats.maxUploadsInFlight). */
  maxUploadsInFlight?: number;
}

export interface RunSpec {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The child is node: the probe can stand in for /usr/bin/time. */
  node?: boolean;
  /** pid of the emulator, to charge its CPU time to this run. */
  serverPid?: number;
}

let hasGnuTimeCache: boolean | undefined;
/** GNU time with -v (BusyBox's `time` has no -v). */
export function hasGnuTime(): boolean {
  if (hasGnuTimeCache === undefined) {
    hasGnuTimeCache = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident set size');
  }
  return hasGnuTimeCache;
}

export function rssSource(): string {
  return hasGnuTime()
    ? '`/usr/bin/time -v` (GNU time: "Maximum resident set size" of the child)'
    : '`process.resourceUsage().maxRSS` read at exit by test/bench/rss-probe.js, preloaded with `node --require`';
}

let clkTck: number | undefined;
function ticksPerSecond(): number {
  if (clkTck === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    clkTck = Number(r.stdout?.trim()) || 100;
  }
  return clkTck;
}

/** utime + stime of a process in seconds (Linux /proc), or undefined elsewhere. */
export function processCpuS(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

function parseGnuTime(text: string): Pick<Measured, 'maxRssKiB' | 'userS' | 'sysS'> {
  const num = (label: string) => {
    const m = new RegExp(`${label}: ([\\d.]+)`).exec(text);
    return m ? Number(m[1]) : undefined;
  };
  return { maxRssKiB: num('Maximum resident set size \\(kbytes\\)'), userS: num('User time \\(seconds\\)'), sysS: num('System time \\(seconds\\)') };
}

let seq = 0;
export async function measure(spec: RunSpec, workDir: string): Promise<Measured> {
  const statFile = join(workDir, `measure-${process.pid}-${++seq}.txt`);
  let cmd = spec.cmd;
  let args = spec.args;
  const env = { ...process.env, ...spec.env };
  if (hasGnuTime()) {
    args = ['-v', '-o', statFile, cmd, ...args];
    cmd = GNU_TIME;
  } else if (spec.node) {
    args = ['--require', join(__dirname, 'rss-probe.js'), ...args];
    env.WIX_BENCH_PROBE_OUT = statFile;
  }
  const cpuBefore = processCpuS(spec.serverPid);
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { env, cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = processCpuS(spec.serverPid);
  const m: Measured = {
    wallMs, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    serverCpuS: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
  };
  if (existsSync(statFile)) {
    const text = readFileSync(statFile, 'utf8');
    rmSync(statFile, { force: true });
    if (hasGnuTime()) Object.assign(m, parseGnuTime(text));
    else {
      const p = JSON.parse(text) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
      Object.assign(m, { maxRssKiB: p.maxRSS, userS: p.userCPUTime / 1e6, sysS: p.systemCPUTime / 1e6 });
    }
  }
  return m;
}

/** Throws with the child's stderr when it did not exit 0. */
export function mustSucceed(m: Measured, what: string): Measured {
  if (m.code !== 0) {
    const tail = (m.stderr || m.stdout).trim().split('\n').slice(-8).join('\n');
    throw new Error(`${what} exited with ${m.code}:\n${tail}`);
  }
  return m;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function cpuS(m: Measured): number | undefined {
  return m.userS === undefined || m.sysS === undefined ? undefined : m.userS + m.sysS;
}
