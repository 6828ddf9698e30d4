// Show Upload Queue and Show Log.
import { snapshot, showQueueView, type QueueSnapshotItem } from '../queue-view';
import type { Services } from '../services';
import { optionsOf } from './args';

export interface ShowQueueOptions {
  /** false: only return the items (for code and tests). */
  show?: boolean;
}

export function showQueue(s: Services, args: readonly unknown[]): { items: QueueSnapshotItem[] } {
  const options = optionsOf<ShowQueueOptions>(args);
  const deps = { queue: s.session.queue, log: s.log, referenceFor: s.referenceFor };
  if (options?.show !== false) void showQueueView(deps);
  return { items: snapshot(deps) };
}

export function showLog(s: Services): { lines: number } {
  s.log.show();
  return { lines: s.log.recent.length };
}
