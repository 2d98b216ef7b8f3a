// The commands that set, check and remove the API key. A key is checked with ElevenLabs before it is stored;
// a refused key is never stored. Messages come from ElevenLabsError, which never contains the key; anything in
// them that came from the service (a status, a message, the tier) goes through withoutLinks, so that a
// notification carries no link an API answer put there. VS Code is reached through the App interface, so the
// flows are tested in plain mocha.

// Messages keep their typographic characters as written, not as \u escapes: @vscode/l10n-dev misreads those,
// and the extracted key would not match the one looked up.
import * as l10n from '@vscode/l10n';
import { apiKeyFormatProblem, type ApiKeyFormatProblem } from '../../api/apiKeyFormat';
import type { ElevenLabsClient } from '../../api/client';
import { withoutLinks } from '../../api/serviceText';
import { checkApiKey, type KeyCheck, type TodayRead } from '../../usage/keyCheck';
import { formatExact, formatPercent } from '../../shared/locale/numberFormats';
import type { ZonedCalendar } from '../../usage/calendar/timeZone';
import type { KeyStore } from './apiKeyStore';
import type { App } from '../app';
import { KeyringError } from './keyringError';

/** What the commands write to the extension's log (the output channel). */
export interface CommandLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface KeyCommandDeps {
  readonly keys: KeyStore;
  /** A client for this key at the configured base URL; throws an invalidBaseUrl error for a bad setting. */
  createClient(key: string): ElevenLabsClient;
  readonly log: CommandLog;
  /** The user's calendar: the check reads "today" in this zone. */
  calendar(): ZonedCalendar;
  readonly app: App;
  now(): number;
  /** Whether the user chose the successor for every credit figure (elevenlabsUsage.source "analytics"). */
  successorChosen?(): boolean;
}

/** Where "Don't Ask Again" for the ELEVENLABS_API_KEY offer is kept (globalState). */
export interface Flags {
  get(key: string): unknown;
  update(key: string, value: boolean): Thenable<void> | Promise<void>;
}

const SET_API_KEY = 'elevenlabsUsage.setApiKey';

export type SetKeyResult = 'stored' | 'storedLimited' | 'storedUnchecked' | 'refused' | 'cancelled' | 'failed';

const ENV_KEY_DISMISSED = 'elevenlabsUsage.environmentKeyOfferDismissed';

/** The permission a key without the quota lacks ("user_read" where the service does not say). */
function missingPermission(check: Extract<KeyCheck, { outcome: 'limited' }>): string {
  return check.error.permission ?? 'user_read';
}

/** What a key without the quota's permission cannot show, e.g. 'lacks the "user_read" permission, so ...', for the log. */
function describeLimited(check: Extract<KeyCheck, { outcome: 'limited' }>): string {
  return `lacks the "${missingPermission(check)}" permission, so the status bar cannot show your quota.`;
}

/** "1,234 characters today": what the check read of today, in its unit. */
function describeToday(today: TodayRead): string {
  const amount = formatExact(today.amount);
  return today.unit === 'credits' ? l10n.t('{0} credits today', amount) : l10n.t('{0} characters today', amount);
}

/** "Creator tier, 12% of the quota used; 1,234 characters today": what a working key reads, inside the message's brackets. */
function describeValid(check: Extract<KeyCheck, { outcome: 'valid' }>): string {
  const { quota } = check;
  return quota.limit > 0
    ? l10n.t('{0} tier, {1} of the quota used; {2}', quota.tier, formatPercent(quota.used / quota.limit), describeToday(check.today))
    : l10n.t('{0} tier; {1}', quota.tier, describeToday(check.today));
}

async function runCheck(deps: KeyCommandDeps, key: string, title: string): Promise<KeyCheck | undefined> {
  let client: ElevenLabsClient;
  try {
    client = deps.createClient(key);
  } catch (error) {
    void deps.app.showMessage('error', error instanceof Error ? error.message : String(error));
    return undefined;
  }
  return deps.app.withProgress(title, (cancelled) =>
    checkApiKey(client, deps.calendar().todayWindow(deps.now()), deps.calendar(), { signal: cancelled, successorChosen: deps.successorChosen?.() === true }),
  );
}

