// The W rows' server: an emulator of its own whose upload URLs point at the latency proxy, and the proxy (its own
// process, so its timers never share an event loop with the harness or the emulator) with two listeners: one
// stands for the API host (www.wixapis.com), one for the upload host (upload.wixmp.com). Both sides of every W
// comparison send everything through it; the harness's control calls (reset, state) go straight to the emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EmulatorProcess } from './emulator-proc';

export interface LinkSpec {
  delayMs: number;
  mbit: number;
}

export const describeLink = (l: LinkSpec) => `${l.delayMs} ms each way, ${l.mbit} Mbit/s`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export class ProxiedEmulator {
  private constructor(readonly emu: EmulatorProcess, private readonly proxy: ChildProcess, readonly apiUrl: string, readonly uploadUrl: string) {}

  get proxyPid(): number | undefined {
    return this.proxy.pid;
  }

  static async start(root: string, maxFileBytes: number, link: LinkSpec): Promise<ProxiedEmulator> {
    // The upload listener's port must be known before the emulator starts (it hands out URLs on it); a port picked
    // free a moment earlier is taken again by the proxy.
    const uploadPort = await freePort();
    const uploadUrl = `http://127.0.0.1:${uploadPort}`;
    const emu = await EmulatorProcess.start(root, maxFileBytes, ['--upload-base-url', uploadUrl]);
    const target = new URL(emu.baseUrl);
    const proxy = spawn(process.execPath, [join(root, 'out/test/bench/net-proxy.js'),
      '--target', `${target.hostname}:${target.port}`, '--listen', `0,${uploadPort}`,
      '--delay-ms', String(link.delayMs), '--mbit', String(link.mbit)], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const ports = await new Promise<number[]>((resolve, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`the proxy did not start within 10 s: ${err.trim()}`)), 10_000);
        proxy.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
        proxy.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the proxy exited with ${code}: ${err.trim()}`)); });
        proxy.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /PROXY_PORTS=([\d,]+)/.exec(out);
          if (m) { clearTimeout(timer); proxy.removeAllListeners('exit'); resolve(m[1].split(',').map(Number)); }
        });
      });
      if (ports[1] !== uploadPort) throw new Error(`the proxy took port ${ports[1]}, not ${uploadPort}`);
      const apiUrl = `http://127.0.0.1:${ports[0]}`;
      emu.apiBaseUrl = apiUrl;
      return new ProxiedEmulator(emu, proxy, apiUrl, uploadUrl);
    } catch (e) {
      proxy.kill('SIGTERM');
      await emu.stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    if (this.proxy.exitCode === null && this.proxy.signalCode === null) {
      const gone = new Promise<void>((resolve) => this.proxy.once('exit', () => resolve()));
      this.proxy.kill('SIGTERM');
      await gone;
    }
    await this.emu.stop();
  }
}
