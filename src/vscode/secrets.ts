// The API key lives only in VS Code's SecretStorage (the OS keychain on desktop), never in settings.
import * as vscode from 'vscode';
import { registerSecret } from '../wix/redact';
import { API_KEY_ID } from './config';

const SECRET_KEY = API_KEY_ID;

export class KeyStore implements vscode.Disposable {
  private cached: string | undefined;
  private loaded = false;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when the key is stored, replaced or removed (also from another window). */
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange(e => {
      if (e.key !== SECRET_KEY) return;
      this.loaded = false;
      this.emitter.fire();
    });
  }

  async get(): Promise<string | undefined> {
    if (!this.loaded) {
      this.cached = (await this.secrets.get(SECRET_KEY)) || undefined;
      this.loaded = true;
      // Everything logged from now on masks it, whoever logs.
      registerSecret(this.cached);
    }
    return this.cached;
  }

  async has(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  async set(key: string): Promise<void> {
    registerSecret(key);
    await this.secrets.store(SECRET_KEY, key);
    this.cached = key;
    this.loaded = true;
    this.emitter.fire();
  }

  async clear(): Promise<void> {
    const old = this.cached;
    await this.secrets.delete(SECRET_KEY);
    this.cached = undefined;
    this.loaded = true;
    // Keep masking the old key: lines already logged may be shown again.
    if (old) registerSecret(old);
    this.emitter.fire();
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
