// Select Site: typed in, or picked from the sites the key can list.
import * as vscode from 'vscode';
import { effectiveApiBaseUrl, readConfig, setSiteId } from '../config';
import { promptSite } from '../prompts/site';
import type { Services } from '../services';
import { querySites } from '../sites';

export interface SelectSiteOptions {
  siteId?: string;
}

export async function selectSite(s: Services, options: SelectSiteOptions | undefined): Promise<{ siteId?: string; changed: boolean }> {
  const current = readConfig().siteId;
  let siteId = options?.siteId?.trim();
  if (options === undefined) {
    const key = await s.keys.get();
    const baseUrl = effectiveApiBaseUrl();
    siteId = await promptSite(current, key ? () => querySites(baseUrl, key, s.log) : undefined);
  }
  if (!siteId) return { siteId: current || undefined, changed: false };
  const changed = siteId !== current;
  if (changed) await setSiteId(siteId);
  s.log.info(`Uploads go to site ${siteId}.`);
  if (options === undefined) void vscode.window.showInformationMessage(`Wix Media: uploads go to site ${siteId}.`);
  return { siteId, changed };
}
