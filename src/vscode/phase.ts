// How a running upload's phase reads, for the status bar, the queue and the progress notification.
import * as vscode from 'vscode';
import type { UploadItem } from '../upload/types';

/** 'waiting for Wix', 'stalled, retrying (attempt 2)', or undefined when bytes are simply flowing. */
export function phaseText(i: Pick<UploadItem, 'state' | 'phase' | 'attempt'>): string | undefined {
  if (i.state !== 'uploading' || !i.phase) return undefined;
  const attempt = i.attempt ?? 1;
  if (i.phase === 'retrying') return vscode.l10n.t('stalled, retrying (attempt {0})', attempt);
  return attempt > 1 ? vscode.l10n.t('waiting for Wix (attempt {0})', attempt) : vscode.l10n.t('waiting for Wix');
}

/** The phase that best describes a batch: a retry over a wait; a wait only when every running upload waits. */
export function batchPhaseText(items: readonly UploadItem[]): string | undefined {
  const running = items.filter(i => i.state === 'uploading');
  const retrying = running.find(i => i.phase === 'retrying');
  if (retrying) return phaseText(retrying);
  if (running.length && running.every(i => i.phase === 'waiting-for-wix')) return phaseText(running[0]);
  return undefined;
}

/** "43%", or "99% · waiting for Wix", or "stalled, retrying (attempt 2)" (no percentage: the bytes start over). */
export function withPhase(percent: string, items: readonly UploadItem[], phase = batchPhaseText(items)): string {
  if (!phase) return percent;
  return items.some(i => i.state === 'uploading' && i.phase === 'retrying') ? phase : `${percent} · ${phase}`;
}
