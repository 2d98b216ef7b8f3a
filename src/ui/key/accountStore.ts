// The accounts of this profile: the list (status/accounts/accounts.ts) in globalState, each account's key in
// SecretStorage under its own name, and which one is active. Requests take their key and host together from one
// account (credentialsOf), read once: a switch between reading the key and the host cannot send one account's key
// to another's host.

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ElevenLabsError } from '../../api/errors';
import { activeAccount, DEFAULT_ACCOUNT_ID, forPeople, forStorage, parseAccounts, secretNameOf, type Account, type Accounts } from '../../status/accounts/accounts';
import { ApiKeyStore, type KeyStore } from './apiKeyStore';

/** Where the list is kept (globalState: per profile, never from a workspace). */
export const ACCOUNTS_STATE_KEY = 'elevenlabsUsage.accounts';

/** A key and the host it goes to, of one account. */
export interface Credentials {
  readonly account: Account;
  readonly key: string;
  /** The host as configured (unchecked: each bundle checks it with its own error classes). */
  readonly baseUrl: string;
}

/** A key store that says when its key changes: the active account's, which changes with a switch too. */
export interface ObservableKeyStore extends KeyStore {
  readonly onDidChange: vscode.Event<void>;
}

export class AccountStore implements vscode.Disposable {
  private readonly keyStores = new Map<string, ApiKeyStore>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private lastActiveId: string;
  private lastList: string;
  /** Fires when the active account is another one, or its key changed (in this window or another). */
  readonly onDidChange = this.changed.event;
  /** Fires when the list changed in any way (a name, an account added or removed), for what shows them all. */
  private readonly listChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeList = this.listChanged.event;

  /** The active account's key, whichever it is at each call (Set, Check and Remove API Key act on it). */
  readonly activeKeys: ObservableKeyStore = {
    get: () => this.keysOf(this.active.id).get(),
    hasStoredKey: () => this.keysOf(this.active.id).hasStoredKey(),
    store: (key) => this.keysOf(this.active.id).store(key),
    delete: () => this.keysOf(this.active.id).delete(),
    onDidChange: this.changed.event,
  };

  constructor(
    private readonly memento: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    /** The Default account's host: the User setting elevenlabsUsage.apiBaseUrl (or a development override). */
    private readonly defaultBaseUrl: () => string,
    /** Only in development mode: the fake API's demo key, for Default while it has none stored. */
    private readonly demoKey: string | undefined = undefined,
  ) {
    this.lastActiveId = this.active.id;
    this.lastList = JSON.stringify(this.accounts);
    this.subscriptions.push(this.changed, this.listChanged);
  }

  get accounts(): Accounts {
    return forPeople(parseAccounts(this.memento.get<unknown>(ACCOUNTS_STATE_KEY)));
  }

  get active(): Account {
    return activeAccount(this.accounts);
  }

  /** Where an account's key goes. */
  baseUrlOf(account: Account): string {
    return account.baseUrl ?? this.defaultBaseUrl();
  }

  /** The key store of one account. */
  keysOf(accountId: string): ApiKeyStore {
    let store = this.keyStores.get(accountId);
    if (!store) {
      store = new ApiKeyStore(this.secrets, accountId === DEFAULT_ACCOUNT_ID ? this.demoKey : undefined, secretNameOf(accountId));
      this.keyStores.set(accountId, store);
      const created = store;
      this.subscriptions.push(
        created,
        created.onDidChange(() => {
          if (this.active.id === accountId) {
            this.changed.fire();
          }
        }),
      );
    }
    return store;
  }

  /** The key and host of `account` (the active one by default), or undefined when it has no key. */
  async credentialsOf(account: Account = this.active): Promise<Credentials | undefined> {
    const key = await this.keysOf(account.id).get();
    return key ? { account, key, baseUrl: this.baseUrlOf(account) } : undefined;
  }

  /**
   * The key and host of the account with this id (the active one when undefined), or undefined when it has no
   * key. Rejects when the account was removed: its figures are not to be had from another account's key.
   */
  async credentialsOfId(accountId: string | undefined): Promise<Credentials | undefined> {
    if (accountId === undefined) {
      return this.credentialsOf();
    }
    const account = this.accounts.list.find((a) => a.id === accountId);
    if (!account) {
      throw new ElevenLabsError('needsAuthorization', l10n.t('The account of this chart was removed. Run "ElevenLabs: Show Usage" to chart another account.'));
    }
    return this.credentialsOf(account);
  }

  /** Saves a new list; listeners hear of it, and of a new active account. */
  async save(next: Accounts): Promise<void> {
    await this.memento.update(ACCOUNTS_STATE_KEY, forStorage(next));
    this.noticeChanges();
  }

  /** Forgets an account's key (the account itself is taken out of the list by the caller, with save). */
  async forgetKey(accountId: string): Promise<void> {
    await this.keysOf(accountId).delete();
  }

  /**
   * Reads the list again: another window of the profile may have switched, added or removed an account. Called
   * when this window gains focus.
   */
  noticeChanges(): void {
    const list = JSON.stringify(this.accounts);
    if (list !== this.lastList) {
      this.lastList = list;
      this.listChanged.fire();
    }
    const activeId = this.active.id;
    if (activeId !== this.lastActiveId) {
      this.lastActiveId = activeId;
      this.changed.fire();
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
