// Notifications for a batch: a cancellable progress notification once it has run for about a second, and one
// error notification naming each failed file and its cause, with "Show Log" and "Retry failed".
import * as vscode from 'vscode';
import { isTerminal, type UploadQueue } from '../upload/queue';
import { throttle } from '../upload/throttle';
import type { UploadItem } from '../upload/types';

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
/** Causes spelled out in the notification; the rest are in the log. */
const MAX_CAUSES = 3;

/** Shows a cancellable progress notification if the items are still running after about a second. */
export function progressAfterDelay(
  queue: UploadQueue, items: readonly UploadItem[], done: Promise<unknown>, onCancel: () => void,
): vscode.Disposable {
  let finished = false;
  void done.then(() => { finished = true; });
  const timer = setTimeout(() => {
    if (finished) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Wix Media', cancellable: true },
      (progress, token) => new Promise<void>(resolve => {
        token.onCancellationRequested(() => onCancel());
        const ids = new Set(items.map(i => i.id));
        let reported = 0;
        const report = throttle(() => {
          let sent = 0, total = 0, ended = 0;
          let current: UploadItem | undefined;
          for (const i of items) {
            if (isTerminal(i.state)) ended++;
            else if (!current && i.state !== 'queued') current = i;
            if (i.state === 'failed' || i.state === 'cancelled') continue;
            total += i.total;
            sent += i.state === 'done' || i.state === 'processing' ? i.total : i.bytesSent;
          }
          const pct = total > 0 ? Math.floor((sent / total) * 100) : 0;
          const step = Math.max(0, pct - reported);
          reported += step;
          const what = current ? ` · ${current.state === 'processing' ? 'processing' : 'uploading'} ${current.label}` : '';
          progress.report({ increment: step, message: `${ended}/${items.length} files${what}` });
        }, 200);
        report();
        const unsubscribe = queue.onDidChange(i => { if (ids.has(i.id)) report(); });
        void done.then(() => { unsubscribe(); report.cancel(); resolve(); });
      }),
    );
  }, PROGRESS_DELAY_MS);
  return new vscode.Disposable(() => clearTimeout(timer));
}

/** The error notification's text: how many failed, then each file with its cause. */
export function failureSummary(failed: readonly { label: string; message?: string }[], total: number): string {
  const head = failed.length === 1 && total === 1
    ? 'Wix Media: the upload failed.'
    : `Wix Media: ${failed.length} of ${total} uploads failed.`;
  const causes = failed.slice(0, MAX_CAUSES).map(f => f.message ?? `"${f.label}" failed.`);
  const more = failed.length > MAX_CAUSES ? ` …and ${failed.length - MAX_CAUSES} more (see the log).` : '';
  return `${head} ${causes.join(' ')}${more}`;
}

/** Shows the batch's error notification; `retry` runs when the user picks "Retry failed". */
export function reportFailures(
  failed: readonly UploadItem[], total: number, actions: { showLog(): void; retry?(): void },
): void {
  if (!failed.length) return;
  const buttons = actions.retry ? ['Show Log', 'Retry failed'] : ['Show Log'];
  void showError(failureSummary(failed, total), ...buttons).then(choice => {
    if (choice === 'Show Log') actions.showLog();
    else if (choice === 'Retry failed') actions.retry?.();
  });
}
