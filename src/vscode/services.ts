// What the commands share: the log, the key store, the session (client + queue), recents, the status bar.
import * as vscode from 'vscode';
import type { UploadItem } from '../upload/types';
import { formatReference } from '../upload/reference';
import { readConfig } from './config';
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
  /** The reference for an item: the one made when it finished, else one for the active editor's language. */
  referenceFor(item: UploadItem): string | undefined;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const version = String(context.extension.packageJSON?.version ?? '0.0.0');
  const log = new ExtensionLog();
  const keys = new KeyStore(context.secrets);
  const session = new MediaSession(keys, log, `wix-media-vscode/${version} vscode/${vscode.version}`);
  const status = new UploadStatusBar(session.queue);
  const references = new Map<number, string>();
  context.subscriptions.push(log, keys, session, status);
  installReuse({ context, log, session } as Services);
  return {
    context, log, keys, session, status, references,
    recents: new Recents(context.globalState),
    referenceFor(item) {
      const known = references.get(item.id);
      if (known !== undefined || item.state !== 'done' || !item.descriptor) return known;
      const cfg = readConfig();
      return formatReference(item.descriptor, {
        languageId: vscode.window.activeTextEditor?.document.languageId ?? 'plaintext',
        style: cfg.referenceStyle, name: item.source.name, templates: cfg.templates,
      });
    },
  };
}
