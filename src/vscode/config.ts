// Typed access to the wixMedia.* settings, with the trust rule for wixAPI.baseURL and the renamed keys' old names.
import * as vscode from 'vscode';
import type { TemplateOverrides } from '../upload/templates';
import { DEFAULT_BASE_URL, DEFAULT_RESUMABLE_THRESHOLD_MB, MB } from '../wix/limits';

export const SECTION = 'wixMedia';
/** The API key's name: its SecretStorage key, and the setting a key typed into settings.json by hand sits under. */
const API_KEY = 'apiKey';
export const API_KEY_ID = `${SECTION}.${API_KEY}`;
export const DEFAULT_API_BASE_URL = DEFAULT_BASE_URL;
/**
 * Settings renamed so the Settings editor titles them as words ("Wix API: Base URL", not "Api Base Url": it
 * title-cases the key). The old name is still read when the new one is set nowhere; the new one wins.
 */
export const API_BASE_URL = 'wixAPI.baseURL';
export const OLD_API_BASE_URL = 'apiBaseUrl';
export const API_RATE_LIMIT = 'wixAPI.rateLimit';
export const OLD_API_RATE_LIMIT = 'apiRateLimit';

export interface WixMediaConfig {
  siteId: string;
  apiBaseUrl: string;
  defaultFolder: string;
  askForFolder: boolean;
  askForLabels: boolean;
  defaultLabels: string[];
  private: boolean;
  concurrency: number;
  resumableThresholdBytes: number;
  /** undefined: no local limit. */
  maxFileSizeBytes?: number;
  waitForReady: boolean;
  /** How long to wait for READY before inserting the static URL (wixMedia.readyTimeoutSeconds). */
  readyTimeoutMs: number;
  templates: TemplateOverrides;
  referenceStyle: 'url' | 'wixUri';
  dropAndPaste: { enabled: boolean; preferUpload: boolean };
  /** Minutes a private file's download link works (wixMedia.privateLinkExpiryMinutes). */
  privateLinkMinutes: number;
  /** The Wix account that owns the sites, for listing them (wixMedia.accountId). */
  accountId: string;
  /** Wix's API rate limit the uploads pace under (wixMedia.wixAPI.rateLimit, formerly apiRateLimit). */
  apiRateLimit: { requestsPerWindow: number; windowMs: number };
  /** Whether Upload Document Assets also imports remote media (wixMedia.assets.importRemote). */
  importRemote: boolean;
}


function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/**
 * A setting's value when some settings file sets it (the default does not count), read as VS Code reads it
 * (`get`, so scope rules such as `application` hold). Without `withWorkspace`, only the user's own value counts.
 */
function setValue<T>(key: string, withWorkspace: boolean): T | undefined {
  const i = section().inspect<T>(key);
  if (!withWorkspace) return i?.globalValue;
  const set = i && (i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined);
  return set ? section().get<T>(key) : undefined;
}

/**
 * The API base URL the key may be sent to. In Restricted Mode a workspace must not redirect the key, so only
 * the user's own (global) value or the default counts, whatever the workspace says. The same rule holds for
 * the old name, which is read only when the new one is set nowhere.
 */
export function effectiveApiBaseUrl(trusted = vscode.workspace.isTrusted): string {
  return setValue<string>(API_BASE_URL, trusted) || setValue<string>(OLD_API_BASE_URL, trusted) || DEFAULT_API_BASE_URL;
}

/** Whether the workspace tries to set the API base URL, under either name (logged, since it is ignored). */
export function workspaceApiBaseUrl(): string | undefined {
  for (const key of [API_BASE_URL, OLD_API_BASE_URL]) {
    const i = section().inspect<string>(key);
    const v = i?.workspaceFolderValue ?? i?.workspaceValue;
    if (v) return `wixMedia.${key}: ${v}`;
  }
  return undefined;
}

/** The rate limit setting: the new name wins, then the old one, then the default. */
function rateLimitSetting(): { requests?: unknown; windowSeconds?: unknown } | undefined {
  const v = setValue<unknown>(API_RATE_LIMIT, true) ?? setValue<unknown>(OLD_API_RATE_LIMIT, true);
  return v && typeof v === 'object' ? v as { requests?: unknown; windowSeconds?: unknown } : undefined;
}

/** A demo or CI run may name the site through the environment when no setting does. */
function envSiteId(): string {
  return process.env.WIX_MEDIA_DEMO_SITE_ID?.trim() ?? '';
}

