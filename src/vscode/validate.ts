// Checks for what a person types into the prompts (folder path, labels), run on every keystroke.
// Pure: no vscode import at run time, so the same rules hold for options passed to the commands. The messages
// are said through `l10n` (the caller passes vscode.l10n; by default, English), and `npm run l10n` finds them.
import type * as vscode from 'vscode';

/** How the messages are said: `vscode.l10n` fits. */
export interface Say { t(message: string, ...args: Array<string | number>): string }
export const ENGLISH: Say = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m)) };
// Checked at compile time: the extension's l10n can be passed as a Say.
export type VscodeSays = typeof vscode.l10n extends Say ? true : never;

import { LIMITS } from '../wix/limits';

export const MAX_FOLDER_PATH = LIMITS.filePath;
export const MAX_LABELS = LIMITS.labels;
export const MAX_LABEL_LENGTH = LIMITS.label;

/** Code points, as Wix counts the limits. */
function length(s: string): number {
  return [...s].length;
}

/**
 * A Media Manager folder path as sent in `filePath`: leading slash, no trailing one, no empty segments.
 * '' and '/' mean the root (no filePath at all).
 */
export function normalizeFolderPath(input: string): string {
  const parts = input.trim().split('/').map(p => p.trim()).filter(p => p.length > 0);
  return parts.length ? '/' + parts.join('/') : '/';
}

/** Why a typed folder path can't be used, or undefined when it can. */
export function folderPathProblem(input: string, l10n: Say = ENGLISH): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(input)) return l10n.t('The folder path may not contain control characters.');
  if (/[\\]/.test(input)) return l10n.t('Use "/" to separate folders, not "\\".');
  const path = normalizeFolderPath(input);
  if (path.split('/').some(p => p === '.' || p === '..')) return l10n.t('The folder path may not contain "." or ".." segments.');
  const n = length(path);
  if (n > MAX_FOLDER_PATH) return l10n.t('The folder path is {0} characters long; Wix accepts at most {1}.', n, MAX_FOLDER_PATH);
  return undefined;
}

/** Comma-separated labels, trimmed, empty ones dropped, duplicates removed ignoring case (first one kept). */
export function parseLabels(input: string | readonly string[]): string[] {
  const raw = typeof input === 'string' ? input.split(',') : [...input];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of raw.map(s => String(s).trim()).filter(s => s.length > 0)) {
    const key = l.toLowerCase();
    if (!seen.has(key)) { seen.add(key); out.push(l); }
  }
  return out;
}

/** Why these labels can't be sent, or undefined when they can. */
export function labelsProblem(input: string | readonly string[], l10n: Say = ENGLISH): string | undefined {
  const labels = parseLabels(input);
  if (labels.length > MAX_LABELS) return l10n.t('{0} labels; Wix accepts at most {1}.', labels.length, MAX_LABELS);
  const long = labels.find(l => length(l) > MAX_LABEL_LENGTH);
  if (long) return l10n.t('The label "{0}…" is {1} characters long; Wix accepts at most {2}.', [...long].slice(0, 24).join(''), length(long), MAX_LABEL_LENGTH);
  return undefined;
}
