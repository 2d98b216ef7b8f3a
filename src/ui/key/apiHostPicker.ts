// "ElevenLabs: Choose API Host": the default host or a data-residency one, picked from a list (or typed and
// checked like the setting), and written to the User setting elevenlabsUsage.apiBaseUrl. The Settings editor can
// do the same, but there a newcomer following the walkthrough has to know and type the residency host's address.

import * as vscode from 'vscode';
import { API_HOSTS, checkBaseUrl, DEFAULT_BASE_URL } from '../../api/baseUrl';
import { COMMANDS } from '../../status/statusState';
import { confirmForeignHost, foreignHostOf } from './foreignHost';
import { readSettings, SECTION } from '../settings';

interface HostItem extends vscode.QuickPickItem {
  /** The host, or undefined for "Other host…". */
  readonly url: string | undefined;
}

async function askForOtherHost(current: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'ElevenLabs: Choose API Host',
    prompt: 'The address of the ElevenLabs API, e.g. https://api.eu.residency.elevenlabs.io (https://, or http:// to this machine only).',
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

/** Asks for the API host and stores it; resolves with the host now in use, or undefined if cancelled. */
export async function chooseApiHost(log: vscode.LogOutputChannel, memento: vscode.Memento): Promise<string | undefined> {
  const current = readSettings().apiBaseUrl;
  const known = API_HOSTS.some((host) => host.url === current);
  const items: HostItem[] = [
    ...API_HOSTS.map((host) => ({
      label: host.name,
      description: host.url,
      detail: host.url === current ? 'In use' : undefined,
      url: host.url,
    })),
    { label: 'Other host\u2026', description: known ? undefined : current, detail: known ? undefined : 'In use', url: undefined },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'ElevenLabs: Choose API Host',
    placeHolder: 'Where usage requests go, with your key',
    matchOnDescription: true,
    // Open while the person looks up which host their workspace uses.
    ignoreFocusOut: true,
  });
  if (!picked) {
    return undefined;
  }
  const url = picked.url ?? (await askForOtherHost(current));
  if (url === undefined) {
    return undefined;
  }
  const foreign = url === current ? undefined : foreignHostOf(url);
  if (foreign !== undefined && !(await confirmForeignHost(memento, foreign))) {
    return undefined;
  }
  if (url !== current) {
    // The default is stored as no value at all, so that the setting follows the extension's default.
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('apiBaseUrl', url === DEFAULT_BASE_URL ? undefined : url, vscode.ConfigurationTarget.Global);
    log.info(`API host set to ${url}.`);
    void vscode.window
      .showInformationMessage(`ElevenLabs usage requests now go to ${url}. Each host has its own keys.`, 'Set API Key')
      .then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand(COMMANDS.setApiKey);
        }
      });
  }
  return url;
}
