// Settings that need attention when they change: a key typed into settings.json, and a workspace-level
// wixAPI.baseURL (or its old name apiBaseUrl) that Restricted Mode makes us ignore (said once in the log, so the user knows why).
import * as vscode from 'vscode';
import { API_BASE_URL, API_KEY_ID, OLD_API_BASE_URL, SECTION, workspaceApiBaseUrl } from './config';
import { checkStrayKey } from './key-hygiene';
import type { Services } from './services';

function warnIgnoredBaseUrl(s: Services): void {
  const ws = workspaceApiBaseUrl();
  if (ws && !vscode.workspace.isTrusted) {
    s.log.warn(`Ignoring ${ws} from the workspace settings: the workspace is not trusted.`);
  }
}

export function watchConfiguration(s: Services): vscode.Disposable[] {
  warnIgnoredBaseUrl(s);
  void checkStrayKey(s);
  return [
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.log.info('The workspace is now trusted.')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(API_KEY_ID)) void checkStrayKey(s);
      if (e.affectsConfiguration(`${SECTION}.${API_BASE_URL}`) || e.affectsConfiguration(`${SECTION}.${OLD_API_BASE_URL}`)) warnIgnoredBaseUrl(s);
    }),
  ];
}
