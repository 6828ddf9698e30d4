// A TCP proxy that plays a real link for the bench's W rows: a fixed one-way delay each way and a throughput cap
// shared by every connection (one link, both hosts), so round trips and bandwidth cost what they cost on a WAN.
// No dependency: node:net only. Run on its own (`node out/test/bench/net-proxy.js --target 127.0.0.1:PORT
// --listen 0,0 --delay-ms 25 --mbit 200`, prints `PROXY_PORTS=a,b`) or in-process through NetProxy.
//
// The model, per direction (up = client→server, down = server→client):
// - a chunk read at time t goes onto the wire when the wire is free (serialisation at the capped rate) and arrives
//   delay ms after its last byte left: arrive = max(t, wireFree) + bytes/rate + delay;
// - a new connection costs one round trip before the client's first byte can leave (the TCP handshake), so
//   opening connections is not free and keep-alive pays off as it does on a real link;
// - each connection holds at most WINDOW bytes in flight per direction (then its reader pauses), like a TCP
//   window, so a sender cannot finish writing long before its bytes could have arrived.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkOptions {
  /** One-way delay, ms. */
  delayMs: number;
  /** Throughput cap per direction, bits per second (shared by all connections). */
  bitsPerSecond: number;
  /** In-flight bytes per connection and direction before its reader is paused. Default 4 MiB (> the link's BDP). */
  windowBytes?: number;
}

interface Pending {
  at: number;
  dest: Socket;
  chunk?: Buffer;
  end?: boolean;
  destroy?: boolean;
  /** Called once the chunk is delivered (window accounting). */
  done?: () => void;
}

/** One direction of the link: a serialising wire plus a delay line, delivering in order of arrival time. */
class Direction {
  private wireFree = 0;
  private readonly queue: Pending[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;
  bytes = 0;

  constructor(private readonly opts: Required<LinkOptions>) {}

  /** Schedules a chunk that became readable at `readyAt` (ms, performance.now clock). */
  send(p: Omit<Pending, 'at'>, readyAt: number): void {
    const len = p.chunk?.length ?? 0;
    const start = Math.max(readyAt, this.wireFree);
    this.wireFree = start + (len * 8 * 1000) / this.opts.bitsPerSecond;
    this.bytes += len;
    // Arrival times only grow (wireFree never goes back), so one queue per direction keeps every connection's order.
    const at = Math.max(this.wireFree + this.opts.delayMs, this.lastAt());
    this.queue.push({ ...p, at });
    this.arm();
  }

  /** An end or a reset travels behind the data already on the wire. */
  signal(p: Omit<Pending, 'at'>): void {
    const at = Math.max(performance.now(), this.wireFree) + this.opts.delayMs;
    this.queue.push({ ...p, at: Math.max(at, this.lastAt()) });
    this.arm();
  }

  private lastAt(): number {
    return this.queue.length > this.head ? this.queue[this.queue.length - 1].at : 0;
  }

  private arm(): void {
    if (this.timer || this.head >= this.queue.length) return;
    const wait = this.queue[this.head].at - performance.now();
    this.timer = setTimeout(() => { this.timer = undefined; this.flush(); }, Math.max(0, wait));
  }

  private flush(): void {
    const now = performance.now();
    while (this.head < this.queue.length && this.queue[this.head].at <= now + 0.5) {
      const p = this.queue[this.head++];
      if (!p.dest.destroyed) {
        if (p.chunk) p.dest.write(p.chunk);
        if (p.end) p.dest.end();
        if (p.destroy) p.dest.destroy();
      }
      p.done?.();
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.arm();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export class NetProxy {
  readonly up: Direction;
  readonly down: Direction;
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  connections = 0;
  private readonly opts: Required<LinkOptions>;

  constructor(private readonly target: { host: string; port: number }, link: LinkOptions) {
    this.opts = { windowBytes: 4 * 1024 * 1024, ...link };
    this.up = new Direction(this.opts);
    this.down = new Direction(this.opts);
  }

  /** One listener per port (0 = any free port); returns the ports. Each listener stands for one host. */
  async listen(ports: number[], host = '127.0.0.1'): Promise<number[]> {
    const out: number[] = [];
    for (const port of ports) {
      const server = createServer({ allowHalfOpen: true, noDelay: true }, (s) => this.accept(s));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => { server.off('error', reject); resolve(); });
      });
      this.servers.push(server);
      out.push((server.address() as AddressInfo).port);
    }
    return out;
  }

  private accept(client: Socket): void {
    this.connections++;
    const server = connect({ host: this.target.host, port: this.target.port, allowHalfOpen: true, noDelay: true });
    this.sockets.add(client);
    this.sockets.add(server);
    this.pipe(client, server, this.up);
    this.pipe(server, client, this.down);
    // The handshake: SYN out, SYN-ACK back; the client's first byte can leave one round trip after connect().
    client.pause();
    setTimeout(() => { if (!client.destroyed) client.resume(); }, 2 * this.opts.delayMs);
  }

  private pipe(from: Socket, to: Socket, dir: Direction): void {
    let inFlight = 0;
    let paused = false;
    from.on('data', (chunk: Buffer) => {
      inFlight += chunk.length;
      dir.send({
        dest: to, chunk,
        done: () => {
          inFlight -= chunk.length;
          if (paused && inFlight <= this.opts.windowBytes / 2) { paused = false; from.resume(); }
        },
      }, performance.now());
      if (!paused && inFlight >= this.opts.windowBytes) { paused = true; from.pause(); }
    });
    from.on('end', () => dir.signal({ dest: to, end: true }));
    from.on('error', () => dir.signal({ dest: to, destroy: true }));
    from.on('close', (hadError) => {
      this.sockets.delete(from);
      if (hadError) dir.signal({ dest: to, destroy: true });
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.up.close();
    this.down.close();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

function cli(): void {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i].replace(/^--/, ''), argv[i + 1]);
  const target = args.get('target');
  if (!target || !/^[\w.-]+:\d+$/.test(target)) {
    process.stderr.write('usage: net-proxy.js --target HOST:PORT [--listen P1,P2] [--delay-ms 25] [--mbit 200]\n');
    process.exit(2);
  }
  const [host, port] = target.split(':');
  const proxy = new NetProxy({ host, port: Number(port) }, {
    delayMs: Number(args.get('delay-ms') ?? 25),
    bitsPerSecond: Number(args.get('mbit') ?? 200) * 1e6,
  });
  const ports = (args.get('listen') ?? '0').split(',').map(Number);
  proxy.listen(ports).then((p) => {
    process.stdout.write(`PROXY_PORTS=${p.join(',')}\n`);
  }, (e: Error) => { process.stderr.write(`net-proxy: ${e.message}\n`); process.exit(1); });
  const stop = () => { void proxy.close().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) cli();
