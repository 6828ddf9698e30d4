// The proxy as VS Code users set it: http.proxy, http.proxyStrictSSL and http.noProxy, and the environment's
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY when those are unset. In Restricted Mode only the user's own values count,
// so a workspace cannot route the API calls through a proxy it chose.
import * as vscode from 'vscode';
import { proxyFromEnv, splitNoProxy, type ProxySettings } from '../wix/proxy';

function value<T>(cfg: vscode.WorkspaceConfiguration, key: string, trusted: boolean): T | undefined {
  if (trusted) return cfg.get<T>(key);
  const i = cfg.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

export function proxySettings(env: NodeJS.ProcessEnv = process.env, trusted = vscode.workspace.isTrusted): ProxySettings {
  const cfg = vscode.workspace.getConfiguration('http');
  const fromEnv = proxyFromEnv(env);
  const proxy = value<string>(cfg, 'proxy', trusted)?.trim();
  const noProxy = value<string[] | string>(cfg, 'noProxy', trusted);
  const list = Array.isArray(noProxy) ? noProxy.map(s => s.trim()).filter(Boolean) : splitNoProxy(noProxy);
  return {
    httpsProxy: proxy || fromEnv.httpsProxy,
    httpProxy: proxy || fromEnv.httpProxy,
    noProxy: list.length ? list : fromEnv.noProxy,
    strictSSL: value<boolean>(cfg, 'proxyStrictSSL', trusted) !== false,
  };
}

/** Whether a configuration change touches the proxy (the next client must be made anew). */
export function affectsProxy(e: vscode.ConfigurationChangeEvent): boolean {
  return ['http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some(k => e.affectsConfiguration(k));
}
