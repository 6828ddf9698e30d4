// One self-rewriting progress line on a terminal's stderr. Other stderr lines go through `print`, which clears the
// line first so nothing is garbled.
import { throttle } from '../upload/throttle';
import { formatBytes as formatWixBytes } from '../wix/validate';
import type { QueueSummary } from '../upload/types';

export interface TerminalLike {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function formatBytes(n: number): string {
  return formatWixBytes(n, 'B');
}

export function progressText(s: QueueSummary, current?: string): string {
  const c = s.counts;
  const total = c.queued + c.uploading + c.processing + c.done + c.failed + c.cancelled;
  const finished = c.done + c.failed + c.cancelled;
  let text = `Uploading ${finished}/${total} files, ${formatBytes(s.bytesSent)} of ${formatBytes(s.bytesTotal)}`;
  if (c.processing) text += `, ${c.processing} processing`;
  if (c.failed) text += `, ${c.failed} failed`;
  if (current) text += ` - ${current}`;
  return text;
}

export class ProgressLine {
  private shown = false;
  private readonly repaint;

  constructor(private readonly out: TerminalLike, render: () => string, private readonly enabled = !!out.isTTY) {
    this.repaint = throttle(() => {
      if (!this.enabled) return;
      const width = Math.max(20, (this.out.columns ?? 80) - 1);
      let text = render();
      if (text.length > width) text = text.slice(0, width - 1) + '…';
      this.out.write(`\r\x1b[2K${text}`);
      this.shown = true;
    }, 100);
  }

  update(): void {
    if (this.enabled) this.repaint();
  }

  /** Writes a whole line above the progress line. */
  print(line: string): void {
    this.clear();
    this.out.write(line.endsWith('\n') ? line : line + '\n');
    this.update();
  }

  clear(): void {
    if (this.shown) {
      this.out.write('\r\x1b[2K');
      this.shown = false;
    }
  }

  /** Drops any pending repaint and clears the line. */
  stop(): void {
    this.repaint.cancel();
    this.clear();
  }
}
