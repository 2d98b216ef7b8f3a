// The key's rarer paths, in the real VS Code: a keyring that refuses, ELEVENLABS_API_KEY in the environment,
// and a stored key that ElevenLabs stops accepting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { offerEnvironmentKey } from '../../src/ui/key/apiKeyCommands';
import { ApiKeyStore, KeyringError } from '../../src/ui/key/apiKeyStore';
import { ZonedCalendar } from '../../src/usage/calendar/timeZone';
import { vscodeApp } from '../../src/ui/vscodeApp';
import { ElevenLabsClient } from '../../src/api/client';
import { startFakeApi } from '../fake-api/server';
import { answerPrompt, extensionApi, removeKeyThroughCommand, setKeyThroughCommand, useFakeApi, waitFor } from './helpers';

/** SecretStorage as it behaves on Linux without a keyring: reading works, storing rejects. */
function keyringlessSecrets(): vscode.SecretStorage & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    stored,
    get: async (key) => stored.get(key),
    store: async (_key, value) => {
      throw new Error(`Cannot create an item in a locked collection (secret ${value})`);
    },
    delete: async (key) => void stored.delete(key),
    onDidChange: changed.event,
  };
}

function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback) as T,
    update: async (key, value) => void values.set(key, value),
  };
}

describe('the key: keyring failures, the environment, a key that stops working', function () {
  this.timeout(60_000);
  const fake = useFakeApi();
  const log = vscode.window.createOutputChannel('ElevenLabs Usage tests', { log: true });
  after(() => log.dispose());

  it('says plainly when the keyring refuses, saves nothing anywhere, and never quotes the key', async () => {
    const secrets = keyringlessSecrets();
    const store = new ApiKeyStore(secrets);
    try {
      await assert.rejects(store.store('sk_would_be_saved_123'), (error: unknown) => {
        assert.ok(error instanceof KeyringError);
        assert.match(error.message, /^VS Code could not save the key in the system keyring \(.*\)\. Nothing was saved\. On Linux, install and unlock a keyring/);
        assert.ok(!error.message.includes('sk_would_be_saved_123'), error.message);
        return true;
      });
      assert.equal(secrets.stored.size, 0);
      assert.equal(await store.get(), undefined);
      assert.equal(await store.hasStoredKey(), false);
    } finally {
      store.dispose();
    }
  });

  it('says when the keyring cannot be read, rather than taking it for no key, and tries again next time', async () => {
    const secrets = keyringlessSecrets();
    let locked = true;
    secrets.get = async (key) => {
      if (locked) throw new Error('The keyring is locked');
      return key === 'elevenlabsUsage.apiKey' ? 'sk_stored_key' : undefined;
    };
    const store = new ApiKeyStore(secrets);
    try {
      for (const read of [() => store.get(), () => store.hasStoredKey()]) {
        await assert.rejects(read(), (error: unknown) => {
          assert.ok(error instanceof KeyringError);
          assert.match(error.message, /^VS Code could not read the key from the system keyring \(The keyring is locked\)\. On Linux, install and unlock a keyring/);
          return true;
        });
      }
      locked = false;
      assert.equal(await store.get(), 'sk_stored_key', 'a failed read is not remembered');
    } finally {
      store.dispose();
    }
  });

  it('offers ELEVENLABS_API_KEY from the environment, checks it, and stores it only when accepted', async () => {
    const secrets = keyringlessSecrets();
    secrets.store = async (key, value) => void secrets.stored.set(key, value);
    const keys = new ApiKeyStore(secrets);
    const deps = { keys, log, createClient: (key: string) => new ElevenLabsClient({ baseUrl: fake.api.url, apiKey: key }), calendar: () => ZonedCalendar.for('UTC'), app: vscodeApp, now: () => Date.now() };
    const offers: string[] = [];
    const answer = { value: 'Not Now' as string | undefined };
    const info = answerPrompt('showInformationMessage', (async (message: string) => {
      offers.push(message);
      return message.startsWith('ELEVENLABS_API_KEY') ? answer.value : undefined;
    }) as never);
    try {
      const state = memento();
      await offerEnvironmentKey(deps, state, fake.api.validKey);
      assert.match(offers[0]!, /^ELEVENLABS_API_KEY is set in your environment\./);
      assert.equal(await keys.hasStoredKey(), false, '"Not Now" stores nothing');
      answer.value = 'Use This Key';
      await offerEnvironmentKey(deps, state, fake.api.validKey);
      assert.equal(await keys.get(), fake.api.validKey, 'checked with the API, then stored');
      offers.length = 0;
      await offerEnvironmentKey(deps, state, 'sk_other');
      assert.deepEqual(offers, [], 'no offer once a key is stored');
      const fresh = new ApiKeyStore(keyringlessSecrets());
      answer.value = 'Don\u2019t Ask Again';
      await offerEnvironmentKey({ ...deps, keys: fresh }, state, fake.api.validKey);
      offers.length = 0;
      await offerEnvironmentKey({ ...deps, keys: fresh }, state, fake.api.validKey);
      assert.deepEqual(offers, [], '"Don\u2019t Ask Again" is remembered');
      fresh.dispose();
    } finally {
      info.restore();
      keys.dispose();
    }
  });

  it('asks for a new key at most once when ElevenLabs stops accepting the stored one', async () => {
    const usage = await extensionApi();
    assert.equal(await setKeyThroughCommand(fake.api.validKey), 'stored');
    await waitFor('current figures', () => usage.statusBar.state.kind === 'current');
    // The same address now answers for another account: the stored key is refused.
    const port = Number(new URL(fake.api.url).port);
    await fake.api.close();
    const replacement = await startFakeApi({ port, validKey: 'sk_someone_else' });
    const warnings = answerPrompt('showWarningMessage', (async () => undefined) as never);
    try {
      for (let i = 0; i < 3; i++) {
        await vscode.commands.executeCommand('elevenlabsUsage.refresh');
        // The last figures stay beside the refused key, marked, and the item sets a new key.
        const state = usage.statusBar.state;
        assert.equal(state.kind, 'stale');
        assert.ok(state.kind === 'stale' && state.needsNewKey && /ElevenLabs rejected the API key as invalid/.test(state.reason));
        const view = usage.statusBar.view!;
        assert.equal(view.command, 'elevenlabsUsage.setApiKey');
        assert.match(view.text, /\d+(\.\d+)?k? chars/, 'the last figure is still shown');
        assert.match(view.tooltipMarkdown, /\*\*Stale:\*\*.*ElevenLabs rejected the API key as invalid[\s\S]*Set API Key/);
      }
      assert.equal(warnings.calls.length, 1, 'one prompt, not one per refresh');
      assert.match(String(warnings.calls[0]![0]), /ElevenLabs rejected the API key as invalid/);
    } finally {
      warnings.restore();
      await replacement.close();
      fake.api = await startFakeApi({ port });
      await removeKeyThroughCommand();
    }
  });
});
