// Notifications for a batch: a cancellable progress notification once it has run for about a second, and one
// error notification with the buttons that fix the failures (Set API Key, Select Site, Open Settings), "Retry
// failed" only when a retry can help, and a per-file list of the failures.
import * as vscode from 'vscode';
import { isTerminal, type UploadQueue } from '../upload/queue';
import { throttle } from '../upload/throttle';
import { byteProgress, percentOf, type UploadItem } from '../upload/types';
import { isTransient, REMEDIES, remedyFor, type Remedy } from '../wix/messages';
import { batchPhaseText } from './phase';
import { describeForUser, VSCODE_REMEDIES } from './remedies';

const PROGRESS_DELAY_MS = 1000;
/** How many shown error texts are kept for the in-host tests. */
const RECENT_ERRORS = 50;

// INTERNAL, for the in-host tests only (read through the internal API's `errorNotifications()`): the text of the
// last error notifications this extension showed, exactly as shown (not redacted here, so a test can catch a leak).
const recentErrors: string[] = [];

/** Shows an error notification and records its text for the in-host tests. Every error notification goes through here. */
export function showError(text: string, ...buttons: string[]): Thenable<string | undefined> {
  recentErrors.push(text);
  if (recentErrors.length > RECENT_ERRORS) recentErrors.splice(0, recentErrors.length - RECENT_ERRORS);
  return vscode.window.showErrorMessage(text, ...buttons);
}

/** INTERNAL, for the in-host tests: the error notification texts shown so far, oldest first. */
export function shownErrors(): readonly string[] {
  return [...recentErrors];
}
/** Shows a cancellable progress notification if the items are still running after about a second. */
export function progressAfterDelay(
  queue: UploadQueue, items: readonly UploadItem[], done: Promise<unknown>, onCancel: () => void,
): vscode.Disposable {
  let finished = false;
  void done.then(() => { finished = true; });
  const timer = setTimeout(() => {
    if (finished) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Wix Media'), cancellable: true },
      (progress, token) => new Promise<void>(resolve => {
        token.onCancellationRequested(() => onCancel());
        const ids = new Set(items.map(i => i.id));
        let reported = 0;
        const report = throttle(() => {
          let ended = 0;
          let current: UploadItem | undefined;
          for (const i of items) {
            if (isTerminal(i.state)) ended++;
            else if (!current && i.state !== 'queued') current = i;
          }
          const { sent, total } = byteProgress(items);
          const pct = percentOf(sent, total);
          const step = Math.max(0, pct - reported);
          reported += step;
          const stalled = batchPhaseText(items);
          const count = vscode.l10n.t('{0}/{1} files', ended, items.length);
          const what = stalled ?? (current && (current.state === 'processing'
            ? vscode.l10n.t('processing {0}', current.label) : vscode.l10n.t('uploading {0}', current.label)));
          progress.report({ increment: step, message: what ? `${count} · ${what}` : count });
        }, 200);
        report();
        const unsubscribe = queue.onDidChange(i => { if (ids.has(i.id)) report(); });
        void done.then(() => { unsubscribe(); report.cancel(); resolve(); });
      }),
    );
  }, PROGRESS_DELAY_MS);
  return new vscode.Disposable(() => clearTimeout(timer));
}

/** A failed file as the notification sees it. */
export interface FailedFile { label: string; message?: string; error?: Error }

/** Its cause in the extension's words, with the command or setting that fixes it when there is one. */
function causeOf(f: FailedFile): string {
  return describeForUser(f.error, f.label, f.message ?? `"${f.label}" failed.`);
}

/**
 * The error notification's text. One failure: its cause. Several: how many uploaded and failed, and how many of
 * the failures a retry can fix; each file and its cause are in the list "Show Failures" opens.
 */
export function failureSummary(failed: readonly FailedFile[], total: number, uploaded = total - failed.length): string {
  if (failed.length === 1 && total === 1) return vscode.l10n.t('Wix Media: the upload failed. {0}', causeOf(failed[0]));
  if (failed.length === 1) return vscode.l10n.t('Wix Media: {0} uploaded, {1} failed. {2}', uploaded, failed.length, causeOf(failed[0]));
  const transient = failed.filter(f => isTransient(f.error)).length;
  const permanent = failed.length - transient;
  const parts = [
    ...(transient ? [vscode.l10n.t('{0} can be retried', transient)] : []),
    ...(permanent ? [vscode.l10n.t('{0} will fail again as they are', permanent)] : []),
  ];
  return vscode.l10n.t('Wix Media: {0} uploaded, {1} failed. {2}. Show Failures lists each file and its cause.',
    uploaded, failed.length, parts.join('; '));
}

/** The remedies the failures share a button for, in a fixed order (key first: it fails everything). */
function remediesOf(failed: readonly FailedFile[]): Remedy[] {
  const found = new Set(failed.map(f => remedyFor(f.error)).filter((r): r is Remedy => !!r));
  return REMEDIES.filter(r => found.has(r));
}

/** A scannable list of the failed files: each with its cause and whether a retry can fix it. */
export function showFailures(failed: readonly FailedFile[], actions: { showLog(): void }): Thenable<void> {
  const items = failed.map(f => ({
    label: `$(error) ${f.label}`,
    description: isTransient(f.error) ? vscode.l10n.t('can be retried') : vscode.l10n.t('will fail again as it is'),
    detail: causeOf(f),
  }));
  return vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Wix Media: {0} failed uploads', failed.length),
    placeHolder: vscode.l10n.t('Each failed file and its cause; pick one to see the log'),
    matchOnDescription: true,
    matchOnDetail: true,
  }).then(picked => { if (picked) actions.showLog(); });
}

/**
 * Shows the batch's error notification. "Retry failed" (when `retry` is given) is offered only when some failure
 * is transient; a refused key, a wrong site and a file over the size limit get the button that fixes them.
 */
export function reportFailures(
  failed: readonly UploadItem[], total: number, actions: { showLog(): void; retry?(): void; uploaded?: number },
): void {
  if (!failed.length) return;
  const retryLabel = vscode.l10n.t('Retry failed');
  const listLabel = vscode.l10n.t('Show Failures');
  const logLabel = vscode.l10n.t('Show Log');
  const remedies = remediesOf(failed).map(r => ({ label: VSCODE_REMEDIES[r].button(), run: VSCODE_REMEDIES[r].run }));
  const canRetry = !!actions.retry && failed.some(f => isTransient(f.error));
  const buttons = [
    ...remedies.map(r => r.label),
    ...(canRetry ? [retryLabel] : []),
    ...(failed.length > 1 ? [listLabel] : []),
    logLabel,
  ];
  void showError(failureSummary(failed, total, actions.uploaded), ...buttons).then(choice => {
    if (choice === logLabel) actions.showLog();
    else if (choice === retryLabel) actions.retry?.();
    else if (choice === listLabel) void showFailures(failed, actions);
    else remedies.find(r => r.label === choice)?.run();
  });
}
