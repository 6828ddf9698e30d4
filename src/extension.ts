// Wix Media for VS Code: registers the commands; the rest (dist/core.js) loads on the first one.
import * as vscode from 'vscode';
import { COMMANDS } from './vscode/command-ids';
import { wixRefAt } from './vscode/hover-match';
import { registerLazyMediaView } from './vscode/media-view-lazy';
import type { Core } from './core';
import type { WixMediaInternalApi } from './vscode/api';

/** What activate() returns: the in-host tests' way in. Not a public API. */
export interface ActivationApi {
  core(): Promise<WixMediaInternalApi>;
}

export function activate(context: vscode.ExtensionContext): ActivationApi {
  let core: Promise<Core> | undefined;
  const load = (): Promise<Core> => core ??= (async () => {
    // A separate bundle, kept external by esbuild.js.
    const mod = require('./core.js') as typeof import('./core');
    return mod.start(context);
  })().catch(e => { core = undefined; throw e; });
  for (const id of COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).run(id, args)));
  }
  // Hovers on Wix references in any document; the core loads (and Wix is asked) only when one is hovered.
  context.subscriptions.push(vscode.languages.registerHoverProvider({ pattern: '**' }, {
    provideHover: async (doc, pos, token) => {
      if (!wixRefAt(doc.lineAt(pos.line).text, pos.character)) return undefined;
      return (await load()).provideHover(doc, pos, token);
    },
  }));
  registerLazyMediaView(context, async () => (await load()).mediaView);
  return { core: async () => (await load()).api };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
