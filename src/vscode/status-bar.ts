// The status-bar item: live progress of the uploads in flight, then a short-lived summary. Click: the queue.
import * as vscode from 'vscode';
import { COMMAND } from './command-ids';
import { isTerminal, type UploadQueue } from '../upload/queue';
import { throttle } from '../upload/throttle';
import { byteProgress, percentOf, type UploadItem } from '../upload/types';
import { batchPhaseText, withPhase } from './phase';

const REPAINT_MS = 200;
const SUMMARY_MS = 8000;

export class UploadStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /** The items of the current run: everything started since the bar was last idle. */
  private run = new Map<number, UploadItem>();
  private hideTimer?: NodeJS.Timeout;
  private readonly repaint = throttle(() => this.paint(), REPAINT_MS);
  private readonly unsubscribe: () => void;

  constructor(queue: UploadQueue) {
    this.item = vscode.window.createStatusBarItem('wixMedia.uploads', vscode.StatusBarAlignment.Left, 100);
    this.item.name = vscode.l10n.t('Wix Media Uploads');
    this.item.command = COMMAND.showQueue;
    this.unsubscribe = queue.onDidChange(i => this.onChange(i));
  }

  get text(): string {
    return this.item.text;
  }

  private onChange(item: UploadItem): void {
    // A change to an item outside a finished run starts a new run (the old summary goes away).
    if (!this.run.has(item.id) && this.run.size && this.allTerminal()) this.run.clear();
    this.run.set(item.id, item);
    if (!this.allTerminal()) {
      clearTimeout(this.hideTimer);
      this.hideTimer = undefined;
      this.repaint();
    } else {
      // The end of a run is painted at once (no 200 ms lag on the summary).
      this.repaint.cancel();
      this.paint();
    }
  }

  private allTerminal(): boolean {
    for (const i of this.run.values()) if (!isTerminal(i.state)) return false;
    return true;
  }

  private paint(): void {
    const items = [...this.run.values()];
    if (!items.length) { this.item.hide(); return; }
    const finished = items.filter(i => isTerminal(i.state)).length;
    const failed = items.filter(i => i.state === 'failed').length;
    const done = items.filter(i => i.state === 'done').length;
    const cancelled = items.filter(i => i.state === 'cancelled').length;
    if (finished < items.length) {
      const { sent, total } = byteProgress(items);
      const pct = percentOf(sent, total);
      // A stalled upload says so instead of sitting at 99%.
      const phase = batchPhaseText(items);
      this.item.text = `$(cloud-upload) ${vscode.l10n.t('Wix {0}/{1} · {2}', finished, items.length, withPhase(`${pct}%`, items, phase))}`;
      this.item.tooltip = failed
        ? vscode.l10n.t('Wix Media: {0} of {1} uploads finished, {2} failed. Click to show the queue.', finished, items.length, failed)
        : vscode.l10n.t('Wix Media: {0} of {1} uploads finished. Click to show the queue.', finished, items.length);
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    if (failed) {
      this.item.text = `$(error) ${vscode.l10n.t('{0} uploaded, {1} failed', done, failed)}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (done) {
      this.item.text = `$(check) ${vscode.l10n.t('{0} uploaded', done)}`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = `$(circle-slash) ${vscode.l10n.t('{0} cancelled', cancelled)}`;
      this.item.backgroundColor = undefined;
    }
    this.item.tooltip = vscode.l10n.t('Wix Media: {0} uploaded, {1} failed, {2} cancelled. Click to show the queue.', done, failed, cancelled);
    this.item.show();
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => { this.item.hide(); this.run.clear(); }, SUMMARY_MS);
  }

  dispose(): void {
    this.unsubscribe();
    this.repaint.cancel();
    clearTimeout(this.hideTimer);
    this.item.dispose();
  }
}
