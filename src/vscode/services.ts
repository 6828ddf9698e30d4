// What the commands share: the log, the key store, the session (client + queue), recents, the status bar.
import * as vscode from 'vscode';
import type { UploadItem } from '../upload/types';
import { formatReference } from '../upload/reference';
import type { ReferenceFormat } from './config';
import { FailureMarkers } from './markers';
import type { RecentTextEditors } from './recent-editors';
import { ExtensionLog } from './log';
import { Recents } from './recent';
import { KeyStore } from './secrets';
import { installReuse } from './reuse-setup';
import { MediaSession } from './session';
import { UploadStatusBar } from './status-bar';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: ExtensionLog;
  readonly keys: KeyStore;
  readonly session: MediaSession;
  readonly recents: Recents;
  readonly status: UploadStatusBar;
  /** The reference made for each uploaded item (by queue id), for "copy reference" and the results. */
  readonly references: Map<number, string>;
  /** Failed paste/drop uploads whose markers are in a document, with their bytes for the Quick Fix. */
  readonly markers: FailureMarkers;
  /** The text editors used last (kept since activation). */
  readonly recentEditors: RecentTextEditors;
  /** The reference inserted for an item, else one made in this format (a language, its style, the templates). */
  referenceFor(item: UploadItem, format: ReferenceFormat): string | undefined;
}

export function createServices(context: vscode.ExtensionContext, recentEditors: RecentTextEditors): Services {
  const version = String(context.extension.packageJSON?.version ?? '0.0.0');
  const log = new ExtensionLog();
  const keys = new KeyStore(context.secrets);
  const session = new MediaSession(keys, log, `wix-media-vscode/${version} vscode/${vscode.version}`);
  const status = new UploadStatusBar(session.queue);
  const references = new Map<number, string>();
  const markers = new FailureMarkers();
  context.subscriptions.push(log, keys, session, status, markers);
  installReuse({ context, log, session } as Services);
  return {
    context, log, keys, session, status, references, markers, recentEditors,
    recents: new Recents(context.globalState),
    referenceFor(item, format) {
      const known = references.get(item.id);
      if (known !== undefined || item.state !== 'done' || !item.descriptor) return known;
      return formatReference(item.descriptor, { ...format, name: item.source.name });
    },
  };
}
