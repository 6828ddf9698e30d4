// Registers every command of the extension; each returns a result object that code and tests can check.
import * as vscode from 'vscode';
import { showError } from '../notify';
import type { Services } from '../services';
import { optionsOf } from './args';
import { clearApiKey, setApiKey, type SetApiKeyOptions } from './key';
import { showLog, showQueue } from './queue';
import { selectSite, type SelectSiteOptions } from './site';
import { upload, uploadActiveFile } from './upload';

export const COMMANDS = [
  'wixMedia.upload', 'wixMedia.uploadActiveFile', 'wixMedia.setApiKey', 'wixMedia.clearApiKey',
  'wixMedia.selectSite', 'wixMedia.showQueue', 'wixMedia.showLog',
] as const;

export function registerCommands(s: Services): void {
  const reg = (id: typeof COMMANDS[number], fn: (...args: unknown[]) => unknown) =>
    s.context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        // A bug, not a bad file: say so, and keep the details in the log.
        s.log.error(`${id} failed: ${(e as Error)?.stack ?? String(e)}`);
        void showError(`Wix Media: ${(e as Error)?.message ?? String(e)}`, 'Show Log').then(c => { if (c) s.log.show(); });
        throw e;
      }
    }));
  reg('wixMedia.upload', (...args) => upload(s, args));
  reg('wixMedia.uploadActiveFile', (...args) => uploadActiveFile(s, args));
  reg('wixMedia.setApiKey', (...args) => setApiKey(s, optionsOf<SetApiKeyOptions>(args)));
  reg('wixMedia.clearApiKey', () => clearApiKey(s));
  reg('wixMedia.selectSite', (...args) => selectSite(s, optionsOf<SelectSiteOptions>(args)));
  reg('wixMedia.showQueue', (...args) => showQueue(s, args));
  reg('wixMedia.showLog', () => showLog(s));
}
