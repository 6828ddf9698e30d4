// The emulator in its own child process (out/test/emulator/main.js), so its CPU never shares the event loop
// with the harness, and its control plane (/__emulator/*) over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatorStats, Fault, StoredFile } from '../emulator/types';

export interface EmuState {
  files: StoredFile[];
  stats: EmulatorStats;
  /** Faults not used up yet. */
  faults: { fault: Fault; left: number }[];
}

/** "No limit" in WIX_API_RATE_LIMIT's form: far more calls per minute than any row makes. */
export const NO_LIMIT = '1000000/60000';

export class EmulatorProcess {
  /** Where clients send API calls when not straight to baseUrl (the W rows' latency proxy). */
  apiBaseUrl: string;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly apiKey: string,
    readonly siteId: string,
  ) {
    this.apiBaseUrl = baseUrl;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Started with --rate-limit (R1): the CLI paces at its defaults against it. */
  limited = false;

  /**
   * The variables the CLI (and the curl scripts) read. On loopback against an emulator without a rate limit the CLI
   * is told that there is none (WIX_API_RATE_LIMIT), as curl under xargs does not pace either: otherwise P3's 500
   * files would wait a minute behind the 200-a-minute default that this server does not have. The W rows (through
   * the proxy) and R1 run at the CLI's true defaults.
   */
  get env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { WIX_API_BASE_URL: this.apiBaseUrl, WIX_API_KEY: this.apiKey, WIX_SITE_ID: this.siteId };
    if (!this.limited && this.apiBaseUrl === this.baseUrl) env.WIX_API_RATE_LIMIT = NO_LIMIT;
    return env;
  }

  /**
   * Free port, readiness at once (readyDelayMs 0), a size limit above the largest file, and the sha256-only
   * descriptor hash (the emulator's fast mode for benchmarks: one hash per byte instead of sha256 + md5).
   */
  static async start(root: string, maxFileBytes: number, extraArgs: string[] = []): Promise<EmulatorProcess> {
    const main = join(root, 'out/test/emulator/main.js');
    const child = spawn(process.execPath, [main, '--port', '0', '--ready-delay-ms', '0', '--max-file-bytes', String(maxFileBytes), '--hash', 'sha256', '--quiet', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: undefined },
    });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
    const vars = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the emulator did not start within 30 s: ${stderr.trim()}`)), 30_000);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator exited with ${code}: ${stderr.trim()}`)); });
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const found = Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
        if (found.WIX_API_BASE_URL && found.WIX_API_KEY && found.WIX_SITE_ID) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(found);
        }
      });
    });
    const emu = new EmulatorProcess(child, vars.WIX_API_BASE_URL, vars.WIX_API_KEY, vars.WIX_SITE_ID);
    emu.limited = extraArgs.includes('--rate-limit');
    return emu;
  }

  private async control(method: string, path: string, body?: unknown): Promise<any> {
    const send = () => fetch(`${this.baseUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let r: Response;
    try {
      r = await send();
    } catch (e) {
      // A keep-alive socket the emulator closed while the harness was busy writing a large test file (synchronous
      // writes: the FIN went unnoticed) fails at once; reading the state or resetting again is harmless.
      if (!(method === 'GET' || path === 'reset')) throw e;
      r = await send();
    }
    const text = await r.text();
    if (!r.ok) throw new Error(`emulator ${method} /__emulator/${path} answered ${r.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** Forgets files, tokens, stats and faults, so each run is counted on its own. */
  reset(): Promise<void> {
    return this.control('POST', 'reset');
  }

  inject(fault: Fault): Promise<void> {
    return this.control('POST', 'faults', fault);
  }

  clearFaults(): Promise<void> {
    return this.control('DELETE', 'faults');
  }

  state(): Promise<EmuState> {
    return this.control('GET', 'state');
  }

  /** SIGTERM to the one process this harness started; waits for it to go. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}
