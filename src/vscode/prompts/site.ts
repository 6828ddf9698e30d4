// Picks the site: from the sites the key can list, or typed in.
import * as vscode from 'vscode';
import type { SiteSummary } from '../sites';

interface Item extends vscode.QuickPickItem { siteId?: string; typed?: boolean }

const SITE_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function siteIdProblem(v: string): string | undefined {
  const s = v.trim();
  if (!s) return vscode.l10n.t('Type the site ID.');
  if (!SITE_ID.test(s)) return vscode.l10n.t('A site ID is a GUID such as 1b2c3d4e-0000-4a4a-9b9b-123456789abc (the part after /dashboard/ in the dashboard URL).');
  return undefined;
}

export async function promptSite(current: string, loadSites: (() => Promise<SiteSummary[]>) | undefined): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Wix Media: site');
  qp.placeholder = loadSites ? vscode.l10n.t('Pick the site the files go to, or type its ID') : vscode.l10n.t('Type the site ID (the GUID after /dashboard/ in the site\'s dashboard URL)');
  qp.ignoreFocusOut = true;
  const typeItem: Item = { label: `$(edit) ${vscode.l10n.t('Type a site ID…')}`, typed: true, alwaysShow: true };
  qp.items = [typeItem];
  if (loadSites) {
    qp.busy = true;
    loadSites().then(sites => {
      qp.items = [...sites.map(s => ({
        label: `$(globe) ${s.displayName}`, description: s.id, detail: s.url, siteId: s.id,
        picked: s.id === current,
      })), typeItem];
    }, err => {
      qp.items = [{ label: `$(error) ${vscode.l10n.t('Could not list the sites')}`, detail: String((err as Error).message ?? err), alwaysShow: true }, typeItem];
    }).finally(() => { qp.busy = false; });
  }
  const picked = await new Promise<Item | undefined>(resolve => {
    let r: Item | undefined;
    qp.onDidAccept(() => { r = qp.selectedItems[0]; if (r && (r.siteId || r.typed)) qp.hide(); });
    qp.onDidHide(() => { qp.dispose(); resolve(r); });
    qp.show();
  });
  if (!picked) return undefined;
  if (picked.siteId) return picked.siteId;
  if (!picked.typed) return undefined;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Wix Media: site ID'), value: current, ignoreFocusOut: true,
    prompt: vscode.l10n.t('The GUID after /dashboard/ in the site\'s dashboard URL.'),
    validateInput: siteIdProblem,
  });
  return typed?.trim() || undefined;
}
