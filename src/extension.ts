// Wix Media for VS Code: wires the services and registers the commands and the paste/drop provider.
import * as vscode from 'vscode';
import { internalApi, type WixMediaInternalApi } from './vscode/api';
import { registerCommands } from './vscode/commands';
import { effectiveApiBaseUrl, workspaceApiBaseUrl } from './vscode/config';
import { checkStrayKey, seedDemoKey } from './vscode/key-hygiene';
import { registerPasteAndDrop } from './vscode/paste-drop';
import { createServices } from './vscode/services';

export async function activate(context: vscode.ExtensionContext): Promise<WixMediaInternalApi> {
  const s = createServices(context);
  registerCommands(s);
  registerPasteAndDrop(s);
  s.log.info(`Wix Media ${context.extension.packageJSON?.version ?? ''} on VS Code ${vscode.version}; API at ${effectiveApiBaseUrl()}.`);
  const warnIgnoredBaseUrl = () => {
    const ws = workspaceApiBaseUrl();
    if (ws && !vscode.workspace.isTrusted) s.log.warn(`Ignoring wixMedia.apiBaseUrl from the workspace settings (${ws}): the workspace is not trusted.`);
  };
  warnIgnoredBaseUrl();
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.log.info('The workspace is now trusted.')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('wixMedia.apiKey')) void checkStrayKey(s);
      if (e.affectsConfiguration('wixMedia.apiBaseUrl')) warnIgnoredBaseUrl();
    }),
  );
  await seedDemoKey(s);
  void checkStrayKey(s);
  return internalApi(s);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
