// The handler of every command; each returns a result object that code and tests can check.
import * as vscode from 'vscode';
import { showError } from '../notify';
import type { Services } from '../services';
import type { CommandId } from '../command-ids';
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
  return {
    'wixMedia.upload': guard('wixMedia.upload', (...args) => upload(s, args)),
    // The palette's name for the upload (menus say "Upload to Wix Media"); with no files given it asks for them.
    'wixMedia.uploadFiles': guard('wixMedia.uploadFiles', (...args) => upload(s, args)),
    'wixMedia.uploadActiveFile': guard('wixMedia.uploadActiveFile', (...args) => uploadActiveFile(s, args)),
    'wixMedia.setApiKey': guard('wixMedia.setApiKey', (...args) => setApiKey(s, optionsOf<SetApiKeyOptions>(args))),
    'wixMedia.clearApiKey': guard('wixMedia.clearApiKey', () => clearApiKey(s)),
    'wixMedia.selectSite': guard('wixMedia.selectSite', (...args) => selectSite(s, optionsOf<SelectSiteOptions>(args))),
    'wixMedia.showQueue': guard('wixMedia.showQueue', (...args) => showQueue(s, args)),
    'wixMedia.showLog': guard('wixMedia.showLog', () => showLog(s)),
    'wixMedia.uploadSampleImage': guard('wixMedia.uploadSampleImage', () => uploadSampleImage(s)),
    'wixMedia.choosePasteDefault': guard('wixMedia.choosePasteDefault', (...args) => choosePasteDefault(args)),
    'wixMedia.uploadDocumentAssets': guard('wixMedia.uploadDocumentAssets', (...args) => uploadDocumentAssets(s, args)),
    'wixMedia.uploadAgain': guard('wixMedia.uploadAgain', (...args) => uploadAgain(s, args)),
    'wixMedia.copyAs': guard('wixMedia.copyAs', (...args) => copyAs(s, args)),
    'wixMedia.revealInView': guard('wixMedia.revealInView', (...args) => revealInView(s, args)),
    'wixMedia.view.search': guard('wixMedia.view.search', (...args) => searchView(s, args)),
    'wixMedia.view.refresh': guard('wixMedia.view.refresh', () => refreshView(s)),
    'wixMedia.view.loadMore': guard('wixMedia.view.loadMore', (...args) => loadMore(s, args)),
    'wixMedia.view.insert': guard('wixMedia.view.insert', (...args) => insertFile(s, args)),
    'wixMedia.view.openInBrowser': guard('wixMedia.view.openInBrowser', (...args) => openInBrowser(s, args)),
    'wixMedia.view.revealSource': guard('wixMedia.view.revealSource', (...args) => revealSource(s, args)),
    'wixMedia.view.trash': guard('wixMedia.view.trash', (...args) => trashFile(s, args)),
  };
}
