// Show Upload Queue and Show Log.
import * as vscode from 'vscode';
import type { UploadItem } from '../../upload/types';
import { pinAction } from '../action-pin';
import { readConfig, referenceFormat } from '../config';
import { snapshot, showQueueView, type QueueSnapshotItem } from '../queue-view';
import type { Services } from '../services';
import { optionsOf } from './args';

export interface ShowQueueOptions {
  /** false: only return the items (for code and tests). */
  show?: boolean;
}

export function showQueue(s: Services, args: readonly unknown[]): { items: QueueSnapshotItem[] } {
  const options = optionsOf<ShowQueueOptions>(args);
  // The queue's references are for the editor in front when it was opened, with the templates of that moment.
  const format = referenceFormat(vscode.window.activeTextEditor?.document.languageId ?? 'plaintext', readConfig().templates);
  const deps = {
    queue: s.session.queue, log: s.log, referenceFor: (i: UploadItem) => s.referenceFor(i, format),
    pin: () => pinAction(s),
  };
  if (options?.show !== false) void showQueueView(deps);
  return { items: snapshot(deps) };
}

export function showLog(s: Services): { lines: number } {
  s.log.show();
  return { lines: s.log.recent.length };
}
