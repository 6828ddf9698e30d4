// Set API Key (checked with one real List Folders call before it is stored) and Clear API Key.
import * as vscode from 'vscode';
import { showError } from '../notify';
import { MEDIA_ROOT } from '../../wix/types';
import { describeError } from '../../wix/messages';
import { registerSecret } from '../../wix/redact';
import { effectiveApiBaseUrl, readConfig, setSiteId } from '../config';
import { promptApiKey } from '../prompts/api-key';
import { promptSite } from '../prompts/site';
import type { Services } from '../services';
import { querySites } from '../sites';

export interface SetApiKeyOptions {
  key?: string;
  siteId?: string;
}

export interface SetApiKeyResult {
  stored: boolean;
  cancelled?: boolean;
  siteId?: string;
  /** Folders at the Media Manager root, as the check saw them. */
  folders?: number;
  message: string;
}

export async function setApiKey(s: Services, options: SetApiKeyOptions | undefined): Promise<SetApiKeyResult> {
  const interactive = options === undefined;
  const key = options?.key?.trim() || (interactive ? await promptApiKey() : undefined);
  if (!key) return { stored: false, cancelled: true, message: 'No key was given.' };
  // From here on, nothing logged can show it.
  registerSecret(key);
  const baseUrl = effectiveApiBaseUrl();
  const configured = readConfig().siteId;
  let siteId = options?.siteId?.trim() || configured;
  if (!siteId && interactive) {
    siteId = (await promptSite('', () => querySites(baseUrl, key, s.log))) ?? '';
  }
  if (!siteId) {
    const message = "The key was not saved: no site is selected. Run 'Wix Media: Select Site' first, or pick a site when asked.";
    void showError(`Wix Media: ${message}`);
    return { stored: false, cancelled: interactive, message };
  }

  // One real read call proves the key, the site and the permission before anything is stored.
  const client = s.session.create({ apiKey: key, siteId, baseUrl }, { retries: 2 });
  let folders: number;
  try {
    folders = (await client.listFolders(MEDIA_ROOT)).length;
  } catch (e) {
    const message = `The API key was not saved. ${describeError(e)}`;
    s.log.error(message);
    void showError(`Wix Media: ${message}`, 'Show Log').then(c => { if (c) s.log.show(); });
    return { stored: false, siteId, message };
  } finally {
    void client.close().catch(() => undefined);
  }
  await s.keys.set(key);
  if (siteId !== configured) await setSiteId(siteId);
  const message = `The API key works for site ${siteId} (${folders} folder${folders === 1 ? '' : 's'} at the Media Manager root) and was saved in VS Code's secret storage.`;
  s.log.info(message);
  void vscode.window.showInformationMessage(`Wix Media: ${message}`);
  return { stored: true, siteId, folders, message };
}

export async function clearApiKey(s: Services): Promise<{ cleared: boolean; message: string }> {
  const had = await s.keys.has();
  await s.keys.clear();
  const message = had ? 'The API key was removed from the secret storage.' : 'No API key was stored.';
  s.log.info(message);
  void vscode.window.showInformationMessage(`Wix Media: ${message}`);
  return { cleared: had, message };
}

