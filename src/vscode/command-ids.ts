// The command ids, apart from their handlers so the small activation bundle can register them. Each id is written
// here once; code names a command as COMMAND.x, and the handler table (commands/index.ts) is keyed by x.
export const COMMAND = {
  upload: 'wixMedia.upload',
  uploadFiles: 'wixMedia.uploadFiles',
  uploadActiveFile: 'wixMedia.uploadActiveFile',
  setApiKey: 'wixMedia.setApiKey',
  clearApiKey: 'wixMedia.clearApiKey',
  selectSite: 'wixMedia.selectSite',
  showQueue: 'wixMedia.showQueue',
  showLog: 'wixMedia.showLog',
  uploadSampleImage: 'wixMedia.uploadSampleImage',
  choosePasteDefault: 'wixMedia.choosePasteDefault',
  uploadDocumentAssets: 'wixMedia.uploadDocumentAssets',
  uploadAgain: 'wixMedia.uploadAgain',
  copyAs: 'wixMedia.copyAs',
  revealInView: 'wixMedia.revealInView',
  viewSearch: 'wixMedia.view.search',
  viewRefresh: 'wixMedia.view.refresh',
  viewLoadMore: 'wixMedia.view.loadMore',
  viewInsert: 'wixMedia.view.insert',
  viewOpenInBrowser: 'wixMedia.view.openInBrowser',
  viewRevealSource: 'wixMedia.view.revealSource',
  viewTrash: 'wixMedia.view.trash',
} as const;

export type CommandName = keyof typeof COMMAND;
export type CommandId = typeof COMMAND[CommandName];
export const COMMAND_NAMES = Object.keys(COMMAND) as CommandName[];
export const COMMANDS: readonly CommandId[] = COMMAND_NAMES.map(n => COMMAND[n]);
