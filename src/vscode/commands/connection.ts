// Before an upload: a key and a site. Interactively, offers to set them and carries on.
import * as vscode from 'vscode';
import { showError } from '../notify';
import { readConfig } from '../config';
import type { Services } from '../services';
import { noKeyError, noSiteError } from '../session';
import { emptyResult, type UploadResult } from '../upload-flow';
import { setApiKey } from './key';
import { selectSite } from './site';

export async function ensureConnection(s: Services, interactive: boolean): Promise<UploadResult | undefined> {
  if (!(await s.keys.has())) {
    const message = noKeyError().message;
    if (!interactive) {
      s.log.warn(message);
      void showError(vscode.l10n.t("Wix Media: no Wix API key is set. Run 'Wix Media: Set API Key' and paste a key from the Wix API Keys Manager."));
      return emptyResult('no-key', message);
    }
    const setKey = vscode.l10n.t('Set API key');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Wix Media: no API key is set yet. Set one, and the upload goes on.'), setKey);
    if (choice !== setKey) return emptyResult('cancelled', 'No API key was set.');
    const r = await setApiKey(s, undefined);
    if (!r.stored) return emptyResult(r.cancelled ? 'cancelled' : 'no-key', r.message);
  }
  if (!readConfig().siteId) {
    const message = noSiteError().message;
    if (!interactive) {
      void showError(vscode.l10n.t("Wix Media: no Wix site is selected. Run 'Wix Media: Select Site' or set wixMedia.siteId."));
      return emptyResult('invalid', message);
    }
    const r = await selectSite(s, undefined);
    if (!r.siteId) return emptyResult('cancelled', message);
  }
  return undefined;
}
