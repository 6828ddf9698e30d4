// Select Site: a dashboard URL or site ID pasted in (or picked from the account's sites), checked with one
// site-level call before it is saved.
import * as vscode from 'vscode';
import { describeError } from '../../wix/messages';
import { WixError } from '../../wix/errors';
import { effectiveApiBaseUrl, readConfig, setSiteId } from '../config';
import type { Services } from '../services';
import { pickSite } from '../site-picker';
import { checkSite, querySites, siteIdFrom } from '../sites';

export interface SelectSiteOptions {
  /** A site ID, or the site's dashboard URL (the ID after /dashboard/ is taken out of it). */
  siteId?: string;
}

export interface SelectSiteResult {
  siteId?: string;
  changed: boolean;
  /** Why nothing was saved. */
  message?: string;
}

/** The face's words for a failed listing: a refused key or account means the permission, so offer the paste route. */
export function listingProblem(err: unknown): string {
  if (err instanceof WixError && (err.status === 401 || err.status === 403)) {
    return vscode.l10n.t('Wix refused to list the sites ({0}): the API key needs an account-level sites permission ("Read Site Data") and the right account ID. Paste the site\'s dashboard URL instead.', String(err.status));
  }
  return describeError(err);
}

/** Why Wix refused the site check, in this face's words. */
function checkProblem(siteId: string, err: unknown): string {
  if (err instanceof WixError && err.status === 403) {
    return vscode.l10n.t('Wix refused the site {0} (403): the API key has no access to it, or lacks the "Manage Media Manager" permission. Check the site in the dashboard URL and the key\'s site access in the API Keys Manager.', siteId);
  }
  if (err instanceof WixError && err.status === 401) {
    return vscode.l10n.t("Wix rejected the API key (401) while checking the site {0}: run 'Wix Media: Set API Key' with a valid key.", siteId);
  }
  return vscode.l10n.t('The site {0} could not be checked: {1}', siteId, describeError(err));
}

export async function selectSite(s: Services, options: SelectSiteOptions | undefined): Promise<SelectSiteResult> {
  const cfg = readConfig();
  const current = cfg.siteId;
  const interactive = options === undefined;
  const key = await s.keys.get();
  const baseUrl = effectiveApiBaseUrl();
  let siteId: string | undefined;
  if (interactive) {
    siteId = await pickSite({
      current,
      accountId: cfg.accountId,
      listSites: key ? (account) => querySites(baseUrl, key, s.log, undefined, account, readConfig().apiRateLimit) : undefined,
      describe: listingProblem,
    });
    if (!siteId) return { siteId: current || undefined, changed: false };
  } else {
    const given = options?.siteId?.trim() ?? '';
    siteId = siteIdFrom(given);
    if (!siteId) {
      const message = vscode.l10n.t('No site ID in "{0}": give the site\'s dashboard URL or its ID (a GUID).', given);
      return { siteId: current || undefined, changed: false, message };
    }
  }
  if (key) {
    try {
      await checkSite(baseUrl, key, siteId, s.log, undefined, cfg.apiRateLimit);
    } catch (err) {
      const message = checkProblem(siteId, err);
      s.log.warn(message);
      if (interactive) void vscode.window.showErrorMessage(message);
      return { siteId: current || undefined, changed: false, message };
    }
  } else {
    s.log.info(`Site ${siteId} saved without a check: there is no API key yet.`);
  }
  const changed = siteId !== current;
  if (changed) await setSiteId(siteId);
  s.log.info(`Uploads go to site ${siteId}.`);
  if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('Wix Media: uploads go to site {0}.', siteId));
  return { siteId, changed };
}
