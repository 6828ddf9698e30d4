// What activate() returns: a small internal surface for the in-host tests (the queue, the log lines, the
// status-bar text). Behaviour is driven through the real commands; this only lets tests look inside.
import type { UploadQueue } from '../upload/queue';
import type { Services } from './services';
import { checkStrayKey } from './key-hygiene';

export interface WixMediaInternalApi {
  readonly queue: UploadQueue;
  /** The log lines written so far (already redacted). */
  logLines(): readonly string[];
  statusBarText(): string;
  /** Runs the settings.json key check again (without prompting). */
  checkStrayKey(): Promise<{ found: number; moved: boolean }>;
}

export function internalApi(s: Services): WixMediaInternalApi {
  return {
    queue: s.session.queue,
    logLines: () => [...s.log.recent],
    statusBarText: () => s.status.text,
    checkStrayKey: () => checkStrayKey(s, { prompt: false }),
  };
}
