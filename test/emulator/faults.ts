// Injected faults and their `times` countdown.
import type { Fault, FaultRoute } from './types';

type Active = { fault: Fault; left: number };

export class FaultBook {
  private active: Active[] = [];
  /** Bumped by clear(), so in-flight 'slow' bodies can tell they were released. */
  generation = 0;

  inject(fault: Fault): void {
    checkFault(fault);
    const left = fault.type === 'stay-pending' ? Infinity : Math.max(1, Math.floor(fault.times ?? 1));
    this.active.push({ fault, left });
  }

  clear(): void {
    this.active = [];
    this.generation++;
  }

  list(): { fault: Fault; left: number }[] {
    return this.active.map((a) => ({ fault: a.fault, left: a.left }));
  }

  /** The first live fault that matches, without using it up. */
  peek<T extends Fault['type']>(type: T, route?: FaultRoute): Extract<Fault, { type: T }> | undefined {
    const hit = this.active.find((a) => a.left > 0 && a.fault.type === type && (route === undefined || (a.fault as { route?: string }).route === route));
    return hit?.fault as Extract<Fault, { type: T }> | undefined;
  }

  /** Uses one `times` of this fault; false if another request used the last one meanwhile. */
  consume(fault: Fault): boolean {
    const a = this.active.find((x) => x.fault === fault);
    if (!a || a.left <= 0) return false;
    a.left--;
    if (a.left <= 0) this.active = this.active.filter((x) => x !== a);
    return true;
  }

  /** peek + consume. */
  take<T extends Fault['type']>(type: T, route?: FaultRoute): Extract<Fault, { type: T }> | undefined {
    const f = this.peek(type, route);
    return f && this.consume(f) ? f : undefined;
  }

  has(type: Fault['type']): boolean {
    return this.active.some((a) => a.left > 0 && a.fault.type === type);
  }
}

const ROUTES: FaultRoute[] = ['generate', 'generate-resumable', 'put', 'tus-create', 'tus-patch', 'tus-finalize', 'get-file', 'folders', 'download-url', 'bulk-delete'];

/** Refuses malformed faults loudly, so a typo in a test doesn't silently inject nothing. */
export function checkFault(f: Fault): void {
  const bad = (why: string): never => { throw new Error(`Invalid emulator fault ${JSON.stringify(f)}: ${why}`); };
  if (!f || typeof f !== 'object') bad('not an object');
  switch (f.type) {
    case 'status':
      if (!ROUTES.includes(f.route)) bad('unknown route');
      if (!Number.isInteger(f.status) || f.status < 100 || f.status > 599) bad('status must be an HTTP status');
      return;
    case 'hang':
      if (!ROUTES.includes(f.route)) bad('unknown route');
      return;
    case 'reset':
      if (f.route !== 'put' && f.route !== 'tus-patch') bad("route must be 'put' or 'tus-patch'");
      if (f.atUploadOffset !== undefined && f.route !== 'tus-patch') bad('atUploadOffset is for tus-patch');
      return;
    case 'slow':
      if (f.route !== 'put' && f.route !== 'tus-patch') bad("route must be 'put' or 'tus-patch'");
      if (!(f.bytesPerSecond > 0)) bad('bytesPerSecond must be > 0');
      return;
    case 'lose-answer':
      if (f.route !== 'put' && f.route !== 'tus-finalize') bad("route must be 'put' or 'tus-finalize'");
      return;
    case 'delay':
      if (!ROUTES.includes(f.route)) bad('unknown route');
      if (!(f.ms >= 0)) bad('ms must be >= 0');
      return;
    case 'spent-url': case 'stay-pending': case 'fail-processing':
      return;
    default:
      bad('unknown type');
  }
}
