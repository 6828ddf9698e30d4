// Wix Media for VS Code: registers the commands and the paste/drop providers; the rest (dist/core.js) loads on
// the first command or the first applied paste/drop edit.
import * as vscode from 'vscode';
import { COMMANDS } from './vscode/command-ids';
import { placeholderToMarker, registerPasteAndDrop, setPickWaitForTests } from './vscode/paste-drop';
import { RecentTextEditors } from './vscode/recent-editors';
import { wixRefAt } from './vscode/hover-match';
import { registerLazyMediaView } from './vscode/media-view-lazy';
import type { Core } from './core';
import type { WixMediaInternalApi } from './vscode/test-hook';

/** What activate() returns: the in-host tests' way in. Not a public API. */
export interface ActivationApi {
  core(): Promise<WixMediaInternalApi>;
  /** How long a paste/drop offer waits to be picked (undefined: the default), so a late pick can be tested. */
  setPickWait(ms: number | undefined): void;
  /** Makes an applied paste/drop edit find the core failing to load with this message (undefined: normal). */
  failCoreLoad(message: string | undefined): void;
  /** What the paste provider offers for this data transfer (its edit is then applied by the test, as VS Code does). */
  offerPaste(document: vscode.TextDocument, ranges: readonly vscode.Range[], dt: vscode.DataTransfer): Promise<{ text: string; title: string } | undefined>;
}

export function activate(context: vscode.ExtensionContext): ActivationApi {
  // Kept from the start: the text editor a person left for an image preview is where references go.
  const recentEditors = new RecentTextEditors();
  context.subscriptions.push(recentEditors);
  let core: Promise<Core> | undefined;
  let failLoad: string | undefined;
  const load = (): Promise<Core> => core ??= (async () => {
    // A separate bundle, kept external by esbuild.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, so activation stays cheap
    const mod = require('./core.js') as typeof import('./core');
    return mod.start(context, recentEditors);
  })().catch(e => { core = undefined; throw e; });
  for (const id of COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).run(id, args)));
  }
  // Paste and drop are offered from the first moment (activation on the languages they work in); the bytes
  // are read by the provider, and the core loads once an edit is applied.
  const offer = registerPasteAndDrop(context, data => {
    void (failLoad ? Promise.reject(new Error(failLoad)) : load()).then(c => c.pasted(data)).catch(async e => {
      // No core, no upload: the placeholder becomes a failure marker rather than stay "Uploading…".
      if (data.placeholder && data.marker) await placeholderToMarker(data.document, data.anchors, data.placeholder, data.marker).catch(() => false);
      void vscode.window.showErrorMessage(vscode.l10n.t('Wix Media: the upload could not start: {0}', String((e as Error)?.message ?? e)));
    });
  });
  // Hovers on Wix references in any document; the core loads (and Wix is asked) only when one is hovered.
  context.subscriptions.push(vscode.languages.registerHoverProvider({ pattern: '**' }, {
    provideHover: async (doc, pos, token) => {
      if (!wixRefAt(doc.lineAt(pos.line).text, pos.character)) return undefined;
      return (await load()).provideHover(doc, pos, token);
    },
  }));
  registerLazyMediaView(context, async () => (await load()).mediaView);
  return {
    core: async () => (await load()).api,
    setPickWait: setPickWaitForTests,
    failCoreLoad: message => { failLoad = message; },
    offerPaste: (document, ranges, dt) => offer('paste', document, ranges, dt, new vscode.CancellationTokenSource().token),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
