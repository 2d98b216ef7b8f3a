// "ElevenLabs: Add / Switch / Rename / Remove Account". An account is added only once its key is stored (checked
// with its own host, as Set API Key checks one), so there is never an account half made; removing one forgets its
// key, its quota alerts and the figures shown of it.

// Messages keep their typographic characters as written, not as \u escapes: @vscode/l10n-dev misreads those,
// and the extracted key would not match the one looked up.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { accountIdOf } from '../../api/accountId';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../../api/baseUrl';
import type { ElevenLabsClient } from '../../api/client';
import { addAccount, nameProblem, newAccountId, removeAccount, renameAccount, switchAccount, type Account, type AccountsChange } from '../../status/accounts/accounts';
import { pickApiHost } from './apiHostPicker';
import { setApiKey, type KeyCommandDeps } from './apiKeyCommands';
import type { AccountStore } from './accountStore';

export interface AccountCommandDeps {
  readonly accounts: AccountStore;
  readonly memento: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  /** The key commands' other needs (calendar, app, clock), for the key of a new account. */
  keyCommandDeps(): Omit<KeyCommandDeps, 'keys' | 'createClient'>;
  /** A client for a key at a host (the one every account's requests are made with). */
  clientOf(credentials: { readonly key: string; readonly baseUrl: string }): ElevenLabsClient;
  /** Forgets the quota alerts of an account (by accountIdOf its host and key). */
  forgetAlerts(accountId: string): Promise<void>;
  randomHex(): string;
}

interface AccountItem extends vscode.QuickPickItem {
  readonly account: Account;
}

async function pickAccount(deps: AccountCommandDeps, title: string, placeHolder: string): Promise<Account | undefined> {
  const { list, activeId } = deps.accounts.accounts;
  const items: AccountItem[] = list.map((account) => ({
    label: account.name,
    description: deps.accounts.baseUrlOf(account),
    ...(account.id === activeId ? { detail: l10n.t('Active') } : {}),
    account,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder });
  return picked?.account;
}

async function saveChange(deps: AccountCommandDeps, change: AccountsChange): Promise<boolean> {
  if (!change.ok) {
    void vscode.window.showErrorMessage(change.message);
    return false;
  }
  await deps.accounts.save(change.accounts);
  return true;
}

export async function addAccountCommand(deps: AccountCommandDeps): Promise<Account | undefined> {
  const title = l10n.t('ElevenLabs: Add Account');
  const name = await vscode.window.showInputBox({
    title,
    prompt: l10n.t('A name for the account, shown in the status bar and its tooltip (e.g. "Personal", "Client A").'),
    ignoreFocusOut: true,
    validateInput: (value) => nameProblem(deps.accounts.accounts, value),
  });
  if (name === undefined) {
    return undefined;
  }
  const baseUrl = await pickApiHost(deps.memento, DEFAULT_BASE_URL, l10n.t('{0}: {1}', title, name.trim()));
  if (baseUrl === undefined) {
    return undefined;
  }
  const id = newAccountId(deps.accounts.accounts, deps.randomHex);
  const keys = deps.accounts.keysOf(id);
  const stored = await setApiKey({
    ...deps.keyCommandDeps(),
    keys,
    // The new account's key is checked with the new account's host, and goes nowhere else.
    createClient: (key) => deps.clientOf({ key, baseUrl }),
  });
  if (!stored.startsWith('stored')) {
    return undefined;
  }
  const change = addAccount(deps.accounts.accounts, { id, name, baseUrl });
  if (!(await saveChange(deps, change))) {
    // Another window took the name or the last place meanwhile: the key of an account that was not made goes.
    await deps.accounts.forgetKey(id);
    return undefined;
  }
  deps.log.info(`Account added (${baseUrl}) and made active.`);
  return deps.accounts.active;
}

export async function switchAccountCommand(deps: AccountCommandDeps, accountId?: unknown): Promise<Account | undefined> {
  const account =
    typeof accountId === 'string' ? deps.accounts.accounts.list.find((a) => a.id === accountId) : await pickAccount(deps, l10n.t('ElevenLabs: Switch Account'), l10n.t('Which account should the status bar and new charts show?'));
  if (!account) {
    return undefined;
  }
  return (await saveChange(deps, switchAccount(deps.accounts.accounts, account.id))) ? deps.accounts.active : undefined;
}

export async function renameAccountCommand(deps: AccountCommandDeps): Promise<Account | undefined> {
  const title = l10n.t('ElevenLabs: Rename Account');
  const { list } = deps.accounts.accounts;
  const account = list.length === 1 ? list[0]! : await pickAccount(deps, title, l10n.t('Which account?'));
  if (!account) {
    return undefined;
  }
  const name = await vscode.window.showInputBox({
    title,
    prompt: l10n.t('A new name for "{0}".', account.name),
    value: account.name,
    ignoreFocusOut: true,
    validateInput: (value) => nameProblem(deps.accounts.accounts, value, account.id),
  });
  if (name === undefined) {
    return undefined;
  }
  return (await saveChange(deps, renameAccount(deps.accounts.accounts, account.id, name))) ? deps.accounts.accounts.list.find((a) => a.id === account.id) : undefined;
}

export async function removeAccountCommand(deps: AccountCommandDeps): Promise<boolean> {
  const account = await pickAccount(deps, l10n.t('ElevenLabs: Remove Account'), l10n.t('Which account should be removed?'));
  if (!account) {
    return false;
  }
  const change = removeAccount(deps.accounts.accounts, account.id);
  if (!change.ok) {
    void vscode.window.showErrorMessage(change.message);
    return false;
  }
  const remove = l10n.t('Remove Account');
  const confirmed = await vscode.window.showWarningMessage(
    l10n.t('Remove the account "{0}"?', account.name),
    { modal: true, detail: l10n.t('Its API key is deleted from this machine’s secret storage, with its quota alerts. The key itself stays valid at ElevenLabs.') },
    remove,
  );
  if (confirmed !== remove) {
    return false;
  }
  // The alerts are kept by an id of the host and the key: worked out before the key goes.
  const credentials = await deps.accounts.credentialsOf(account).catch(() => undefined);
  await deps.accounts.save(change.accounts);
  await deps.accounts.forgetKey(account.id);
  if (credentials) {
    try {
      await deps.forgetAlerts(accountIdOf(checkBaseUrl(credentials.baseUrl), credentials.key));
    } catch {
      // A host that no longer checks has no alerts of this key to forget.
    }
  }
  deps.log.info('Account removed, with its key and its quota alerts.');
  return true;
}
