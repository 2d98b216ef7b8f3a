// The API key in VS Code's SecretStorage (the OS keyring on desktop), cached in memory and kept in step
// across windows through secrets.onDidChange. Never falls back to plaintext: if the keyring refuses, the
// caller is told and nothing is saved.

import * as vscode from 'vscode';
import { redact } from '../api/errors';

export const SECRET_NAME = 'elevenlabsUsage.apiKey';

const NOT_LOADED = Symbol('not loaded');

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

export class ApiKeyStore implements vscode.Disposable {
  private cached: Promise<string | undefined> | undefined;
  /** The key listeners last saw, so that our own store() and its echo from SecretStorage fire once. */
  private announced: string | undefined | typeof NOT_LOADED = NOT_LOADED;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the key changes, in this window or another one. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** A key used when none is stored: only the fake API's demo key in development mode. */
    private readonly fallbackKey: string | undefined = undefined,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_NAME) {
        this.cached = undefined;
        void this.get().then((key) => this.announce(key));
      }
    });
  }

  get(): Promise<string | undefined> {
    this.cached ??= Promise.resolve(this.secrets.get(SECRET_NAME))
      .then(
        (key) => key || this.fallbackKey,
        () => this.fallbackKey,
      )
      .then((key) => {
        if (this.announced === NOT_LOADED) {
          this.announced = key;
        }
        return key;
      });
    return this.cached;
  }

  /** Whether a key is stored in SecretStorage (the development fallback does not count). */
  async hasStoredKey(): Promise<boolean> {
    try {
      return Boolean(await this.secrets.get(SECRET_NAME));
    } catch {
      return false;
    }
  }

  async store(key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_NAME, key);
    } catch (error) {
      const reason = redact(error instanceof Error ? error.message : String(error), key);
      throw new KeyringError(
        `VS Code could not save the key in the system keyring (${reason}). Nothing was saved. On Linux, install ` +
          'and unlock a keyring such as GNOME Keyring or KWallet, then try again.',
      );
    }
    this.cached = Promise.resolve(key);
    this.announce(key);
  }

  async delete(): Promise<void> {
    await this.secrets.delete(SECRET_NAME);
    this.cached = undefined;
    this.announce(await this.get());
  }

  private announce(key: string | undefined): void {
    if (key !== this.announced) {
      this.announced = key;
      this.changed.fire();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
