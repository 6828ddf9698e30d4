// The asset finder and rewrite planner (no vscode import): used by `wix-media rewrite` and the VS Code command.
export * from './types';
export { findAssetReferences, syntaxOf, type DocumentSyntax, type FindOptions } from './find';
export { planAssets, planCounts, type AssetPlan, type MissingAsset, type MissingWhy, type PlannedAsset } from './plan';
export { applyEdits, replacementFor, rewriteEdits, targetFor, type AssetStyle, type TextEdit } from './rewrite';
export { isMediaPath } from './target';
