// A local HTTP proxy for the proxy tests: absolute-URI (forward) requests and CONNECT tunnels, with Basic
// proxy authentication. It records every request it carries. Tunnels to plain-HTTP targets are read, not just
// piped (the bytes are not encrypted), so a tunnelled request is recorded one by one like a forwarded one.
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  via: 'forward' | 'connect';
  method: string;
  /** Path and query at the target. */
  path: string;
  host: string;
}

export class TestProxy {
  readonly requests: ProxiedRequest[] = [];
  readonly tunnels: string[] = [];
  /** Answers 407 to requests without these credentials. */
  auth?: { user: string; password: string };
  private readonly sockets = new Set<Socket>();
  private readonly upstream = new Agent({ keepAlive: true });

  private constructor(private readonly server: Server, private readonly inner: Server) {}

  static async start(): Promise<TestProxy> {
    const server = createServer();
    const inner = createServer();   // the HTTP spoken inside CONNECT tunnels
    const proxy = new TestProxy(server, inner);
    server.on('connection', s => proxy.track(s));
    server.on('request', (req, res) => proxy.forward('forward', req, res));
    inner.on('request', (req, res) => proxy.forward('connect', req, res));
    server.on('connect', (req: IncomingMessage, socket: Socket) => proxy.connect(req, socket));
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  urlWith(user: string, password: string): string {
    return `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  private authorized(req: IncomingMessage): boolean {
    if (!this.auth) return true;
    const want = `Basic ${Buffer.from(`${this.auth.user}:${this.auth.password}`).toString('base64')}`;
    return req.headers['proxy-authorization'] === want;
  }

  private connect(req: IncomingMessage, socket: Socket): void {
    if (!this.authorized(req)) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.tunnels.push(req.url ?? '');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    (socket as Socket & { tunnelHost?: string }).tunnelHost = req.url;
    this.inner.emit('connection', socket);
  }

  private forward(via: ProxiedRequest['via'], req: IncomingMessage, res: ServerResponse): void {
    let target: URL;
    if (via === 'forward') {
      if (!this.authorized(req)) {
        res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
        return;
      }
      target = new URL(req.url ?? '');
    } else {
      target = new URL(`http://${(req.socket as Socket & { tunnelHost?: string }).tunnelHost}${req.url}`);
    }
    this.requests.push({ via, method: req.method ?? '', path: `${target.pathname}${target.search}`, host: target.host });
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    // An agent of its own: inside VS Code's extension host the global one may itself be proxied.
    const out = request(target, { method: req.method, headers, agent: this.upstream }, up => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.upstream.destroy();
    await new Promise<void>(r => this.server.close(() => r()));
  }
}
