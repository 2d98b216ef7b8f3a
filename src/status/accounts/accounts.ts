// The user's ElevenLabs accounts: each a name, a host and (in SecretStorage, under its own name) a key, and which
// one is active. Pure: the list is read from globalState as untrusted data (an older version, another window or a
// hand edit may have left anything), and every change returns a new list or says why it cannot be made.
//
// The first account is the one every user already has: "Default", whose key is the secret the single-key versions
// kept (so upgrading moves nothing and asks nothing) and whose host is the User setting elevenlabsUsage.apiBaseUrl.
// Every other account has its own host, kept with it: a key only ever goes to the host of its own account.

import * as l10n from '@vscode/l10n';
import { isAccountIdText } from '../../shared/accountIdText';

/** The account of the single-key versions: its key is their secret, its host the apiBaseUrl setting. */
export const DEFAULT_ACCOUNT_ID = 'default';
export const DEFAULT_ACCOUNT_NAME = 'Default';
/** Enough for a personal account, clients' and residency workspaces; the refresh budget is shared among them. */
export const MAX_ACCOUNTS = 10;
export const MAX_NAME_LENGTH = 40;

const MAX_BASE_URL_LENGTH = 200;

export interface Account {
  /** A short id of letters and digits, never derived from the key. */
  readonly id: string;
  readonly name: string;
  /** Where this account's key goes; undefined for Default, whose host is the elevenlabsUsage.apiBaseUrl setting. */
  readonly baseUrl?: string;
}

export interface Accounts {
  /** At least one; Default first while it exists. */
  readonly list: readonly Account[];
  readonly activeId: string;
}

export type AccountsChange = { readonly ok: true; readonly accounts: Accounts } | { readonly ok: false; readonly message: string };

/** What a profile that never had accounts has: Default alone (with the old key, if one is stored). */
export function initialAccounts(): Accounts {
  return { list: [{ id: DEFAULT_ACCOUNT_ID, name: DEFAULT_ACCOUNT_NAME }], activeId: DEFAULT_ACCOUNT_ID };
}

/**
 * The accounts as people read them: Default, while it keeps the name it was given, named in the display language
 * ("Standard", "既定"). Stored, it stays "Default" (`forStorage`), so another window in another language reads its own.
 * Never two accounts of one name: where another account already has the translated name, Default reads as stored.
 */
export function forPeople(accounts: Accounts): Accounts {
  return renameDefault(accounts, DEFAULT_ACCOUNT_NAME, l10n.t('Default'));
}

/**
 * The accounts as they are stored: `forPeople` undone. Where another account is named "Default" (possible only in
 * a list from elsewhere: accountNamed refuses it here), Default keeps its translated name, as if the user had
 * given it: a list with one name twice would be refused whole when read back (parseAccounts).
 */
export function forStorage(accounts: Accounts): Accounts {
  return renameDefault(accounts, l10n.t('Default'), DEFAULT_ACCOUNT_NAME);
}

function renameDefault(accounts: Accounts, from: string, to: string): Accounts {
  const taken = accounts.list.some((account) => account.id !== DEFAULT_ACCOUNT_ID && normalizedName(account.name) === normalizedName(to));
  if (from === to || taken) {
    return accounts;
  }
  const list = accounts.list.map((account) => (account.id === DEFAULT_ACCOUNT_ID && account.name === from ? { ...account, name: to } : account));
  return list.some((account, i) => account !== accounts.list[i]) ? { ...accounts, list } : accounts;
}

/** Where an account's key is kept in SecretStorage: Default's is the single-key versions' own secret. */
export function secretNameOf(accountId: string): string {
  return accountId === DEFAULT_ACCOUNT_ID ? 'elevenlabsUsage.apiKey' : `elevenlabsUsage.apiKey.${accountId}`;
}

export function activeAccount(accounts: Accounts): Account {
  return accounts.list.find((account) => account.id === accounts.activeId) ?? accounts.list[0]!;
}

/**
 * The account of this name, whatever its case and spaces. Default, shown in the display language, answers to its
 * stored name too ("Default" in a German window: a task's arguments, a name another account cannot take).
 */
export function accountNamed(accounts: Accounts, name: string): Account | undefined {
  const wanted = normalizedName(name);
  return (
    accounts.list.find((account) => normalizedName(account.name) === wanted) ??
    accounts.list.find((account) => account.id === DEFAULT_ACCOUNT_ID && account.name === l10n.t('Default') && wanted === normalizedName(DEFAULT_ACCOUNT_NAME))
  );
}

/** Printable text only: the name is shown in the status bar, the tooltip's Markdown and notifications. */
function isPrintable(name: string): boolean {
  return ![...name].some((ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  });
}

function normalizedName(name: string): string {
  return name.trim().toLocaleLowerCase('en-US');
}

