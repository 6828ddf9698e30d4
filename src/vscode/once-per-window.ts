// Window-wide singletons (the Media view, its data) made on first use, one per Services.
import type { Services } from './services';

/** A function that makes its value once per window (per Services) and hands the same one back after. */
export function oncePerWindow<T>(make: (s: Services) => T): (s: Services) => T {
  const made = new WeakMap<Services, T>();
  return (s) => {
    let v = made.get(s);
    if (v === undefined) {
      v = make(s);
      made.set(s, v);
    }
    return v;
  };
}
