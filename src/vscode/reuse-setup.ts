// Content-hash reuse in VS Code: the queue's lookup before upload, over the team manifest (wixMedia.manifest)
// and a bounded cache in the extension's global storage, keyed by site.
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { ReuseLookup, type ReuseScope, type ReuseSettings } from '../upload/reuse';
import { ReuseIndex } from '../upload/reuse-index';
import type { Services } from './services';

/** Hashes remembered per site in the global cache; the least recently used go first. */
export const CACHE_MAX_PER_SITE = 5000;

export function reuseScope(): ReuseScope {
  const v = vscode.workspace.getConfiguration('wixMedia').get<string>('reuse.scope');
  return v === 'sameFolder' || v === 'off' ? v : 'anyFolder';
}

/** The manifest file the setting names (relative to the first workspace folder), in a trusted workspace only. */
export function manifestPath(): string | undefined {
  const raw = (vscode.workspace.getConfiguration('wixMedia').get<string>('manifest') ?? '').trim();
  if (!raw || !vscode.workspace.isTrusted) return undefined;
  if (isAbsolute(raw)) return raw;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root?.scheme === 'file' ? join(root.fsPath, raw) : undefined;
}

export interface ReuseStores {
  cache: ReuseIndex;
  /** The manifest the settings name now, if any. */
  manifest(): ReuseIndex | undefined;
}

const installed = new WeakMap<object, ReuseStores>();

/** The stores installReuse made for this window's services. */
export function reuseStores(s: Pick<Services, 'context'>): ReuseStores {
  const r = installed.get(s.context);
  if (!r) throw new Error('content-hash reuse is not installed');
  return r;
}

export function installReuse(s: Services): ReuseStores {
  const cache = new ReuseIndex(join(s.context.globalStorageUri.fsPath, 'reuse-cache.json'), { maxPerSite: CACHE_MAX_PER_SITE });
  let manifest: ReuseIndex | undefined;
  const stores: ReuseStores = {
    cache,
    manifest() {
      const path = manifestPath();
      if (!path) return undefined;
      if (manifest?.path !== path) manifest = new ReuseIndex(path, { relativeSources: true });
      return manifest;
    },
  };
  // No settings of its own: each action pins the ones it read (reuseSettings), with its client.
  s.session.queue.setLookup(new ReuseLookup({ logger: s.log }));
  installed.set(s.context, stores);
  return stores;
}

/** The reuse settings in force now, for an action uploading to `siteId`: read once, pinned on its entries. */
export function reuseSettings(s: Pick<Services, 'context'>, siteId: string): ReuseSettings {
  const scope = reuseScope();
  if (scope === 'off') return { scope };
  const stores = reuseStores(s);
  const m = stores.manifest();
  return { scope, siteId, indexes: m ? [m, stores.cache] : [stores.cache] };
}
