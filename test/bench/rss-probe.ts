// Preloaded into a node child (`node --require rss-probe.js …`) when GNU /usr/bin/time is missing: writes the
// child's own peak RSS (KiB) and CPU time (µs) to $WIX_BENCH_PROBE_OUT as it exits.
import { writeFileSync } from 'node:fs';

const out = process.env.WIX_BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime }));
  });
}
