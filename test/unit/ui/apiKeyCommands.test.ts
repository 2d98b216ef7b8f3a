// The key commands' flows in plain mocha: VS Code's prompts are a scripted App, the keyring a small store, and
// the key checks go to the fake API over HTTP.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { checkStoredApiKey, offerEnvironmentKey, removeApiKey, setApiKey, type KeyCommandDeps } from '../../../src/ui/key/apiKeyCommands';
import type { KeyStore } from '../../../src/ui/key/apiKeyStore';
import type { App, InputBoxOptions } from '../../../src/ui/app';
import { KeyringError } from '../../../src/ui/key/keyringError';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { startFakeApi, type FakeApi } from '../../fake-api/server';

const NOW = Date.UTC(2026, 10, 24, 9);

interface Said {
  readonly kind: string;
  readonly message: string;
  readonly actions: readonly string[];
}

/** An App that answers prompts from a script (by the start of their message) and records everything. */
function scriptedApp(answers: { input?: string; choices?: Record<string, string | undefined> } = {}) {
  const said: Said[] = [];
  const commands: string[] = [];
  const inputs: InputBoxOptions[] = [];
  const answer = (message: string): string | undefined => Object.entries(answers.choices ?? {}).find(([start]) => message.startsWith(start))?.[1];
  const app: App = {
    showMessage: async (kind, message, ...actions) => {
      said.push({ kind, message, actions });
      return answer(message);
    },
    askModal: async (message, _detail, ...actions) => {
      said.push({ kind: 'modal', message, actions });
      return answer(message);
    },
    showInputBox: async (options) => {
      inputs.push(options);
      return answers.input;
    },
    withProgress: (_title, task) => task(new AbortController().signal, () => undefined),
    showSaveDialog: async () => undefined,
    writeFile: async () => undefined,
    executeCommand: async (command) => void commands.push(command),
  };
  return { app, said, commands, inputs };
}

/** A keyring in memory; `refuse` makes it fail as a locked keyring does. */
function memoryKeys(initial?: string, refuse: { read?: boolean; write?: boolean } = {}): KeyStore & { stored: string | undefined } {
  const store = {
    stored: initial,
    get: async () => {
      if (refuse.read) {
        throw new KeyringError('VS Code could not read the key from the system keyring (locked).');
      }
      return store.stored;
    },
    hasStoredKey: async () => Boolean(await store.get()),
    store: async (key: string) => {
      if (refuse.write) {
        throw new KeyringError('VS Code could not save the key in the system keyring (locked). Nothing was saved.');
      }
      store.stored = key;
    },
    delete: async () => {
      store.stored = undefined;
    },
  };
  return store;
}

