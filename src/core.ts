// The extension's body, bundled apart (dist/core.js) and loaded on the first command or applied paste/drop:
// activation itself only registers the commands and the paste/drop providers, so it stays cheap, and the HTTP client, tus and MIME tables load when first needed.
import * as vscode from 'vscode';
import type { CommandId } from './vscode/command-ids';
import { internalApi, type WixMediaInternalApi } from './vscode/test-hook';
import { commandHandlers } from './vscode/commands';
import { effectiveApiBaseUrl } from './vscode/config';
import { watchConfiguration } from './vscode/config-watch';
import { seedDemoKey } from './vscode/key-hygiene';
import type { PastedData } from './vscode/paste-drop';
import { registerMarkerFixes, uploadPasted } from './vscode/paste-run';
import type { RecentTextEditors } from './vscode/recent-editors';
import { provideWixHover } from './vscode/hover';
import { mediaView, type MediaView } from './vscode/media-view';
import { mediaData } from './vscode/media-view-data';
import { createServices } from './vscode/services';
import { watchWalkthroughContext } from './vscode/walkthrough';

export interface Core {
  run(id: CommandId, args: unknown[]): Promise<unknown>;
  /** A paste or drop edit was applied: upload it and swap its placeholder. */
  pasted(data: PastedData): Promise<unknown>;
  readonly api: WixMediaInternalApi;
  provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined>;
  readonly mediaView: MediaView;
}

export async function start(context: vscode.ExtensionContext, recentEditors: RecentTextEditors): Promise<Core> {
  const s = createServices(context, recentEditors);
  registerMarkerFixes(s);
  s.log.info(`Wix Media ${context.extension.packageJSON?.version ?? ''} on VS Code ${vscode.version}; API at ${effectiveApiBaseUrl()}.`);
  await seedDemoKey(s);
  context.subscriptions.push(...watchConfiguration(s), ...watchWalkthroughContext(s));
  const handlers = commandHandlers(s);
  return {
    run: (id, args) => handlers[id](...args), pasted: data => uploadPasted(s, data), api: internalApi(s),
    provideHover: (doc, pos, token) => provideWixHover(mediaData(s), doc, pos, token),
    mediaView: mediaView(s),
  };
}
