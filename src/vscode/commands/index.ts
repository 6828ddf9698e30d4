// The handler of every command; each returns a result object that code and tests can check.
import * as vscode from 'vscode';
import { showError } from '../notify';
import type { Services } from '../services';
import { COMMAND, COMMAND_NAMES, type CommandId, type CommandName } from '../command-ids';
import { optionsOf } from './args';
import { uploadDocumentAssets } from './assets';
import { clearApiKey, setApiKey, type SetApiKeyOptions } from './key';
import { showLog, showQueue } from './queue';
import { selectSite, type SelectSiteOptions } from './site';
import { copyAs, insertFile, loadMore, openInBrowser, refreshView, revealSource, searchView, trashFile } from '../media-view-commands';
import { revealInView } from '../media-view';
import { uploadAgain } from './reuse';
import { upload, uploadActiveFile } from './upload';
import { choosePasteDefault, uploadSampleImage } from '../walkthrough';

export type CommandHandlers = Record<CommandId, (...args: unknown[]) => Promise<unknown>>;

export function commandHandlers(s: Services): CommandHandlers {
  const guard = (id: CommandId, fn: (...args: unknown[]) => unknown) => async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      // A bug, not a bad file: say so, and keep the details in the log.
      s.log.error(`${id} failed: ${(e as Error)?.stack ?? String(e)}`);
      void showError(vscode.l10n.t('Wix Media: {0}', (e as Error)?.message ?? String(e)), vscode.l10n.t('Show Log')).then(c => { if (c) s.log.show(); });
      throw e;
    }
  };
  const table: Record<CommandName, (...args: unknown[]) => unknown> = {
    upload: (...args) => upload(s, args),
    // The palette's name for the upload (menus say "Upload to Wix Media"); with no files given it asks for them.
    uploadFiles: (...args) => upload(s, args),
    uploadActiveFile: (...args) => uploadActiveFile(s, args),
    setApiKey: (...args) => setApiKey(s, optionsOf<SetApiKeyOptions>(args)),
    clearApiKey: () => clearApiKey(s),
    selectSite: (...args) => selectSite(s, optionsOf<SelectSiteOptions>(args)),
    showQueue: (...args) => showQueue(s, args),
    showLog: () => showLog(s),
    uploadSampleImage: () => uploadSampleImage(s),
    choosePasteDefault: (...args) => choosePasteDefault(args),
    uploadDocumentAssets: (...args) => uploadDocumentAssets(s, args),
    uploadAgain: (...args) => uploadAgain(s, args),
    copyAs: (...args) => copyAs(s, args),
    revealInView: (...args) => revealInView(s, args),
    viewSearch: (...args) => searchView(s, args),
    viewRefresh: () => refreshView(s),
    viewLoadMore: (...args) => loadMore(s, args),
    viewInsert: (...args) => insertFile(s, args),
    viewOpenInBrowser: (...args) => openInBrowser(s, args),
    viewRevealSource: (...args) => revealSource(s, args),
    viewTrash: (...args) => trashFile(s, args),
  };
  return Object.fromEntries(COMMAND_NAMES.map(n => [COMMAND[n], guard(COMMAND[n], table[n])])) as CommandHandlers;
}
