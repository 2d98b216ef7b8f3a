// One account's API key in VS Code's SecretStorage (the OS keyring on desktop), cached in memory and kept in step
// across windows through secrets.onDidChange. Never falls back to plaintext: if the keyring refuses, the
// caller is told and nothing is saved.

import * as vscode from 'vscode';
import { keyringError } from './keyringError';

export { KeyringError } from './keyringError';

/** The single-key versions' secret, which is the Default account's (status/accounts/accounts.ts secretNameOf). */
export const SECRET_NAME = 'elevenlabsUsage.apiKey';

const NOT_LOADED = Symbol('not loaded');

/** Where the key is kept, as the key commands see it (ApiKeyStore; a stand-in in tests). */
export interface KeyStore {
  /** The key, or undefined when none is stored; rejects with a KeyringError when the keyring cannot be read. */
  get(): Promise<string | undefined>;
  /** Whether a key is stored (a development fallback does not count); rejects like get(). */
  hasStoredKey(): Promise<boolean>;
  /** Rejects with a KeyringError, saving nothing, when the keyring refuses. */
  store(key: string): Promise<void>;
  delete(): Promise<void>;
}

export class ApiKeyStore implements KeyStore, vscode.Disposable {
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
    /** Whose key: the secret's name (secretNameOf the account). */
    private readonly secretName: string = SECRET_NAME,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === this.secretName) {
        this.cached = undefined;
        // A keyring that cannot be read now is still news: listeners refresh and show why.
        void this.get().then(
          (key) => this.announce(key),
          () => this.changed.fire(),
        );
      }
    });
  }

  /**
   * The key (or the development fallback), or undefined when none is stored. Rejects with a KeyringError when
   * the keyring cannot be read (locked, missing): that is not "no key", and the next call tries again.
   */
  get(): Promise<string | undefined> {
    if (!this.cached) {
      const loading = this.readStored().then((key) => {
        const value = key || this.fallbackKey;
        if (this.announced === NOT_LOADED) {
          this.announced = value;
        }
        return value;
      });
      this.cached = loading;
      loading.catch(() => {
        if (this.cached === loading) {
          this.cached = undefined;
        }
      });
    }
    return this.cached;
  }

  /** Whether a key is stored in SecretStorage (the development fallback does not count). Rejects like get(). */
  async hasStoredKey(): Promise<boolean> {
    return Boolean(await this.readStored());
  }

  private async readStored(): Promise<string | undefined> {
    try {
      return await this.secrets.get(this.secretName);
    } catch (error) {
      throw keyringError('read the key from', error);
    }
  }

  async store(key: string): Promise<void> {
    try {
      await this.secrets.store(this.secretName, key);
    } catch (error) {
      throw keyringError('save the key in', error, key);
    }
    this.cached = Promise.resolve(key);
    this.announce(key);
  }

  async delete(): Promise<void> {
    try {
      await this.secrets.delete(this.secretName);
    } catch (error) {
      throw keyringError('remove the key from', error);
    }
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
