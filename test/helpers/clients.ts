// Clients against the emulator for the unit suites: its credentials plus the suite's own defaults, each client
// tracked so that closeAll() (in an after/afterEach hook) leaves no sockets open.
import { WixMediaClient, type WixClientOptions } from '../../src/wix/client';
import type { WixEmulator } from '../emulator/server';

export interface EmulatorClients {
  client(extra?: Partial<WixClientOptions>): WixMediaClient;
  closeAll(): Promise<void>;
}

/** `emu` and `defaults` are read when a client is made (the emulator starts in a before hook). */
export function emulatorClients(emu: () => WixEmulator, defaults: () => Partial<WixClientOptions>): EmulatorClients {
  const open: WixMediaClient[] = [];
  return {
    client(extra = {}) {
      const e = emu();
      // No pacing unless a suite asks for it: the rate limiter has suites of its own (wix-rate-limit.test.ts).
      const c = new WixMediaClient({ apiKey: e.apiKey, siteId: e.siteId, baseUrl: e.baseUrl, rateLimit: false, ...defaults(), ...extra });
      open.push(c);
      return c;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((c) => c.close()));
    },
  };
}
