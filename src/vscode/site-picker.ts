// Select Site's quick pick: paste the dashboard URL or the ID (always works), or pick from the account's sites
// (only when an account ID is known, asked once; listing needs an account-level permission the key may lack).
import * as vscode from 'vscode';
import { setAccountId } from './config';
import { accountIdFrom, siteIdFrom, type SiteSummary } from './sites';

interface Item extends vscode.QuickPickItem {
  siteId?: string;
  action?: 'paste' | 'account';
}

export interface SitePickerDeps {
  current: string;
  accountId: string;
  /** Lists the sites of an account; undefined when there is no API key to list with. */
  listSites?: (accountId: string) => Promise<SiteSummary[]>;
  /** A sentence for a failed listing (the face's words for the error). */
  describe(err: unknown): string;
}

const ACCOUNT_HELP = () => vscode.l10n.t('Your Wix account ID: open the API Keys Manager (manage.wix.com/account/api-keys); the Account ID is on the right of the page.');

/** Asks for the account ID once (saved to wixMedia.accountId). */
export async function askAccountId(): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Wix Media: account ID'),
    prompt: ACCOUNT_HELP(),
    placeHolder: '9a8b7c6d-0000-4b4b-8c8c-fedcba987654',
    ignoreFocusOut: true,
    validateInput: (v) => (accountIdFrom(v) ? undefined : vscode.l10n.t('An account ID is a GUID such as 9a8b7c6d-0000-4b4b-8c8c-fedcba987654.')),
  });
  const id = typed ? accountIdFrom(typed) : undefined;
  if (id) await setAccountId(id);
  return id;
}

/** Asks for the dashboard URL or the site ID; returns the site ID in it. */
export async function askPastedSite(current: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Wix Media: site'),
    value: current,
    prompt: vscode.l10n.t("Paste the site's dashboard URL (manage.wix.com/dashboard/…) or its site ID."),
    placeHolder: 'https://manage.wix.com/dashboard/1b2c3d4e-0000-4a4a-9b9b-123456789abc/home',
    ignoreFocusOut: true,
    validateInput: (v) => (siteIdFrom(v) ? undefined
      : vscode.l10n.t('No site ID found. Paste the address of the site\'s dashboard (it holds the ID after /dashboard/) or the ID itself, a GUID such as 1b2c3d4e-0000-4a4a-9b9b-123456789abc.')),
  });
  return typed ? siteIdFrom(typed) : undefined;
}

/** The picker. Resolves with a site ID, or undefined when dismissed. */
export async function pickSite(d: SitePickerDeps): Promise<string | undefined> {
  let accountId = d.accountId;
  for (;;) {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = vscode.l10n.t('Wix Media: Select Site');
    qp.placeholder = vscode.l10n.t("Paste the site's dashboard URL or ID here, or pick a site");
    qp.ignoreFocusOut = true;
    const paste: Item = { label: `$(link) ${vscode.l10n.t('Paste the dashboard URL or site ID…')}`, action: 'paste', alwaysShow: true };
    const account: Item = {
      label: `$(organization) ${vscode.l10n.t('List my sites…')}`, action: 'account', alwaysShow: true,
      detail: vscode.l10n.t('Needs your account ID and a key with the "Read Site Data" permission.'),
    };
    const canList = !!(accountId && d.listSites);
    qp.items = canList ? [paste] : d.listSites ? [paste, account] : [paste];
    if (canList) {
      qp.busy = true;
      d.listSites!(accountId).then((sites) => {
        const mark = vscode.l10n.t('current');
        qp.items = [
          ...sites.map((s): Item => ({
            label: `${s.id === d.current ? '$(check)' : '$(globe)'} ${s.displayName}`,
            description: s.id === d.current ? `${s.id} (${mark})` : s.id,
            detail: s.url, siteId: s.id,
          })),
          paste,
        ];
        const cur = qp.items.find((i) => i.siteId === d.current);
        if (cur) qp.activeItems = [cur];
      }, (err) => {
        qp.items = [{ label: `$(error) ${vscode.l10n.t('Could not list the sites')}`, detail: d.describe(err), alwaysShow: true }, paste];
        qp.activeItems = [paste];
      }).finally(() => { qp.busy = false; });
    }
    const picked = await new Promise<Item | string | undefined>((resolve) => {
      let r: Item | string | undefined;
      qp.onDidAccept(() => {
        // Pasted straight into the filter box: take the ID out of it.
        const typed = siteIdFrom(qp.value);
        if (typed) r = typed;
        else r = qp.selectedItems[0];
        if (typeof r === 'string' || r?.siteId || r?.action) qp.hide();
      });
      qp.onDidHide(() => { qp.dispose(); resolve(r); });
      qp.show();
    });
    if (picked === undefined) return undefined;
    if (typeof picked === 'string') return picked;
    if (picked.siteId) return picked.siteId;
    if (picked.action === 'paste') return askPastedSite(d.current);
    if (picked.action === 'account') {
      const id = await askAccountId();
      if (!id) return undefined;
      accountId = id;
      continue;
    }
    return undefined;
  }
}
