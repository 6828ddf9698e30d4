// Proxies for the API host and the upload host alike (tus included: it sends through WixHttp). Each face says
// where the settings come from (the CLI: HTTPS_PROXY/HTTP_PROXY/NO_PROXY; the extension: http.proxy,
// http.proxyStrictSSL, http.noProxy); this file turns them into one undici dispatcher. Credentials in a proxy URL
// are registered as secrets, so redaction hides them in any log line or error; describeProxy never shows them.
import type * as Undici from 'undici';
// undici-core wires request() onto every dispatcher's prototype, the proxy agents' included.
import './undici-core';
import { registerSecret } from './redact';

export interface ProxySettings {
  /** Proxy for https: targets (the Wix hosts), `http://[user:pass@]host:port`. Empty: none. */
  httpsProxy?: string;
  /** Proxy for http: targets (a local emulator). Empty: none. */
  httpProxy?: string;
  /** Hosts reached directly: `host`, `.domain`, `*.domain`, `host:port`, `*` (NO_PROXY syntax). */
  noProxy?: readonly string[];
  /** false: accept a proxy's (or a tunnelled host's) certificate that does not verify (http.proxyStrictSSL off). */
  strictSSL?: boolean;
  /** Tunnel http: targets too (CONNECT), for a proxy that refuses absolute-URI requests. Default false. */
  tunnelHttp?: boolean;
}

function first(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const n of names) if (env[n]) return env[n];
  return undefined;
}

/** NO_PROXY's comma- or space-separated list. */
export function splitNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The usual environment variables (lower case wins, as in curl). */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    httpsProxy: first(env, 'https_proxy', 'HTTPS_PROXY') ?? '',
    httpProxy: first(env, 'http_proxy', 'HTTP_PROXY') ?? '',
    noProxy: splitNoProxy(first(env, 'no_proxy', 'NO_PROXY')),
  };
}

export function hasProxy(p: ProxySettings | undefined): p is ProxySettings {
  return !!(p && (p.httpsProxy || p.httpProxy));
}

/** A proxy URL fit for a log line: scheme, host and port, never the credentials. */
export function describeProxy(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username || u.password ? '***@' : ''}${u.host}`;
  } catch {
    return '(an invalid proxy URL)';
  }
}

function checked(url: string | undefined, what: string): string {
  if (!url) return '';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`The ${what} proxy is not a URL: ${describeProxy(url)}. Use http://host:port.`);
  }
  if (!['http:', 'https:'].includes(u.protocol)) {
    throw new Error(`The ${what} proxy ${describeProxy(url)} is not http:// or https://; only HTTP(S) proxies are supported.`);
  }
  registerSecret(decodeURIComponent(u.password));
  registerSecret(u.username && u.password ? `${u.username}:${u.password}` : undefined);
  registerSecret(u.username && u.password ? Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64') : undefined);
  return url;
}

/**
 * An undici dispatcher that sends through the proxy (CONNECT tunnels for https: targets, absolute-URI requests for
 * http: targets, as curl does: many proxies refuse CONNECT to port 80) and directly to the noProxy hosts.
 * `agentOptions` (connections, timeouts) apply to every connection. Undefined when no proxy is set.
 */
export function proxyDispatcher(p: ProxySettings | undefined, agentOptions: Undici.Agent.Options): Undici.Dispatcher | undefined {
  if (!hasProxy(p)) return undefined;
  const httpsProxy = checked(p.httpsProxy, 'HTTPS');
  const httpProxy = checked(p.httpProxy, 'HTTP');
  const tls = p.strictSSL === false ? { rejectUnauthorized: false } : undefined;
  // Loaded only when a proxy is set (start-up: see undici-core.ts). Explicit '' values keep undici from reading
  // the environment itself: the face decided where the settings come from.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;
  return new EnvHttpProxyAgent({
    ...agentOptions,
    httpsProxy,
    httpProxy,
    noProxy: (p.noProxy ?? []).join(','),
    proxyTunnel: p.tunnelHttp === true,
    ...(tls ? { requestTls: tls, proxyTls: tls } : {}),
  } as Undici.EnvHttpProxyAgent.Options);
}

/** One line for the log: which proxy, for which targets, which hosts bypass it. */
export function proxyLogLine(p: ProxySettings): string {
  const parts: string[] = [];
  if (p.httpsProxy) parts.push(`https: targets through ${describeProxy(p.httpsProxy)}`);
  if (p.httpProxy) parts.push(`http: targets through ${describeProxy(p.httpProxy)}`);
  if (p.noProxy?.length) parts.push(`directly to ${p.noProxy.join(', ')}`);
  if (p.strictSSL === false) parts.push('proxy certificates not verified');
  return `Proxy: ${parts.join('; ')}.`;
}
