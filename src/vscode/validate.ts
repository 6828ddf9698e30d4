// Checks for what a person types into the prompts (folder path, labels), run on every keystroke.
// Pure: no vscode import, so the same rules hold for options passed to the commands.

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
export function folderPathProblem(input: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(input)) return 'The folder path may not contain control characters.';
  if (/[\\]/.test(input)) return 'Use "/" to separate folders, not "\\".';
  const path = normalizeFolderPath(input);
  if (path.split('/').some(p => p === '.' || p === '..')) return 'The folder path may not contain "." or ".." segments.';
  const n = length(path);
  if (n > MAX_FOLDER_PATH) return `The folder path is ${n} characters long; Wix accepts at most ${MAX_FOLDER_PATH}.`;
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
export function labelsProblem(input: string | readonly string[]): string | undefined {
  const labels = parseLabels(input);
  if (labels.length > MAX_LABELS) return `${labels.length} labels; Wix accepts at most ${MAX_LABELS}.`;
  const long = labels.find(l => length(l) > MAX_LABEL_LENGTH);
  if (long) return `The label "${[...long].slice(0, 24).join('')}…" is ${length(long)} characters long; Wix accepts at most ${MAX_LABEL_LENGTH}.`;
  return undefined;
}
