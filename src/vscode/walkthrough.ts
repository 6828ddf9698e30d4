// The "Connect your Wix site" walkthrough's side in code: the context keys its steps complete on, and the two
// commands its step texts link to (upload the sample image; choose the paste/drop default). The steps themselves
// are in package.json (contributes.walkthroughs) and media/walkthrough/*.md.
import * as vscode from 'vscode';
import { COMMAND } from './command-ids';
import { SECTION } from './config';
import type { Services } from './services';

/** Context keys the walkthrough's completionEvents wait for (onContext:…). */
export const WALKTHROUGH_CONTEXT = {
  /** A key is in secret storage. */
  hasApiKey: 'wixMedia.hasApiKey',
  /** An upload finished in this window. */
  uploadedOnce: 'wixMedia.uploadedOnce',
} as const;

const contextSet = new Map<string, boolean>();

function setContext(key: string, value: boolean): Thenable<unknown> {
  contextSet.set(key, value);
  return vscode.commands.executeCommand('setContext', key, value);
}

/** The walkthrough context keys as last set (VS Code offers no way to read a context key back). */
export function walkthroughContext(): Readonly<Record<string, boolean>> {
  return Object.fromEntries(contextSet);
}

/** Keeps the context keys current; what it returns is disposed with the extension. */
export function watchWalkthroughContext(s: Services): vscode.Disposable[] {
  const refreshKey = async () => { await setContext(WALKTHROUGH_CONTEXT.hasApiKey, await s.keys.has()); };
  void refreshKey();
  let uploaded = false;
  const unsubscribe = s.session.queue.onDidChange(item => {
    if (uploaded || item.state !== 'done') return;
    uploaded = true;
    void setContext(WALKTHROUGH_CONTEXT.uploadedOnce, true);
  });
  return [s.keys.onDidChange(() => void refreshKey()), { dispose: unsubscribe }];
}

/** The image shipped for a first upload (media/walkthrough/sample.png). */
export function sampleImageUri(s: Services): vscode.Uri {
  return vscode.Uri.joinPath(s.context.extensionUri, 'media', 'walkthrough', 'sample.png');
}

/** Uploads the sample image as the Explorer would: the usual prompts, the reference where the cursor is. */
export function uploadSampleImage(s: Services): Thenable<unknown> {
  const uri = sampleImageUri(s);
  return vscode.commands.executeCommand(COMMAND.upload, uri, [uri]);
}

/** Whether pasted and dropped files upload by default (a user setting); the walkthrough links `true` and `false`. */
export async function choosePasteDefault(args: readonly unknown[]): Promise<{ preferUpload: boolean } | undefined> {
  let preferUpload = typeof args[0] === 'boolean' ? args[0] : undefined;
  if (preferUpload === undefined) {
    const upload = vscode.l10n.t('Upload to Wix Media');
    const builtIn = vscode.l10n.t("VS Code's built-in action");
    const picked = await vscode.window.showQuickPick([upload, builtIn], {
      title: vscode.l10n.t('When you paste or drop an image into an editor, do by default:'),
    });
    if (picked === undefined) return undefined;
    preferUpload = picked === upload;
  }
  await vscode.workspace.getConfiguration(SECTION).update('dropAndPaste.preferUpload', preferUpload, vscode.ConfigurationTarget.Global);
  return { preferUpload };
}