/** A notification whose action runs Set API Key. */
function offerAnotherKey(deps: KeyCommandDeps, kind: 'error' | 'info', message: string, action: string): void {
  void deps.app.showMessage(kind, message, action).then((choice) => {
    if (choice) {
      void deps.app.executeCommand(SET_API_KEY);
    }
  });
}

async function store(deps: KeyCommandDeps, key: string): Promise<boolean> {
  try {
    await deps.keys.store(key);
    return true;
  } catch (error) {
    const message = error instanceof KeyringError ? error.message : l10n.t('VS Code could not save the key. Nothing was saved.');
    deps.log.error(message);
    void deps.app.showMessage('error', message);
    return false;
  }
}

/** Checks `key` with ElevenLabs and stores it if it works; tells the user why not otherwise. */
export async function verifyAndStoreKey(deps: KeyCommandDeps, key: string): Promise<SetKeyResult> {
  const check = await runCheck(deps, key, l10n.t('Checking the ElevenLabs API key…'));
  if (!check) {
    return 'failed';
  }
  switch (check.outcome) {
    case 'valid': {
      if (!(await store(deps, key))) {
        return 'failed';
      }
      deps.log.info('API key checked and stored.');
      void deps.app.showMessage('info', withoutLinks(l10n.t('ElevenLabs API key saved ({0}).', describeValid(check))));
      return 'stored';
    }
    case 'limited': {
      // The status bar works without the quota: offer to store the key, saying what will be missing.
      const storeWithoutQuota = l10n.t('Store Without Quota');
      const tryAnother = l10n.t('Try Another Key');
      const choice = await deps.app.showMessage(
        'warning',
        withoutLinks(
          l10n.t('This key can read today’s usage but lacks the "{0}" permission, so the status bar cannot show your quota. Store it anyway?', missingPermission(check)),
        ),
        storeWithoutQuota,
        tryAnother,
      );
      if (choice === tryAnother) {
        void deps.app.executeCommand(SET_API_KEY);
      }
      if (choice !== storeWithoutQuota) {
        return 'cancelled';
      }
      if (!(await store(deps, key))) {
        return 'failed';
      }
      deps.log.info(`API key checked and stored; it ${describeLimited(check)}`);
      void deps.app.showMessage(
        'info',
        l10n.t('ElevenLabs API key saved ({0}). The status bar shows today’s usage without the quota.', describeToday(check.today)),
      );
      return 'storedLimited';
    }
    case 'refused': {
      deps.log.warn(`API key refused: ${check.error.message}`);
      offerAnotherKey(deps, 'error', withoutLinks(l10n.t('The key was not saved. {0}', check.error.message)), l10n.t('Try Another Key'));
      return 'refused';
    }
    case 'unchecked': {
      if (check.error.kind === 'cancelled') {
        return 'cancelled';
      }
      deps.log.warn(`API key could not be checked: ${check.error.message}`);
      const storeUnchecked = l10n.t('Store Unchecked');
      const choice = await deps.app.showMessage(
        'warning',
        withoutLinks(l10n.t('The key could not be checked: {0} Store it without checking?', check.error.message)),
        storeUnchecked,
        l10n.t('Cancel'),
      );
      if (choice !== storeUnchecked) {
        return 'cancelled';
      }
      return (await store(deps, key)) ? 'storedUnchecked' : 'failed';
    }
  }
}

/**
 * What the key box says under a key that cannot be one, as it is typed or pasted. Read when asked, not when the
 * module loads: the translations are in place only once the extension has activated.
 */
function keyInputProblems(): Readonly<Record<ApiKeyFormatProblem | 'none', string | undefined>> {
  return {
    none: undefined,
    empty: l10n.t('Paste your API key, or press Escape to cancel.'),
    whitespace: l10n.t('An API key has no spaces or line breaks: paste just the key.'),
    notPrintableAscii: l10n.t(
      'This holds a character no API key has (an invisible or non-ASCII one, often copied along from a web page or a chat): copy the key again from elevenlabs.io.',
    ),
  };
}

export async function setApiKey(deps: KeyCommandDeps): Promise<SetKeyResult> {
  const input = await deps.app.showInputBox({
    title: l10n.t('ElevenLabs: Set API Key'),
    prompt: l10n.t('Paste an API key from elevenlabs.io (Developers → API Keys). It is checked with ElevenLabs, then kept in VS Code’s secret storage.'),
    placeHolder: 'sk_\u2026',
    password: true,
    validate: (value) => keyInputProblems()[apiKeyFormatProblem(value.trim()) ?? 'none'],
  });
  if (input === undefined) {
    return 'cancelled';
  }
  return verifyAndStoreKey(deps, input.trim());
}

