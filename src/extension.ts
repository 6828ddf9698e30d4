// Wix Media for VS Code: wires the services and registers the commands and the paste/drop provider.
import * as vscode from 'vscode';
import { internalApi, type WixMediaInternalApi } from './vscode/api';
import { registerCommands } from './vscode/commands';
import { effectiveApiBaseUrl } from './vscode/config';
import { watchConfiguration } from './vscode/config-watch';
import { seedDemoKey } from './vscode/key-hygiene';
import { registerPasteAndDrop } from './vscode/paste-drop';
import { createServices } from './vscode/services';

export async function activate(context: vscode.ExtensionContext): Promise<WixMediaInternalApi> {
  const s = createServices(context);
  registerCommands(s);
  registerPasteAndDrop(s);
  s.log.info(`Wix Media ${context.extension.packageJSON?.version ?? ''} on VS Code ${vscode.version}; API at ${effectiveApiBaseUrl()}.`);
  await seedDemoKey(s);
  context.subscriptions.push(...watchConfiguration(s));
  return internalApi(s);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
