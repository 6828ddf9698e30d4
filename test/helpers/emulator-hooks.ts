// One way for a mocha file to have a local emulator: started before the suite's tests (or before each test), handed
// to the file through `use`, and stopped after them, also when a test restarted it with other options.
import { WixEmulator } from '../emulator/server';
import type { EmulatorOptions } from '../emulator/types';

export interface EmulatorHooks {
  /** Stops the running emulator and starts one with these options instead (handed over through `use` too). */
  restart(opts?: EmulatorOptions): Promise<WixEmulator>;
}

/** Call inside a describe(); `per: 'test'` gives each test a fresh emulator. */
export function withEmulator(opts: EmulatorOptions, use: (emu: WixEmulator) => void, per: 'suite' | 'test' = 'suite'): EmulatorHooks {
  let current: WixEmulator | undefined;
  const start = async (o: EmulatorOptions) => {
    current = await WixEmulator.start(o);
    use(current);
    return current;
  };
  const stop = async () => {
    const e = current;
    current = undefined;
    await e?.stop();
  };
  if (per === 'test') {
    beforeEach(() => start(opts));
    afterEach(stop);
  } else {
    before(() => start(opts));
    after(stop);
  }
  return {
    async restart(o = {}) {
      await stop();
      return start(o);
    },
  };
}
