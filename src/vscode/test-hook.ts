// What activate() returns: a small internal surface for the in-host tests (the queue, the log lines, the
// status-bar text, the error notifications shown, whether a key is stored). Behaviour is driven through the
// real commands; this only lets tests look inside. Not a public API.
import type * as vscode from 'vscode';
import type { UploadQueue } from '../upload/queue';
import { API_KEY_ID } from './config';
import { checkStrayKey, moveStrayKey } from './key-hygiene';
import { shownErrors } from './notify';
import type { PastedData } from './paste-drop';
import { uploadPasted } from './paste-run';
import { mediaView, type MediaView } from './media-view';
import type { Services } from './services';
import { walkthroughContext } from './walkthrough';
import type { UploadResult } from './upload-flow';

export interface WixMediaInternalApi {
  readonly queue: UploadQueue;
  /** Where VS Code keeps this extension's global state (the user settings are two levels up). */
  readonly globalStorageUri: vscode.Uri;
  /** The log lines written so far (already redacted). */
  logLines(): readonly string[];
  statusBarText(): string;
  /** The texts of the error notifications shown so far, oldest first, exactly as shown. */
  errorNotifications(): readonly string[];
  /** Whether SecretStorage holds a key (never the key itself). */
  keyStored(): Promise<boolean>;
  /** Runs the settings.json key check again, without the prompt. */
  checkStrayKey(): Promise<{ found: number; moved: boolean }>;
  /** What an applied paste/drop edit hands to the core (its placeholder is in the document). */
  uploadPasted(data: PastedData): Promise<UploadResult | undefined>;
  /** What the prompt's "Move to Secret Storage" does. */
  moveStrayKey(): Promise<boolean>;
  /** The walkthrough's context keys as this extension last set them. */
  walkthroughContext(): Readonly<Record<string, boolean>>;
  /** The Wix Media view's tree (the same provider the view shows). */
  readonly mediaView: MediaView;
}

export function internalApi(s: Services): WixMediaInternalApi {
  return {
    queue: s.session.queue,
    globalStorageUri: s.context.globalStorageUri,
    logLines: () => [...s.log.recent],
    statusBarText: () => s.status.text,
    errorNotifications: () => shownErrors(),
    keyStored: async () => !!(await s.context.secrets.get(API_KEY_ID)),
    checkStrayKey: () => checkStrayKey(s, { prompt: false }),
    moveStrayKey: () => moveStrayKey(s),
    walkthroughContext,
    uploadPasted: data => uploadPasted(s, data),
    mediaView: mediaView(s),
  };
}
