// The command ids, apart from their handlers so the small activation bundle can register them.
export const COMMANDS = [
  'wixMedia.upload', 'wixMedia.uploadFiles', 'wixMedia.uploadActiveFile', 'wixMedia.setApiKey', 'wixMedia.clearApiKey',
  'wixMedia.selectSite', 'wixMedia.showQueue', 'wixMedia.showLog',
  'wixMedia.uploadSampleImage', 'wixMedia.choosePasteDefault', 'wixMedia.uploadDocumentAssets',
] as const;

export type CommandId = typeof COMMANDS[number];
