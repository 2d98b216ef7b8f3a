// "ElevenLabs: Choose API Host" (the walkthrough's residency step) in the real VS Code: it writes the user-level
// elevenlabsUsage.apiBaseUrl, stores the default as no value, refuses a host the key must not go to, and leaves
// everything as it was when cancelled. No key is stored meanwhile, so nothing is sent to the hosts it picks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerPrompt, extensionApi, removeKeyThroughCommand, waitFor } from './helpers';

type WindowApi = typeof vscode.window;
const config = () => vscode.workspace.getConfiguration('elevenlabsUsage');
const userValue = () => config().inspect<string>('apiBaseUrl')?.globalValue;

/** Runs the command with the list answered by `pick` (given the items shown) and the input box by `type`. */
async function chooseHost(
  pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined,
  type?: (options: vscode.InputBoxOptions) => Promise<string | undefined>,
  confirm: (message: string, items: readonly string[]) => string | undefined = () => undefined,
): Promise<{ result: string | undefined; items: readonly vscode.QuickPickItem[]; warnings: string[] }> {
  let shown: readonly vscode.QuickPickItem[] = [];
  const warnings: string[] = [];
  const list = answerPrompt('showQuickPick', (async (items: readonly vscode.QuickPickItem[]) => {
    shown = await items;
    return pick(shown);
  }) as unknown as WindowApi['showQuickPick']);
  const box = answerPrompt('showInputBox', (async (options: vscode.InputBoxOptions) => type?.(options)) as WindowApi['showInputBox']);
  const note = answerPrompt('showInformationMessage', (async () => undefined) as unknown as WindowApi['showInformationMessage']);
  // The modal confirmation for a host that is not ElevenLabs': VS Code refuses to show modal dialogs in tests.
  const warning = answerPrompt('showWarningMessage', (async (message: string, ...rest: unknown[]) => {
    warnings.push(message);
    return confirm(message, rest.filter((item): item is string => typeof item === 'string'));
  }) as unknown as WindowApi['showWarningMessage']);
  try {
    const result = await vscode.commands.executeCommand<string | undefined>('elevenlabsUsage.chooseApiHost');
    return { result, items: shown, warnings };
  } finally {
    list.restore();
    box.restore();
    note.restore();
    warning.restore();
  }
}

const byHost = (url: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.description === url);

describe('Choose API Host', function () {
  this.timeout(60_000);

  before(async () => {
    await extensionApi();
    await removeKeyThroughCommand();
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists the default host and the residency hosts, marking the one in use', async () => {
    const { items, result } = await chooseHost(() => undefined);
    assert.equal(result, undefined, 'cancelled');
    assert.deepEqual(
      items.map((item) => [item.label, item.description ?? '']),
      [
        ['Default', 'https://api.elevenlabs.io'],
        ['United States', 'https://api.us.elevenlabs.io'],
        ['European Union (data residency)', 'https://api.eu.residency.elevenlabs.io'],
        ['India (data residency)', 'https://api.in.residency.elevenlabs.io'],
        ['Singapore (data residency)', 'https://api.sg.residency.elevenlabs.io'],
        ['Other host\u2026', ''],
      ],
    );
    assert.deepEqual(items.filter((item) => item.detail === 'In use').map((item) => item.label), ['Default']);
    assert.equal(userValue(), undefined, 'cancelling changes nothing');
  });

  it('writes the residency host picked to the user setting, and the default back as no value', async () => {
    const eu = 'https://api.eu.residency.elevenlabs.io';
    assert.equal((await chooseHost(byHost(eu))).result, eu);
    await waitFor('the user setting', () => userValue() === eu);
    const { items } = await chooseHost(() => undefined);
    assert.deepEqual(items.filter((item) => item.detail === 'In use').map((item) => item.description), [eu]);

    assert.equal((await chooseHost(byHost('https://api.elevenlabs.io'))).result, 'https://api.elevenlabs.io');
    await waitFor('the setting removed', () => userValue() === undefined);
  });

  it('takes another host typed in, but refuses plain http to another machine with a message that says why', async () => {
    const other = (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === 'Other host\u2026');
    let validation: string | undefined | null | vscode.InputBoxValidationMessage;
    const { result } = await chooseHost(other, async (options) => {
      validation = await options.validateInput?.('http://api.elevenlabs.io');
      return undefined; // the person gives up
    });
    assert.equal(result, undefined);
    assert.match(String(validation), /Refusing to send your API key over plain http to api\.elevenlabs\.io/);
    assert.equal(userValue(), undefined);

    const typeProxy = async (options: vscode.InputBoxOptions) => {
      assert.equal(await options.validateInput?.('https://usage-proxy.example.com/'), undefined);
      return 'https://usage-proxy.example.com/';
    };
    const declined = await chooseHost(other, typeProxy);
    assert.equal(declined.result, undefined, 'a foreign host the user does not confirm is not stored');
    assert.equal(declined.warnings.length, 1);
    assert.match(declined.warnings[0], /sends your API key to usage-proxy\.example\.com, which is not an ElevenLabs host/);
    assert.equal(userValue(), undefined);

    const typed = await chooseHost(other, typeProxy, (_message, items) => items.find((item) => /Send My Key There/.test(item)));
    assert.equal(typed.result, 'https://usage-proxy.example.com', 'normalised, without the trailing slash');
    await waitFor('the typed host in the user setting', () => userValue() === 'https://usage-proxy.example.com');
    assert.equal(typed.warnings.length, 1, 'asked once, and the confirmed host is not named again in a notification');
    const { items } = await chooseHost(() => undefined);
    assert.equal(items.at(-1)?.detail, 'In use');
    assert.equal(items.at(-1)?.description, 'https://usage-proxy.example.com');
  });
});
