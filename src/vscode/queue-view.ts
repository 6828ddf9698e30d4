// The upload queue as a quick pick: every item with its state, size and progress, and buttons to cancel,
// retry, copy the reference, or show it in the log. It updates live while it is open.
import * as vscode from 'vscode';
import { isTerminal, type UploadQueue } from '../upload/queue';
import { throttle } from '../upload/throttle';
import { percentOf, type ActionPin, type ItemState, type UploadItem } from '../upload/types';
import { formatBytes } from '../wix/validate';
import type { ExtensionLog } from './log';
import { phaseText } from './phase';
import { describeForUser } from './remedies';
import { isTransient } from '../wix/messages';

export interface QueueSnapshotItem {
  id: number;
  label: string;
  state: ItemState;
  bytesSent: number;
  total: number;
  url?: string;
  reference?: string;
  message?: string;
  phase?: UploadItem['phase'];
  attempt?: number;
  /** Done without an upload: the same bytes were already on the site. */
  reused?: boolean;
}

export interface QueueViewDeps {
  queue: UploadQueue;
  log: ExtensionLog;
  /** The reference inserted for an item, if any; else one is made for the active editor's language. */
  referenceFor(item: UploadItem): string | undefined;
  /** The connection and settings in force now: a retry is a new action and runs on them. */
  pin(): Promise<ActionPin>;
}

const ICONS: Record<ItemState, string> = {
  queued: '$(clock)', uploading: '$(cloud-upload)', processing: '$(sync~spin)', done: '$(check)', failed: '$(error)', cancelled: '$(circle-slash)',
};

// Built on first use (not at load), so that the tooltips come from the display language's bundle; built once, so
// that onDidTriggerItemButton can compare by identity.
let buttonsOnce: Record<'cancel' | 'retry' | 'copy' | 'log', vscode.QuickInputButton> | undefined;
const itemButtons = () => (buttonsOnce ??= {
  cancel: { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Cancel this upload') },
  retry: { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Retry this upload') },
  copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy the reference') },
  log: { iconPath: new vscode.ThemeIcon('output'), tooltip: vscode.l10n.t('Show in the log') },
});

interface QueuePickItem extends vscode.QuickPickItem { id: number }

export function snapshot(deps: QueueViewDeps): QueueSnapshotItem[] {
  return [...deps.queue.items].reverse().map(i => ({
    id: i.id, label: i.label, state: i.state, bytesSent: i.bytesSent, total: i.total,
    url: i.descriptor?.url, reference: i.state === 'done' ? deps.referenceFor(i) : undefined, message: i.message,
    phase: i.phase, attempt: i.attempt,
    reused: i.reused === true,
  }));
}

function stateText(state: ItemState): string {
  switch (state) {
    case 'queued': return vscode.l10n.t('queued');
    case 'uploading': return vscode.l10n.t('uploading');
    case 'processing': return vscode.l10n.t('processing');
    case 'done': return vscode.l10n.t('done');
    case 'failed': return vscode.l10n.t('failed');
    case 'cancelled': return vscode.l10n.t('cancelled');
  }
}

function describe(i: UploadItem): string {
  const parts: string[] = [i.state === 'done' && i.reused ? vscode.l10n.t('reused') : stateText(i.state)];
  if (i.total > 0) parts.push(formatBytes(i.total));
  const phase = phaseText(i);
  // A retry that has not moved a byte yet replaces the percentage; a wait for Wix's answer follows it.
  if (i.state === 'uploading' && i.total > 0 && i.phase !== 'retrying') parts.push(`${percentOf(i.bytesSent, i.total)}%`);
  if (phase) parts.push(phase);
  if (i.state === 'failed') parts.push(isTransient(i.error) ? vscode.l10n.t('can be retried') : vscode.l10n.t('will fail again as it is'));
  if (i.attempts > 1) parts.push(vscode.l10n.t('attempt {0}', i.attempts));
  return parts.join(' · ');
}

function toPick(i: UploadItem, deps: QueueViewDeps): QueuePickItem {
  const buttons: vscode.QuickInputButton[] = [];
  if (!isTerminal(i.state)) buttons.push(itemButtons().cancel);
  // Retrying an empty, unsupported or corrupt file only stores another broken copy: no button for those.
  if (deps.queue.canRetry(i.id) && (i.state === 'cancelled' || isTransient(i.error))) buttons.push(itemButtons().retry);
  if (i.state === 'done') buttons.push(itemButtons().copy);
  buttons.push(itemButtons().log);
  return {
    id: i.id,
    label: `${ICONS[i.state]} ${i.label}`,
    description: describe(i),
    detail: i.state === 'done' ? (i.readyTimedOut ? vscode.l10n.t('{0} (still processing)', i.descriptor?.url ?? '') : i.descriptor?.url)
      : i.state === 'failed' ? describeForUser(i.error, i.label, i.message) : i.message,
    buttons,
  };
}

function logItem(i: UploadItem, deps: QueueViewDeps): void {
  const what = i.state === 'done' ? `uploaded as ${i.descriptor?.id} (${i.descriptor?.url})` : i.message ?? i.state;
  deps.log.info(`Queue item #${i.id} ${i.label}: ${describe(i)}; ${what}`);
  deps.log.show();
}

async function copyReference(i: UploadItem, deps: QueueViewDeps): Promise<void> {
  const ref = deps.referenceFor(i);
  if (!ref) return;
  await vscode.env.clipboard.writeText(ref);
  void vscode.window.showInformationMessage(vscode.l10n.t('Wix Media: copied the reference to {0}.', i.label));
}

/** Opens the queue; resolves when it is closed. */
export function showQueueView(deps: QueueViewDeps): Promise<void> {
  const qp = vscode.window.createQuickPick<QueuePickItem>();
  qp.title = vscode.l10n.t('Wix Media: Upload Queue');
  qp.placeholder = deps.queue.items.length ? vscode.l10n.t('Uploads of this window (newest first)') : vscode.l10n.t('No uploads yet in this window');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const refresh = () => {
    const active = qp.activeItems[0]?.id;
    qp.items = [...deps.queue.items].reverse().map(i => toPick(i, deps));
    const again = qp.items.find(p => p.id === active);
    if (again) qp.activeItems = [again];
  };
  const repaint = throttle(refresh, 200);
  refresh();
  const unsubscribe = deps.queue.onDidChange(() => repaint());
  qp.onDidTriggerItemButton(async e => {
    const item = deps.queue.get(e.item.id);
    if (!item) return;
    if (e.button === itemButtons().cancel) deps.queue.cancel(item.id);
    else if (e.button === itemButtons().retry && deps.queue.canRetry(item.id)) deps.queue.retry(item.id, await deps.pin());
    else if (e.button === itemButtons().copy) await copyReference(item, deps);
    else if (e.button === itemButtons().log) logItem(item, deps);
    refresh();
  });
  qp.onDidAccept(async () => {
    const picked = qp.selectedItems[0];
    const item = picked && deps.queue.get(picked.id);
    if (!item) return;
    if (item.state === 'done') { await copyReference(item, deps); qp.hide(); } else logItem(item, deps);
  });
  return new Promise(resolve => {
    qp.onDidHide(() => { unsubscribe(); repaint.cancel(); qp.dispose(); resolve(); });
    qp.show();
  });
}
