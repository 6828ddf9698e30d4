// Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function, so a miss comes with where the time went.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  spanMs: number;
  idleMs: number;
  gcMs: number;
  top: { name: string; ms: number }[];
}

function where(url: string, line: number): string {
  if (!url) return '';
  const short = url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
  return ` ${short}:${line + 1}`;
}

export function summarizeProfile(file: string, topN = 12): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byNode = new Map<number, number>();
  p.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  for (const n of p.nodes) {
    const us = byNode.get(n.id) ?? 0;
    if (!us) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'}${where(n.callFrame.url, n.callFrame.lineNumber)}`;
    self.set(key, (self.get(key) ?? 0) + us / 1000);
  }
  const idleMs = self.get('(idle)') ?? 0;
  const gcMs = self.get('(garbage collector)') ?? 0;
  const top = [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, topN).map(([name, ms]) => ({ name, ms }));
  return { file, spanMs: (p.endTime - p.startTime) / 1000, idleMs, gcMs, top };
}

/** The newest .cpuprofile in `dir`. */
export function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  return files.length ? join(dir, files[files.length - 1]) : undefined;
}

export function profileNotes(s: ProfileSummary): string[] {
  const busy = s.spanMs - s.idleMs;
  return [
    `CPU profile (${s.file}): ${s.spanMs.toFixed(0)} ms span, ${busy.toFixed(0)} ms on CPU, ${s.idleMs.toFixed(0)} ms idle (waiting on I/O), ${s.gcMs.toFixed(0)} ms GC.`,
    'Top self time: ' + s.top.slice(0, 10).map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join('; ') + '.',
  ];
}
