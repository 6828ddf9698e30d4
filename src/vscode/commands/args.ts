// What a command was called with: menu arguments (uri, uris[]) or an options object from code and tests.
import * as vscode from 'vscode';

/** Inputs every upload command accepts; given them, the command asks nothing. */
export interface UploadOptionsArg {
  /** Files or folders: Uris, or paths (absolute, or relative to the first workspace folder). */
  files?: (vscode.Uri | string)[];
  /** Media Manager folder path such as /site/images; '/' for the root. */
  folder?: string;
  /** Labels: an array, or one comma-separated string. */
  labels?: string[] | string;
  private?: boolean;
  /** Where the references go: true/'editor' (default), 'clipboard', or false/'none'. */
  insert?: boolean | 'editor' | 'clipboard' | 'none';
  /** Upload even when the same bytes are already on the site (no content-hash reuse). */
  force?: boolean;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof vscode.Uri)
    && Object.getPrototypeOf(x) === Object.prototype;
}

function isUri(x: unknown): x is vscode.Uri {
  return x instanceof vscode.Uri;
}

export interface UploadCommandArgs {
  uris?: vscode.Uri[];
  options?: UploadOptionsArg;
}

/**
 * Explorer: (clicked, selected[]) — all of `selected`. Editor title menus: (uri, {groupId…}) — the uri.
 * Code and tests: (options).
 */
export function parseUploadArgs(args: readonly unknown[]): UploadCommandArgs {
  const [first, second] = args;
  if (isUri(first)) {
    const all = Array.isArray(second) && second.length && second.every(isUri) ? second as vscode.Uri[] : [first];
    return { uris: all };
  }
  if (Array.isArray(first) && first.length && first.every(isUri)) return { uris: first as vscode.Uri[] };
  if (isPlainObject(first)) return { options: first as UploadOptionsArg };
  return {};
}

/** The options object of a command that takes nothing else, if it was given one. */
export function optionsOf<T extends object>(args: readonly unknown[]): T | undefined {
  return isPlainObject(args[0]) ? args[0] as T : undefined;
}