function num(v: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

export function readConfig(scope?: vscode.ConfigurationScope): WixMediaConfig {
  const c = section(scope);
  const labels = c.get<unknown>('defaultLabels');
  const templates = c.get<unknown>('insert.templates');
  const maxMb = num(c.get('maxFileSizeMB'), 0, 0);
  const rate = rateLimitSetting();
  return {
    siteId: (c.get<string>('siteId') ?? '').trim() || envSiteId(),
    apiBaseUrl: effectiveApiBaseUrl(),
    defaultFolder: (c.get<string>('defaultFolder') ?? '').trim(),
    askForFolder: c.get<boolean>('askForFolder') ?? true,
    askForLabels: c.get<boolean>('askForLabels') ?? true,
    defaultLabels: Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [],
    private: c.get<boolean>('private') ?? false,
    concurrency: Math.round(num(c.get('concurrency'), 12, 1, 16)),
    resumableThresholdBytes: Math.round(num(c.get('resumableThresholdMB'), DEFAULT_RESUMABLE_THRESHOLD_MB, 0) * MB),
    maxFileSizeBytes: maxMb > 0 ? Math.round(maxMb * MB) : undefined,
    waitForReady: c.get<boolean>('waitForReady') ?? true,
    readyTimeoutMs: Math.round(num(c.get('readyTimeoutSeconds'), 30, 1) * 1000),
    templates: templates && typeof templates === 'object' ? templates as TemplateOverrides : {},
    referenceStyle: c.get<string>('insert.referenceStyle') === 'wixUri' ? 'wixUri' : 'url',
    dropAndPaste: {
      enabled: c.get<boolean>('dropAndPaste.enabled') ?? true,
      preferUpload: c.get<boolean>('dropAndPaste.preferUpload') ?? false,
    },
    privateLinkMinutes: Math.round(num(c.get('privateLinkExpiryMinutes'), 600, 1, 525_600)),
    accountId: (c.get<string>('accountId') ?? '').trim(),
    apiRateLimit: {
      requestsPerWindow: Math.round(num(rate?.requests, 200, 1)),
      windowMs: Math.round(num(rate?.windowSeconds, 60, 0.1) * 1000),
    },
    importRemote: c.get<boolean>('assets.importRemote') ?? false,
  };
}

/** Languages where `wix:` URIs work (Velo code): `referenceStyle: wixUri` applies there unless set per language. */
const WIX_URI_LANGUAGES = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

/** How an action writes its references: read once (style and templates) for the language they go into. */
export interface ReferenceFormat {
  languageId: string;
  style: 'url' | 'wixUri';
  templates: TemplateOverrides;
}

export function referenceFormat(languageId: string, templates: TemplateOverrides): ReferenceFormat {
  return { languageId, style: referenceStyleFor(languageId), templates };
}

/**
 * The reference style for a language. A `[markdown]`-style language setting wins; otherwise `wixUri` is used
 * only in JS/TS (Velo), since nothing renders `![hero](wix:image://…)` in Markdown or HTML.
 */
export function referenceStyleFor(languageId: string): 'url' | 'wixUri' {
  const i = vscode.workspace.getConfiguration(SECTION, { languageId }).inspect<string>('insert.referenceStyle');
  const forLanguage = i?.workspaceFolderLanguageValue ?? i?.workspaceLanguageValue ?? i?.globalLanguageValue;
  if (forLanguage !== undefined) return forLanguage === 'wixUri' ? 'wixUri' : 'url';
  const v = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue ?? i?.defaultValue;
  return v === 'wixUri' && WIX_URI_LANGUAGES.has(languageId) ? 'wixUri' : 'url';
}

/** Where to write a setting: the workspace if it already sets it there, else the user settings. */
export function targetFor(key: string): vscode.ConfigurationTarget {
  const i = section().inspect(key);
  if (i?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

export async function setAccountId(accountId: string): Promise<void> {
  await section().update('accountId', accountId, targetFor('accountId'));
}

export async function setSiteId(siteId: string): Promise<void> {
  await section().update('siteId', siteId, targetFor('siteId'));
}

export interface StrayKey {
  target: vscode.ConfigurationTarget;
  /** The folder, for a folder-level value. */
  scope?: vscode.Uri;
  where: string;
  value: string;
}

/** Settings levels that hold a `wixMedia.apiKey` (a key typed into settings.json by hand). */
export function strayKeyLocations(): StrayKey[] {
  const out: StrayKey[] = [];
  const add = (v: unknown, target: vscode.ConfigurationTarget, where: string, scope?: vscode.Uri) => {
    if (typeof v === 'string' && v.trim()) out.push({ target, where, value: v.trim(), scope });
  };
  const i = section().inspect<unknown>(API_KEY);
  add(i?.globalValue, vscode.ConfigurationTarget.Global, 'your user settings');
  add(i?.workspaceValue, vscode.ConfigurationTarget.Workspace, 'the workspace settings');
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const fi = section(f.uri).inspect<unknown>(API_KEY);
    if (fi?.workspaceFolderValue !== fi?.workspaceValue) {
      add(fi?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder, `the settings of folder ${f.name}`, f.uri);
    }
  }
  return out;
}

export async function removeStrayKey(k: StrayKey): Promise<void> {
  await section(k.scope).update(API_KEY, undefined, k.target);
}

/** Whether a host is this machine (demo mode only trusts keys sent there). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === '127.0.0.1' || host === 'localhost' || host === '::1';
  } catch {
    return false;
  }
}
