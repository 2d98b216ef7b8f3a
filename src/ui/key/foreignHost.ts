// An API host that is neither ElevenLabs' nor this machine (a company proxy, or a look-alike such as
// "api.elevenlabs.io.evil.example") gets the user's key with every request. It is allowed, since proxies are real,
// but never silently: Choose API Host asks before it stores one, and a host written into the User settings by hand
// is named once in a notification; the status bar's tooltip names it as such for as long as it is used. Hosts the
// user has confirmed are remembered in globalState (host names only, never a key).

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { checkBaseUrl, hostKind, DEFAULT_BASE_URL } from '../../api/baseUrl';
import { withoutLinks } from '../../api/serviceText';
import { SECTION } from '../settings';

const CONFIRMED_KEY = 'elevenlabsUsage.confirmedForeignHosts';
/** Hosts remembered at most: the list is read back from shared state, so it is bounded like anything else read. */
const MAX_REMEMBERED = 20;

/** The host a base URL sends the key to, and whether it is neither ElevenLabs' nor this machine; undefined when unusable. */
export function apiHostOf(rawBaseUrl: string): { readonly host: string; readonly foreign: boolean } | undefined {
  try {
    const checked = checkBaseUrl(rawBaseUrl);
    return { host: new URL(checked).host, foreign: hostKind(checked) === 'other' };
  } catch {
    return undefined;
  }
}

/** The foreign host of a base URL, or undefined for ElevenLabs' own, this machine, or an unusable setting. */
export function foreignHostOf(rawBaseUrl: string): string | undefined {
  const api = apiHostOf(rawBaseUrl);
  return api?.foreign ? api.host : undefined;
}

function confirmedHosts(memento: vscode.Memento): string[] {
  const raw = memento.get<unknown>(CONFIRMED_KEY);
  return Array.isArray(raw) ? raw.filter((h): h is string => typeof h === 'string').slice(-MAX_REMEMBERED) : [];
}

export async function rememberForeignHost(memento: vscode.Memento, host: string): Promise<void> {
  const hosts = confirmedHosts(memento).filter((h) => h !== host);
  await memento.update(CONFIRMED_KEY, [...hosts, host].slice(-MAX_REMEMBERED));
}

function warning(host: string): string {
  return withoutLinks(
    l10n.t('ElevenLabs Usage sends your API key to {0}, which is not an ElevenLabs host (those end in elevenlabs.io). Keep it only if it is a proxy you trust.', host),
  );
}

/** Asks before a foreign host is stored (Choose API Host): true when the user confirms. */
export async function confirmForeignHost(memento: vscode.Memento, host: string): Promise<boolean> {
  const send = l10n.t('Send My Key There');
  const choice = await vscode.window.showWarningMessage(warning(host), { modal: true }, send);
  if (choice !== send) {
    return false;
  }
  await rememberForeignHost(memento, host);
  return true;
}

/**
 * Names a foreign host set without Choose API Host (by hand in the User settings), once per host: requests go on,
 * as the user asked, and the notification offers the default host instead.
 */
export function noticeForeignHost(memento: vscode.Memento, log: vscode.LogOutputChannel, rawBaseUrl: string): void {
  const host = foreignHostOf(rawBaseUrl);
  if (host === undefined || confirmedHosts(memento).includes(host)) {
    return;
  }
  log.warn(`The API host ${host} is not an ElevenLabs host; your key is sent there with every request.`);
  void rememberForeignHost(memento, host);
  const keep = l10n.t('Keep It');
  const useDefault = l10n.t('Use {0}', new URL(DEFAULT_BASE_URL).host);
  void vscode.window.showWarningMessage(warning(host), keep, useDefault).then((choice) => {
    if (choice === useDefault) {
      void vscode.workspace.getConfiguration(SECTION).update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
  });
}
