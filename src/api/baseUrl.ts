// Decides whether a configured base URL may receive the user's API key. The key travels in a header to
// whatever host this names, so plain http is refused unless the host is this machine (the fake API, a local
// proxy), and anything that is not a plain origin-with-optional-path is refused. A refusal never quotes the
// setting back: what was pasted there may be the key itself. An https host that is not ElevenLabs' (a company
// proxy, or "api.elevenlabs.io.evil.example") is allowed, and named as such (hostKind) where the host is shown.

import * as l10n from '@vscode/l10n';
import { ElevenLabsError } from './errors';
import { mayHoldSecret } from './serviceText';

export const DEFAULT_BASE_URL = 'https://api.elevenlabs.io';

/**
 * The hosts of the ElevenLabs API: the default one, and those of data-residency workspaces (each with its own keys).
 * The names are getters, read in the display language that activation sets after the bundle has loaded.
 */
export const API_HOSTS: ReadonlyArray<{ readonly name: string; readonly url: string }> = [
  { get name() { return l10n.t('Default'); }, url: DEFAULT_BASE_URL },
  { get name() { return l10n.t('United States'); }, url: 'https://api.us.elevenlabs.io' },
  { get name() { return l10n.t('European Union (data residency)'); }, url: 'https://api.eu.residency.elevenlabs.io' },
  { get name() { return l10n.t('India (data residency)'); }, url: 'https://api.in.residency.elevenlabs.io' },
  { get name() { return l10n.t('Singapore (data residency)'); }, url: 'https://api.sg.residency.elevenlabs.io' },
];


export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Whether the host is ElevenLabs' own (elevenlabs.io or a subdomain of it, as the residency hosts are). */
export function isElevenLabsHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'elevenlabs.io' || host.endsWith('.elevenlabs.io');
}

/** Whose host a checked base URL names: ElevenLabs', this machine (the fake API, a local proxy), or another. */
export type HostKind = 'elevenlabs' | 'loopback' | 'other';

export function hostKind(checkedBaseUrl: string): HostKind {
  const { hostname } = new URL(checkedBaseUrl);
  return isElevenLabsHost(hostname) ? 'elevenlabs' : isLoopbackHost(hostname) ? 'loopback' : 'other';
}

/** The base URL normalised (no trailing slash), or an ElevenLabsError of kind invalidBaseUrl. */
export function checkBaseUrl(raw: string): string {
  const text = raw.trim();
  if (mayHoldSecret(text, undefined)) {
    // "https://sk_…" is a valid URL whose host is the key: it would be named in the tooltip, the log, a
    // notification and a file name, and looked up in DNS. Refused, and not quoted.
    throw new ElevenLabsError(
      'invalidBaseUrl',
      l10n.t('The API base URL in elevenlabsUsage.apiBaseUrl holds something shaped like an API key. Put keys in with "ElevenLabs: Set API Key", and set the address to e.g. {0}, or run "ElevenLabs: Choose API Host".', DEFAULT_BASE_URL),
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not quoted: a key pasted into the wrong box would be shown in the tooltip and written to the log.
    throw new ElevenLabsError(
      'invalidBaseUrl',
      l10n.t('The API base URL in elevenlabsUsage.apiBaseUrl is not a URL (it has {0} characters and no scheme such as https://). Set it to e.g. {1}, or run "ElevenLabs: Choose API Host".', text.length, DEFAULT_BASE_URL),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ElevenLabsError(
      'invalidBaseUrl',
      l10n.t('The API base URL must start with https://. Set elevenlabsUsage.apiBaseUrl to e.g. {0}, or run "ElevenLabs: Choose API Host".', DEFAULT_BASE_URL),
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ElevenLabsError(
      'invalidBaseUrl',
      l10n.t('Refusing to send your API key over plain http to {0}: use https://, or http only for this machine (localhost, 127.0.0.1, ::1).', url.hostname),
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ElevenLabsError(
      'invalidBaseUrl',
      l10n.t('The API base URL must not carry a user name, password, query or fragment: give just the address, e.g. {0}.', DEFAULT_BASE_URL),
    );
  }
  return url.toString().replace(/\/+$/, '');
}