describe('key commands', function () {
  this.timeout(20_000);
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi({ now: () => NOW });
  });
  after(() => api.close());

  function deps(app: App, keys: KeyStore, baseUrl = api.url): KeyCommandDeps {
    return {
      keys,
      app,
      createClient: (key) => new ElevenLabsClient({ baseUrl, apiKey: key, retry: { maxRetries: 0 } }),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      calendar: () => ZonedCalendar.for('Asia/Kolkata'),
      now: () => NOW,
    };
  }

  it('checks a pasted key, stores it, and says what it found; the box refuses blanks and spaces', async () => {
    const { app, said, inputs } = scriptedApp({ input: `  ${api.validKey}\n` });
    const keys = memoryKeys();
    assert.equal(await setApiKey(deps(app, keys)), 'stored');
    assert.equal(keys.stored, api.validKey, 'trimmed');
    assert.equal(inputs[0]!.password, true);
    assert.equal(inputs[0]!.validate!(''), 'Paste your API key, or press Escape to cancel.');
    assert.equal(inputs[0]!.validate!('sk_a sk_b'), 'An API key has no spaces or line breaks: paste just the key.');
    assert.match(inputs[0]!.validate!('sk_a\u200bb') ?? '', /^This holds a character no API key has \(an invisible or non-ASCII one, .*\): copy the key again from elevenlabs\.io\.$/);
    assert.equal(inputs[0]!.validate!('sk_ok'), undefined);
    assert.match(said.at(-1)!.message, /^ElevenLabs API key saved \(creator tier, \d+(\.\d)?% of the quota used; [\d,]+ characters today\)\.$/);
  });

  it('never stores a refused key, and offers to try another', async () => {
    const { app, said, commands } = scriptedApp({ input: 'sk_wrong', choices: { 'The key was not saved': 'Try Another Key' } });
    const keys = memoryKeys();
    assert.equal(await setApiKey(deps(app, keys)), 'refused');
    assert.equal(keys.stored, undefined);
    assert.equal(said[0]!.kind, 'error');
    assert.match(said[0]!.message, /^The key was not saved\. ElevenLabs rejected the API key as invalid\./);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(commands, ['elevenlabsUsage.setApiKey']);
  });

  it('offers to store a key without the quota permission, saying what will be missing', async () => {
    const limited = scriptedApp({ input: api.restrictedKey, choices: { 'This key can read': 'Store Without Quota' } });
    const keys = memoryKeys();
    assert.equal(await setApiKey(deps(limited.app, keys)), 'storedLimited');
    assert.equal(keys.stored, api.restrictedKey);
    assert.match(limited.said[0]!.message, /lacks the "user_read" permission, so the status bar cannot show your quota\. Store it anyway\?$/);
    const declined = scriptedApp({ input: api.restrictedKey, choices: { 'This key can read': undefined } });
    const none = memoryKeys();
    assert.equal(await setApiKey(deps(declined.app, none)), 'cancelled');
    assert.equal(none.stored, undefined);
  });

  it('stores a key it could not check only when the user says so', async () => {
    const offline = 'http://127.0.0.1:9';
    const yes = scriptedApp({ input: 'sk_anything', choices: { 'The key could not be checked': 'Store Unchecked' } });
    const keys = memoryKeys();
    assert.equal(await setApiKey(deps(yes.app, keys, offline)), 'storedUnchecked');
    assert.equal(keys.stored, 'sk_anything');
    assert.match(yes.said[0]!.message, /^The key could not be checked: Could not reach 127\.0\.0\.1:9\b.* Store it without checking\?$/);
    const no = scriptedApp({ input: 'sk_anything', choices: { 'The key could not be checked': 'Cancel' } });
    const none = memoryKeys();
    assert.equal(await setApiKey(deps(no.app, none, offline)), 'cancelled');
    assert.equal(none.stored, undefined);
  });

  it('says when the keyring refuses the key, and saves nothing', async () => {
    const { app, said } = scriptedApp({ input: api.validKey });
    const keys = memoryKeys(undefined, { write: true });
    assert.equal(await setApiKey(deps(app, keys)), 'failed');
    assert.equal(keys.stored, undefined);
    assert.deepEqual(said.map((s) => [s.kind, s.message]), [['error', 'VS Code could not save the key in the system keyring (locked). Nothing was saved.']]);
  });

  it('removes the key only after the user confirms', async () => {
    const none = scriptedApp();
    assert.equal(await removeApiKey(deps(none.app, memoryKeys())), false);
    assert.deepEqual(none.said.map((s) => s.message), ['No ElevenLabs API key is stored.']);
    const declined = scriptedApp({ choices: { 'Remove the ElevenLabs API key': undefined } });
    const kept = memoryKeys('sk_x');
    assert.equal(await removeApiKey(deps(declined.app, kept)), false);
    assert.equal(kept.stored, 'sk_x');
    assert.equal(declined.said[0]!.kind, 'modal');
    const confirmed = scriptedApp({ choices: { 'Remove the ElevenLabs API key': 'Remove Key' } });
    const removed = memoryKeys('sk_x');
    assert.equal(await removeApiKey(deps(confirmed.app, removed)), true);
    assert.equal(removed.stored, undefined);
    assert.equal(confirmed.said.at(-1)!.message, 'ElevenLabs API key removed.');
  });

  it('checks the stored key and says how it stands', async () => {
    const works = scriptedApp();
    assert.equal(await checkStoredApiKey(deps(works.app, memoryKeys(api.validKey))), 'valid');
    assert.match(works.said[0]!.message, /^The stored ElevenLabs API key works \(creator tier/);
    const missing = scriptedApp({ choices: { 'No ElevenLabs API key is stored': 'Set API Key' } });
    assert.equal(await checkStoredApiKey(deps(missing.app, memoryKeys())), 'noKey');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(missing.commands, ['elevenlabsUsage.setApiKey']);
    const locked = scriptedApp();
    assert.equal(await checkStoredApiKey(deps(locked.app, memoryKeys('sk_x', { read: true }))), 'failed');
    assert.match(locked.said[0]!.message, /could not read the key from the system keyring/);
  });

  it('offers ELEVENLABS_API_KEY once, and never when a key is stored or the keyring cannot be read', async () => {
    const flags = new Map<string, unknown>();
    const store = { get: (key: string) => flags.get(key), update: async (key: string, value: boolean) => void flags.set(key, value) };
    const dismissed = scriptedApp({ choices: { ELEVENLABS_API_KEY: 'Don\u2019t Ask Again' } });
    await offerEnvironmentKey(deps(dismissed.app, memoryKeys()), store, api.validKey);
    assert.equal(dismissed.said.length, 1);
    const again = scriptedApp();
    await offerEnvironmentKey(deps(again.app, memoryKeys()), store, api.validKey);
    assert.equal(again.said.length, 0, 'not asked again');
    const fresh = { get: () => undefined, update: async () => undefined };
    const stored = scriptedApp();
    await offerEnvironmentKey(deps(stored.app, memoryKeys('sk_x')), fresh, api.validKey);
    const locked = scriptedApp();
    await offerEnvironmentKey(deps(locked.app, memoryKeys(undefined, { read: true })), fresh, api.validKey);
    assert.equal(stored.said.length + locked.said.length, 0);
    const used = scriptedApp({ choices: { ELEVENLABS_API_KEY: 'Use This Key' } });
    const keys = memoryKeys();
    await offerEnvironmentKey(deps(used.app, keys), fresh, ` ${api.validKey} `);
    assert.equal(keys.stored, api.validKey, 'checked and stored when accepted');
  });

  it('refuses a key with an invisible character from the environment, saying why, and never offers to store it unchecked', async () => {
    const fresh = { get: () => undefined, update: async () => undefined };
    const used = scriptedApp({ choices: { ELEVENLABS_API_KEY: 'Use This Key' } });
    const keys = memoryKeys();
    await offerEnvironmentKey(deps(used.app, keys), fresh, `${api.validKey}\u200b`);
    assert.equal(keys.stored, undefined);
    const refusal = used.said.at(-1)!;
    assert.equal(refusal.kind, 'error');
    assert.match(refusal.message, /^The key was not saved\. The API key holds a character no API key has/);
    assert.ok(!used.said.some((s) => s.actions.includes('Store Unchecked')), 'not taken for a network failure');
  });
});
