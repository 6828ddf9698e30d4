// The command ids, apart from their handlers so the small activation bundle can register them.
export const COMMANDS = [
  'wixMedia.upload', 'wixMedia.uploadFiles', 'wixMedia.uploadActiveFile', 'wixMedia.setApiKey', 'wixMedia.clearApiKey',
  'wixMedia.selectSite', 'wixMedia.showQueue', 'wixMedia.showLog',
  'wixMedia.uploadSampleImage', 'wixMedia.choosePasteDefault', 'wixMedia.uploadDocumentAssets',
  'wixMedia.uploadAgain', 'wixMedia.copyAs', 'wixMedia.revealInView',
  'wixMedia.view.search', 'wixMedia.view.refresh', 'wixMedia.view.loadMore', 'wixMedia.view.insert',
  'wixMedia.view.openInBrowser', 'wixMedia.view.revealSource', 'wixMedia.view.trash',
] as const;

export type CommandId = typeof COMMANDS[number];
