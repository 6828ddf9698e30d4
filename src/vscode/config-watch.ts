// Settings that need attention when they change: a key typed into settings.json, and a workspace-level
// apiBaseUrl that Restricted Mode makes us ignore (said once in the log, so the user knows why).
import * as vscode from 'vscode';
import { API_KEY_ID, workspaceApiBaseUrl } from './config';
import { checkStrayKey } from './key-hygiene';
import type { Services } from './services';

function warnIgnoredBaseUrl(s: Services): void {
  const ws = workspaceApiBaseUrl();
  if (ws && !vscode.workspace.isTrusted) {
    s.log.warn(`Ignoring wixMedia.apiBaseUrl from the workspace settings (${ws}): the workspace is not trusted.`);
  }
}

export function watchConfiguration(s: Services): vscode.Disposable[] {
  warnIgnoredBaseUrl(s);
  void checkStrayKey(s);
  return [
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.log.info('The workspace is now trusted.')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(API_KEY_ID)) void checkStrayKey(s);
      if (e.affectsConfiguration('wixMedia.apiBaseUrl')) warnIgnoredBaseUrl(s);
    }),
  ];
}
