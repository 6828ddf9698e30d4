// Rate-limits progress reporting: the first call runs at once, later calls within `ms` collapse into one
// trailing call with the latest arguments, so the last state is always shown.

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs the pending trailing call now, if there is one. */
  flush(): void;
  /** Drops the pending trailing call. */
  cancel(): void;
}

export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): Throttled<A> {
  let lastRun = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let pending: A | undefined;

  const run = (args: A) => {
    lastRun = Date.now();
    pending = undefined;
    fn(...args);
  };

  const throttled = ((...args: A) => {
    const wait = lastRun + ms - Date.now();
    if (wait <= 0 && !timer) {
      run(args);
      return;
    }
    pending = args;
    if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        if (pending) run(pending);
      }, Math.max(0, wait));
      // A pending progress repaint must not keep a CLI alive.
      timer.unref?.();
    }
  }) as Throttled<A>;

  throttled.flush = () => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    if (pending) run(pending);
  };
  throttled.cancel = () => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    pending = undefined;
  };
  return throttled;
}