/** Shows a keyring failure (and logs it); other errors go on up. */
function reportKeyring(deps: KeyCommandDeps, error: unknown): void {
  if (!(error instanceof KeyringError)) {
    throw error;
  }
  deps.log.error(error.message);
  void deps.app.showMessage('error', error.message);
}

export async function removeApiKey(deps: KeyCommandDeps): Promise<boolean> {
  try {
    return await removeStoredKey(deps);
  } catch (error) {
    reportKeyring(deps, error);
    return false;
  }
}

async function removeStoredKey(deps: KeyCommandDeps): Promise<boolean> {
  if (!(await deps.keys.hasStoredKey())) {
    void deps.app.showMessage('info', l10n.t('No ElevenLabs API key is stored.'));
    return false;
  }
  const removeKey = l10n.t('Remove Key');
  const choice = await deps.app.askModal(
    l10n.t('Remove the ElevenLabs API key from VS Code’s secret storage?'),
    l10n.t('The status bar stops showing usage until you set a key again.'),
    removeKey,
  );
  if (choice !== removeKey) {
    return false;
  }
  await deps.keys.delete();
  deps.log.info('API key removed.');
  void deps.app.showMessage('info', l10n.t('ElevenLabs API key removed.'));
  return true;
}

export async function checkStoredApiKey(deps: KeyCommandDeps): Promise<KeyCheck['outcome'] | 'noKey' | 'failed'> {
  let key: string | undefined;
  try {
    key = await deps.keys.get();
  } catch (error) {
    reportKeyring(deps, error);
    return 'failed';
  }
  if (!key) {
    offerAnotherKey(deps, 'info', l10n.t('No ElevenLabs API key is stored.'), l10n.t('Set API Key'));
    return 'noKey';
  }
  const check = await runCheck(deps, key, l10n.t('Checking the stored ElevenLabs API key…'));
  if (!check) {
    return 'failed';
  }
  if (check.outcome === 'valid') {
    void deps.app.showMessage('info', withoutLinks(l10n.t('The stored ElevenLabs API key works ({0}).', describeValid(check))));
  } else if (check.outcome === 'limited') {
    void deps.app.showMessage(
      'warning',
      withoutLinks(
        l10n.t(
          'The stored key reads today’s usage but lacks the "{0}" permission, so the status bar cannot show your quota. Enable the permission for this key in ElevenLabs (Developers → API Keys) to see it.',
          missingPermission(check),
        ),
      ),
    );
  } else if (check.outcome === 'refused') {
    offerAnotherKey(deps, 'error', withoutLinks(l10n.t('The stored key does not work. {0}', check.error.message)), l10n.t('Set API Key'));
  } else if (check.error.kind !== 'cancelled') {
    void deps.app.showMessage('warning', withoutLinks(l10n.t('The stored key could not be checked: {0}', check.error.message)));
  }
  return check.outcome;
}

/**
 * If no key is stored but ELEVENLABS_API_KEY is set (as the official SDKs read it), offers to check and store
 * it. Never copies it silently; "Don't Ask Again" is remembered.
 */
export async function offerEnvironmentKey(deps: KeyCommandDeps, flags: Flags, environmentKey: string | undefined): Promise<void> {
  const key = environmentKey?.trim();
  if (!key || flags.get(ENV_KEY_DISMISSED) === true) {
    return;
  }
  // If the keyring cannot be read, a key may well be stored: do not offer another (the status bar says why).
  if (await deps.keys.hasStoredKey().catch(() => true)) {
    return;
  }
  const useKey = l10n.t('Use This Key');
  const dontAsk = l10n.t('Don’t Ask Again');
  const choice = await deps.app.showMessage(
    'info',
    l10n.t('ELEVENLABS_API_KEY is set in your environment. Check it and keep it in VS Code’s secret storage for ElevenLabs Usage?'),
    useKey,
    l10n.t('Not Now'),
    dontAsk,
  );
  if (choice === useKey) {
    await verifyAndStoreKey(deps, key);
  } else if (choice === dontAsk) {
    await flags.update(ENV_KEY_DISMISSED, true);
  }
}
