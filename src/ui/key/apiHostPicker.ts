// "ElevenLabs: Choose API Host": the default host or a data-residency one, picked from a list (or typed and
// checked like the setting), for the active account: written to the User setting elevenlabsUsage.apiBaseUrl for
// Default, kept with the account for any other. The Settings editor can
// do the same, but there a newcomer following the walkthrough has to know and type the residency host's address.

// Messages keep their typographic characters as written, not as \u escapes: @vscode/l10n-dev misreads those,
// and the extracted key would not match the one looked up.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { API_HOSTS, checkBaseUrl, DEFAULT_BASE_URL } from '../../api/baseUrl';
import { COMMANDS } from '../../status/statusState';
import { confirmForeignHost, foreignHostOf } from './foreignHost';
import { SECTION } from '../settings';
import type { AccountStore } from './accountStore';

interface HostItem extends vscode.QuickPickItem {
  /** The host, or undefined for "Other host…". */
  readonly url: string | undefined;
}

async function askForOtherHost(current: string, title: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title,
    prompt: l10n.t('The address of the ElevenLabs API, e.g. https://api.eu.residency.elevenlabs.io (https://, or http:// to this machine only).'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        checkBaseUrl(value);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return typed === undefined ? undefined : checkBaseUrl(typed);
}

/**
 * The host list (and "Other host…", typed and checked like the setting), with the foreign-host warning: the host
 * chosen, or undefined if cancelled. `current` is marked as in use.
 */
export async function pickApiHost(memento: vscode.Memento, current: string, title: string): Promise<string | undefined> {
  const known = API_HOSTS.some((host) => host.url === current);
  const items: HostItem[] = [
    ...API_HOSTS.map((host) => ({
      label: host.name,
      description: host.url,
      detail: host.url === current ? l10n.t('In use') : undefined,
      url: host.url,
    })),
    { label: l10n.t('Other host…'), description: known ? undefined : current, detail: known ? undefined : l10n.t('In use'), url: undefined },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: l10n.t('Where usage requests go, with your key'),
    matchOnDescription: true,
    // Open while the person looks up which host their workspace uses.
    ignoreFocusOut: true,
  });
  if (!picked) {
    return undefined;
  }
  const url = picked.url ?? (await askForOtherHost(current, title));
  if (url === undefined) {
    return undefined;
  }
  const foreign = url === current ? undefined : foreignHostOf(url);
  if (foreign !== undefined && !(await confirmForeignHost(memento, foreign))) {
    return undefined;
  }
  return url;
}

/**
 * Asks for the active account's API host and stores it: Default's in the User setting, another account's with
 * the account. Resolves with the host now in use, or undefined if cancelled.
 */
export async function chooseApiHost(log: vscode.LogOutputChannel, memento: vscode.Memento, accounts: AccountStore): Promise<string | undefined> {
  const account = accounts.active;
  const current = accounts.baseUrlOf(account);
  const url = await pickApiHost(memento, current, l10n.t('ElevenLabs: Choose API Host'));
  if (url === undefined || url === current) {
    return url;
  }
  if (account.baseUrl === undefined) {
    // The default is stored as no value at all, so that the setting follows the extension's default.
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('apiBaseUrl', url === DEFAULT_BASE_URL ? undefined : url, vscode.ConfigurationTarget.Global);
  } else {
    await accounts.save({ ...accounts.accounts, list: accounts.accounts.list.map((a) => (a.id === account.id ? { ...a, baseUrl: url } : a)) });
  }
  log.info(`API host of ${account.name} set to ${url}.`);
  void vscode.window
    .showInformationMessage(l10n.t('ElevenLabs usage requests now go to {0}. Each host has its own keys.', url), l10n.t('Set API Key'))
    .then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(COMMANDS.setApiKey);
      }
    });
  return url;
}
