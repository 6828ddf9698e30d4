// The "Wix Media" log: a LogOutputChannel that is also the core's Logger. Every line passes redact(), so the
// API key and upload-URL tokens never reach the channel, whoever wrote the line.
import * as vscode from 'vscode';
import type { Logger } from '../wix/log';
import { redact } from '../wix/redact';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** How many recent lines are kept in memory (for "open in log" and the in-host tests). */
const RECENT_LINES = 2000;

export class ExtensionLog implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** The last lines written, already redacted, as `ISO-time [level] text`. */
  readonly recent: string[] = [];

  constructor(name = 'Wix Media') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void { this.write('trace', message); }
  debug(message: string): void { this.write('debug', message); }
  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }

  show(): void {
    this.channel.show(true);
  }

  private write(level: Level, message: string): void {
    const text = redact(message);
    this.recent.push(`${new Date().toISOString()} [${level}] ${text}`);
    if (this.recent.length > RECENT_LINES) this.recent.splice(0, this.recent.length - RECENT_LINES);
    this.channel[level](text);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
