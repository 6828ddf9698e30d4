// undici's index.js also loads fetch, WebSocket, EventSource, cookies, mocks and caches: about 50 ms of start-up
// for the CLI and for the extension's first command. Only an Agent and its request() are used here, so load just
// those, wired the way undici's own index.js wires them (undici is pinned to an exact version in package.json).
import type * as Undici from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports */
const DispatcherBase = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
Object.assign(DispatcherBase.prototype, require('undici/lib/api'));
export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
/* eslint-enable @typescript-eslint/no-require-imports */

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { method: Undici.Dispatcher.HttpMethod };

/** undici's request(url, opts) on a given dispatcher, without its module-level global dispatcher. */
export function requestVia(dispatcher: Undici.Dispatcher, url: string | URL, opts: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  return dispatcher.request({ ...opts, origin: u.origin, path: `${u.pathname}${u.search}` });
}

let shared: Undici.Agent | undefined;
/** A keep-alive Agent for one-off calls outside the client (e.g. the site list). */
export function sharedAgent(): Undici.Agent {
  return shared ??= new Agent({ keepAliveTimeout: 10_000 });
}
