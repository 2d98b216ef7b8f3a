// Several accounts in the real VS Code: Default on one fake API (the apiBaseUrl setting) and "Client B" on a second
// fake with its own key and event log, added through the commands as a person would. Each server sees only its
// own key, whatever the order of switches and refreshes; the item names the active account and shows its log's
// figure since local midnight; a chart compares them, a series each; each account's quota alerts in its own name;
// removing an account leaves nothing of it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import { eventsBetween } from '../fake-api/events';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import { answerPrompt, extensionApi, localMidnight, removeKeyThroughCommand, setKeyThroughCommand, useFakeApi, waitFor } from './helpers';

const TIME_ZONE = process.env.TZ ?? 'UTC';
const KEY_B = 'sk_demo_b_000000000000000000000000000000000000000';
type WindowApi = typeof vscode.window;

/** The labels of the chart tabs open, in every group. */
function chartTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).filter((label) => label.startsWith('ElevenLabs:'));
}

function exact(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

/** The characters of one fake's log between local midnight and the end of its newest "today" request. */
function todayOf(api: FakeApi, seed: number): { expected: string } | undefined {
  const today = api.requests.filter((r) => r.path === '/v1/usage/character-stats' && r.query['metric'] === 'tts_characters' && r.query['aggregation_interval'] === 'cumulative').at(-1);
  if (!today) return undefined;
  const start = Number(today.query['start_unix']);
  const end = Number(today.query['end_unix']);
  assert.equal(start, localMidnight(end, TIME_ZONE), 'today starts at local midnight');
  const characters = eventsBetween(start, end + 1, { seed, now: today.atMs }).filter((e) => e.byCaller).reduce((sum, e) => sum + e.metrics.tts_characters, 0);
  return { expected: exact(characters) };
}

describe('several accounts, each with its own host and key', function () {
  this.timeout(60_000);
  const fakeA = useFakeApi();
  let apiB: FakeApi;
  let usage: ElevenLabsUsageApi;
  const SEED_B = 4242;

  before(async () => {
    usage = await extensionApi();
    apiB = await startFakeApi({ validKey: KEY_B, seed: SEED_B });
  });
  after(async () => {
    await apiB.close();
  });

  it('adds "Client B" on its own host, checks its key there, and shows its figure named in the item', async () => {
    assert.equal(await setKeyThroughCommand(fakeA.api.validKey), 'stored');
    await waitFor('Default\u2019s figure', () => usage.statusBar.view?.text.endsWith(' chars'));
    assert.doesNotMatch(usage.statusBar.view!.text, /Default/, 'one account is not named');

    const typed = ['Client B', apiB.url, KEY_B];
    const inputs = answerPrompt('showInputBox', (async () => typed.shift()) as WindowApi['showInputBox']);
    const picks = answerPrompt('showQuickPick', (async (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label.startsWith('Other host'))) as unknown as WindowApi['showQuickPick']);
    try {
      await vscode.commands.executeCommand('elevenlabsUsage.addAccount');
    } finally {
      inputs.restore();
      picks.restore();
    }
    assert.deepEqual(typed, [], 'asked for the name, the host and the key');
    const view = await waitFor('Client B\u2019s figure', () => {
      const figure = todayOf(apiB, SEED_B);
      const shown = usage.statusBar.view;
      return figure && shown?.text.startsWith('$(unmute) Client B: ') && shown.accessibilityLabel === `ElevenLabs, Client B: ${figure.expected} characters today` ? shown : undefined;
    });
    assert.match(view.tooltipMarkdown, /\*\*Account:\*\* Client B \(2 of 2\)/);
    // The other account in the tooltip: a link that switches to it, and its own figure from its own host.
    await waitFor('Default\u2019s figure in the tooltip', () => {
      const figure = todayOf(fakeA.api, fakeA.api.seed);
      return figure && new RegExp(`- \\[Default\\]\\(command:elevenlabsUsage\\.switchAccount\\?[^)]+\\): ${figure.expected} characters today \\\\\\(at `).test(usage.statusBar.view?.tooltipMarkdown ?? '');
    });
    // statusBar.accounts "sum" in the User settings: both accounts' characters of today, each from its own log.
    const config = vscode.workspace.getConfiguration('elevenlabsUsage');
    await config.update('statusBar.accounts', 'sum', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the sum of both accounts', () => {
        const a = todayOf(fakeA.api, fakeA.api.seed);
        const b = todayOf(apiB, SEED_B);
        const sum = a && b ? exact(Number(a.expected.replace(/,/g, '')) + Number(b.expected.replace(/,/g, ''))) : undefined;
        return sum !== undefined && usage.statusBar.view?.accessibilityLabel === `ElevenLabs, 2 accounts: ${sum} characters today`;
      });
    } finally {
      await config.update('statusBar.accounts', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(apiB.requests.length > 0 && apiB.requests.every((r) => r.ownKey), 'B saw only B\u2019s key');
    assert.ok(fakeA.api.requests.every((r) => r.ownKey), 'A never saw B\u2019s key');
  });

  it('switches from the tooltip\u2019s link and back, each server seeing only its own key in every refresh', async () => {
    const id = decodeURIComponent(/switchAccount\?([^)]+)\)/.exec(usage.statusBar.view!.tooltipMarkdown)![1]!);
    const [defaultId] = JSON.parse(id) as [string];
    for (let round = 0; round < 3; round++) {
      await vscode.commands.executeCommand('elevenlabsUsage.switchAccount', defaultId);
      await waitFor('Default\u2019s figure', () => {
        const figure = todayOf(fakeA.api, fakeA.api.seed);
        return figure && usage.statusBar.view?.accessibilityLabel === `ElevenLabs, Default: ${figure.expected} characters today`;
      });
      await vscode.commands.executeCommand('elevenlabsUsage.refresh');
      const bId = (/switchAccount\?([^)]+)\)/.exec(usage.statusBar.view!.tooltipMarkdown) ?? [])[1];
      assert.ok(bId, 'the tooltip links Client B');
      await vscode.commands.executeCommand('elevenlabsUsage.switchAccount', (JSON.parse(decodeURIComponent(bId)) as [string])[0]);
      await waitFor('Client B\u2019s figure', () => {
        const figure = todayOf(apiB, SEED_B);
        return figure && usage.statusBar.view?.accessibilityLabel === `ElevenLabs, Client B: ${figure.expected} characters today`;
      });
    }
    assert.ok(fakeA.api.requests.every((r) => r.ownKey), 'A never saw B\u2019s key');
    assert.ok(apiB.requests.every((r) => r.ownKey), 'B never saw A\u2019s key');
    // A chart opened now is the active account's, from its host, and its tab says whose.
    const isChart = (r: FakeApi['requests'][number]): boolean => Number(r.query['end_unix']) - Number(r.query['start_unix']) > 86_400_000;
    const beforeB = apiB.requests.length;
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'tts_characters' });
    await waitFor('the chart from B', () => usage.chartPanel.state?.data);
    assert.ok(apiB.requests.slice(beforeB).some(isChart), 'the chart asked B');
    await waitFor('the tab named for Client B', () => chartTabs().includes('ElevenLabs: TTS characters (Client B)'));
    // One of the other account, by name, while Client B stays active: from Default's host, with Default's key only.
    const beforeA = fakeA.api.requests.length;
    const beforeB2 = apiB.requests.length;
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'tts_characters', account: 'default' });
    await waitFor('the chart from A', () => usage.chartPanel.state?.query.account === defaultId && usage.chartPanel.state.data);
    assert.ok(fakeA.api.requests.slice(beforeA).some(isChart), 'the chart asked A');
    assert.ok(!apiB.requests.slice(beforeB2).some(isChart), 'not B');
    await waitFor('the tab named for Default', () => chartTabs().includes('ElevenLabs: TTS characters (Default)'));
    assert.ok(usage.statusBar.view?.text.includes('Client B: '), 'the item still shows the active account');
    assert.ok(fakeA.api.requests.every((r) => r.ownKey) && apiB.requests.every((r) => r.ownKey));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('compares both accounts in one chart, each series from its own host\u2019s log; a failing host leaves the other, named', async () => {
    const isChart = (r: FakeApi['requests'][number]): boolean => r.path === '/v1/usage/character-stats' && Number(r.query['end_unix']) - Number(r.query['start_unix']) > 86_400_000;
    const beforeA = fakeA.api.requests.filter(isChart).length;
    const beforeB = apiB.requests.filter(isChart).length;
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'tts_characters', compareAccounts: 'all' });
    const data = await waitFor('a series per account', () => {
      const state = usage.chartPanel.state;
      return state?.query.compare && state.data?.series.length === 2 ? state.data : undefined;
    });
    assert.deepEqual(
      data.series.map((s) => s.name),
      ['Default', 'Client B'],
    );
    assert.ok(fakeA.api.requests.filter(isChart).length > beforeA && apiB.requests.filter(isChart).length > beforeB, 'each host was asked');
    assert.ok(fakeA.api.requests.every((r) => r.ownKey) && apiB.requests.every((r) => r.ownKey), 'each with its own key only');
    // Each series, day by local day, is its own fake's log: the accounts' logs differ.
    const localDate = (ms: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    for (const [series, seed] of [[data.series[0]!, fakeA.api.seed], [data.series[1]!, SEED_B]] as const) {
      const expected = new Map<string, number>();
      for (const event of eventsBetween(data.startUnix, data.endUnix + 1, { seed, now: data.endUnix }).filter((e) => e.byCaller)) {
        expected.set(localDate(event.timeMs), (expected.get(localDate(event.timeMs)) ?? 0) + event.metrics.tts_characters);
      }
      const charted = new Map(series.values.flatMap((value, i) => (value ? [[localDate(data.time[i]!), value] as const] : [])));
      assert.deepEqual(new Map([...charted].sort()), new Map([...expected].sort()), series.name);
    }
    assert.notEqual(data.series[0]!.total, data.series[1]!.total);
    await waitFor('the tab naming both', () => chartTabs().includes('ElevenLabs: TTS characters (Default vs Client B)'));

    // Client B's host fails: Default's series stays, and the chart says whose figures are missing and why.
    apiB.setFaults({ byPath: { '*': { status: 503, body: 'html' } } });
    try {
      await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'tts_characters', compareAccounts: ['Default', 'Client B'] });
      const partial = await waitFor('Default alone, Client B named', () => {
        const shown = usage.chartPanel.state?.data;
        return shown?.series.length === 1 && shown.notes?.length ? shown : undefined;
      });
      assert.equal(partial.series[0]!.name, 'Default');
      assert.match(partial.notes![0]!, /^No figures from Client B: /);
    } finally {
      apiB.clearFaults();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('alerts each account\u2019s quota in its own name: one account\u2019s alert does not silence the other\u2019s', async () => {
    const warnings = answerPrompt('showWarningMessage', (async () => undefined) as never);
    const alerts = (): string[] => warnings.calls.map((call) => String(call[0])).filter((m) => m.startsWith('ElevenLabs quota '));
    fakeA.api.setSubscription({ usedFraction: 0.93 });
    apiB.setSubscription({ usedFraction: 0.91 });
    try {
      const ids = () => [...usage.statusBar.view!.tooltipMarkdown.matchAll(/switchAccount\?([^)]+)\)/g)].map((m) => (JSON.parse(decodeURIComponent(m[1]!)) as [string])[0]);
      const [defaultId] = ids();
      await vscode.commands.executeCommand('elevenlabsUsage.switchAccount', defaultId);
      await waitFor('Default\u2019s alert', () => alerts().some((m) => m.startsWith('ElevenLabs quota of Default 90% used')));
      const [bId] = ids();
      await vscode.commands.executeCommand('elevenlabsUsage.switchAccount', bId);
      await waitFor('Client B\u2019s alert', () => alerts().some((m) => m.startsWith('ElevenLabs quota of Client B 90% used')));
      assert.equal(alerts().filter((m) => m.includes('of Default')).length, 1, 'Default\u2019s alert once');
      assert.ok(alerts().every((m) => /^ElevenLabs quota of (Default|Client B) /.test(m)), 'every alert names its account');
    } finally {
      warnings.restore();
      fakeA.api.setSubscription({ usedFraction: undefined });
      apiB.setSubscription({ usedFraction: undefined });
    }
  });

  it('renames and removes an account: its key goes, and the item reads as with one account again', async () => {
    const renamed = answerPrompt('showInputBox', (async () => 'Client Bee') as WindowApi['showInputBox']);
    const pickB = answerPrompt('showQuickPick', (async (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label.startsWith('Client B'))) as unknown as WindowApi['showQuickPick']);
    try {
      await vscode.commands.executeCommand('elevenlabsUsage.renameAccount');
      await waitFor('the new name', () => usage.statusBar.view?.text.includes('Client Bee: '));
      const confirm = answerPrompt('showWarningMessage', (async () => 'Remove Account') as unknown as WindowApi['showWarningMessage']);
      try {
        assert.equal(await vscode.commands.executeCommand('elevenlabsUsage.removeAccount'), true);
      } finally {
        confirm.restore();
      }
    } finally {
      renamed.restore();
      pickB.restore();
    }
    const view = await waitFor('Default alone', () => {
      const figure = todayOf(fakeA.api, fakeA.api.seed);
      return figure && usage.statusBar.view?.accessibilityLabel === `ElevenLabs: ${figure.expected} characters today` ? usage.statusBar.view : undefined;
    });
    assert.doesNotMatch(view.tooltipMarkdown, /Account:|Client B/);
    const before = apiB.requests.length;
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(apiB.requests.length, before, 'nothing more goes to the removed account\u2019s host');
    await removeKeyThroughCommand();
  });
});
