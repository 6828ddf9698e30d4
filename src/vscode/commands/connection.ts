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
      void showError(`Wix Media: ${message}`);
      return emptyResult('no-key', message);
    }
    const choice = await vscode.window.showWarningMessage('Wix Media: no API key is set yet. Set one, and the upload goes on.', 'Set API key');
    if (choice !== 'Set API key') return emptyResult('cancelled', 'No API key was set.');
    const r = await setApiKey(s, undefined);
    if (!r.stored) return emptyResult(r.cancelled ? 'cancelled' : 'no-key', r.message);
  }
  if (!readConfig().siteId) {
    const message = noSiteError().message;
    if (!interactive) {
      void showError(`Wix Media: ${message}`);
      return emptyResult('invalid', message);
    }
    const r = await selectSite(s, undefined);
    if (!r.siteId) return emptyResult('cancelled', message);
  }
  return undefined;
}