/** Why `name` cannot name an account (another than `exceptId`), or undefined when it can. */
export function nameProblem(accounts: Accounts, name: string, exceptId?: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return l10n.t('Type a name, e.g. "Personal" or "Client A".');
  }
  if (trimmed.length > MAX_NAME_LENGTH) {
    return l10n.t('Keep the name to {0} characters or fewer.', MAX_NAME_LENGTH);
  }
  if (!isPrintable(trimmed)) {
    return l10n.t('Use printable characters only: no line breaks or control characters.');
  }
  const taken = accountNamed(accounts, trimmed);
  if (taken && taken.id !== exceptId) {
    return l10n.t('An account is already named "{0}": choose another name.', taken.name);
  }
  return undefined;
}

/** The list read from globalState; anything that is not a whole, consistent list is the initial one. */
export function parseAccounts(raw: unknown): Accounts {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return initialAccounts();
  }
  const { list, activeId } = raw as { list?: unknown; activeId?: unknown };
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ACCOUNTS || typeof activeId !== 'string') {
    return initialAccounts();
  }
  const accounts: Account[] = [];
  for (const item of list) {
    const account = parseAccount(item);
    if (!account || accounts.some((a) => a.id === account.id || normalizedName(a.name) === normalizedName(account.name))) {
      return initialAccounts();
    }
    accounts.push(account);
  }
  if (!accounts.some((a) => a.id === activeId)) {
    return initialAccounts();
  }
  return { list: accounts, activeId };
}

function parseAccount(raw: unknown): Account | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return undefined;
  }
  const { id, name, baseUrl } = raw as { id?: unknown; name?: unknown; baseUrl?: unknown };
  if (!isAccountIdText(id) || typeof name !== 'string' || name !== name.trim() || name.length === 0 || name.length > MAX_NAME_LENGTH || !isPrintable(name)) {
    return undefined;
  }
  if (id === DEFAULT_ACCOUNT_ID) {
    // Default's host is the setting: a stored one would be a second truth.
    return baseUrl === undefined ? { id, name } : undefined;
  }
  if (typeof baseUrl !== 'string' || baseUrl.length === 0 || baseUrl.length > MAX_BASE_URL_LENGTH) {
    return undefined;
  }
  return { id, name, baseUrl };
}

/** A new account, made active. `id` is a fresh one (see newAccountId); `baseUrl` already checked by the caller. */
export function addAccount(accounts: Accounts, account: { readonly id: string; readonly name: string; readonly baseUrl: string }): AccountsChange {
  if (accounts.list.length >= MAX_ACCOUNTS) {
    return { ok: false, message: l10n.t('At most {0} accounts: remove one first ("ElevenLabs: Remove Account").', MAX_ACCOUNTS) };
  }
  if (!isAccountIdText(account.id) || account.id === DEFAULT_ACCOUNT_ID || accounts.list.some((a) => a.id === account.id)) {
    throw new Error(`Not a new account id: ${account.id}`);
  }
  const problem = nameProblem(accounts, account.name);
  if (problem) {
    return { ok: false, message: problem };
  }
  const added: Account = { id: account.id, name: account.name.trim(), baseUrl: account.baseUrl };
  return { ok: true, accounts: { list: [...accounts.list, added], activeId: added.id } };
}

export function renameAccount(accounts: Accounts, id: string, name: string): AccountsChange {
  if (!accounts.list.some((a) => a.id === id)) {
    return { ok: false, message: l10n.t('That account no longer exists: it was removed, perhaps in another window.') };
  }
  const problem = nameProblem(accounts, name, id);
  if (problem) {
    return { ok: false, message: problem };
  }
  return { ok: true, accounts: { ...accounts, list: accounts.list.map((a) => (a.id === id ? { ...a, name: name.trim() } : a)) } };
}

export function switchAccount(accounts: Accounts, id: string): AccountsChange {
  if (!accounts.list.some((a) => a.id === id)) {
    return { ok: false, message: l10n.t('That account no longer exists: it was removed, perhaps in another window.') };
  }
  return { ok: true, accounts: { ...accounts, activeId: id } };
}

/**
 * The list without `id`. The last account cannot go (Remove API Key empties it); when the active one goes, the
 * first that is left becomes active.
 */
export function removeAccount(accounts: Accounts, id: string): AccountsChange {
  if (!accounts.list.some((a) => a.id === id)) {
    return { ok: false, message: l10n.t('That account no longer exists: it was removed, perhaps in another window.') };
  }
  if (accounts.list.length === 1) {
    return { ok: false, message: l10n.t('This is the only account. To forget its key, run "ElevenLabs: Remove API Key".') };
  }
  const list = accounts.list.filter((a) => a.id !== id);
  return { ok: true, accounts: { list, activeId: accounts.activeId === id ? list[0]!.id : accounts.activeId } };
}

/** A fresh id from random bytes (as hex), unlike any in the list. */
export function newAccountId(accounts: Accounts, randomHex: () => string): string {
  for (;;) {
    const id = randomHex().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12);
    if (id.length >= 8 && id !== DEFAULT_ACCOUNT_ID && !accounts.list.some((a) => a.id === id)) {
      return id;
    }
  }
}
