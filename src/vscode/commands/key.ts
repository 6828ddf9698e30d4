// Set API Key (checked with one real List Folders call before it is stored) and Clear API Key.
import * as vscode from 'vscode';
import { COMMAND } from '../command-ids';
import { showError } from '../notify';
import { MEDIA_ROOT } from '../../wix/types';
import { describeError, remedyFor } from '../../wix/messages';
import { describeForUser } from '../remedies';
import { registerSecret } from '../../wix/redact';
import { effectiveApiBaseUrl, readConfig, setSiteId } from '../config';
import { promptApiKey } from '../prompts/api-key';
import type { Services } from '../services';
import { pickSite } from '../site-picker';
import { querySites } from '../sites';
import { listingProblem } from './site';

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

/** One real read call proves the key, the site and the permission; the number of root folders, or the error. */
async function checkKey(s: Services, key: string, siteId: string, baseUrl: string): Promise<{ folders: number } | { error: unknown }> {
  const client = s.session.create({ apiKey: key, siteId, baseUrl }, { retries: 2 });
  try {
    return { folders: (await client.listFolders(MEDIA_ROOT)).length };
  } catch (error) {
    return { error };
  } finally {
    void client.close().catch(() => undefined);
  }
}

export async function setApiKey(s: Services, options: SetApiKeyOptions | undefined): Promise<SetApiKeyResult> {
  const interactive = options === undefined;
  const baseUrl = effectiveApiBaseUrl();
  const configured = readConfig().siteId;
  let siteId = options?.siteId?.trim() || configured;
  // With a site known, the box checks the key itself and stays open while Wix refuses it.
  let checked: { folders: number } | undefined;
  const check = interactive && siteId ? async (k: string) => {
    registerSecret(k);
    const r = await checkKey(s, k, siteId, baseUrl);
    if ('folders' in r) { checked = r; return undefined; }
    // Inside Set API Key, "run Set API Key" is no help: the reason alone, or the other remedy (Select Site).
    const reason = remedyFor(r.error) === 'set-api-key' ? describeError(r.error) : describeForUser(r.error);
    s.log.error(`The API key was not saved. ${reason}`);
    return vscode.l10n.t('The key was not saved. {0} Correct it, or press Escape.', reason);
  } : undefined;
  const key = options?.key?.trim() || (interactive ? await promptApiKey({ check }) : undefined);
  if (!key) return { stored: false, cancelled: true, message: 'No key was given.' };
  // From here on, nothing logged can show it.
  registerSecret(key);
  if (!siteId && interactive) {
    // The same picker as Select Site: paste the dashboard URL, or list the account's sites (needs its ID).
    siteId = (await pickSite({
      current: '',
      accountId: readConfig().accountId,
      listSites: (account) => querySites(baseUrl, key, s.log, undefined, account, readConfig().apiRateLimit),
      describe: listingProblem,
    })) ?? '';
  }
  if (!siteId) {
    const message = "The key was not saved: no site is selected. Run 'Wix Media: Select Site' first, or pick a site when asked.";
    void showError(vscode.l10n.t("Wix Media: the key was not saved: no site is selected. Run 'Wix Media: Select Site' first, or pick a site when asked."));
    return { stored: false, cancelled: interactive, message };
  }

  let folders: number;
  if (checked) {
    folders = checked.folders;
  } else {
    const r = await checkKey(s, key, siteId, baseUrl);
    if (!('folders' in r)) {
      const message = `The API key was not saved. ${describeForUser(r.error)}`;
      s.log.error(message);
      const retype = vscode.l10n.t('Set API Key');
      const showLog = vscode.l10n.t('Show Log');
      const buttons = interactive ? [retype, showLog] : [showLog];
      void showError(vscode.l10n.t('Wix Media: the API key was not saved. {0}', describeForUser(r.error)), ...buttons).then(c => {
        if (c === retype) void vscode.commands.executeCommand(COMMAND.setApiKey);
        else if (c) s.log.show();
      });
      return { stored: false, siteId, message };
    }
    folders = r.folders;
  }
  await s.keys.set(key);
  if (siteId !== configured) await setSiteId(siteId);
  const message = `The API key works for site ${siteId} (${folders} folder${folders === 1 ? '' : 's'} at the Media Manager root) and was saved in VS Code's secret storage.`;
  s.log.info(message);
  void vscode.window.showInformationMessage(folders === 1
    ? vscode.l10n.t("Wix Media: The API key works for site {0} (1 folder at the Media Manager root) and was saved in VS Code's secret storage.", siteId)
    : vscode.l10n.t("Wix Media: The API key works for site {0} ({1} folders at the Media Manager root) and was saved in VS Code's secret storage.", siteId, folders));
  return { stored: true, siteId, folders, message };
}

export async function clearApiKey(s: Services): Promise<{ cleared: boolean; message: string }> {
  const had = await s.keys.has();
  await s.keys.clear();
  const message = had ? 'The API key was removed from the secret storage.' : 'No API key was stored.';
  s.log.info(message);
  void vscode.window.showInformationMessage(had
    ? vscode.l10n.t('Wix Media: the API key was removed from the secret storage.')
    : vscode.l10n.t('Wix Media: no API key was stored.'));
  return { cleared: had, message };
}

