// Faults in the real VS Code: whatever the API does, the status bar shows a valid state, keeps the last good
// figure marked stale, and is current again at the first refresh after the fault ends.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import type { StatusState } from '../../src/status/statusState';
import { startFakeApi, type FakeApi, type Faults } from '../fake-api/server';
import { extensionApi, removeKeyThroughCommand, setKeyThroughCommand, waitFor } from './helpers';

const config = () => vscode.workspace.getConfiguration('elevenlabsUsage');

function assertValidState(state: StatusState): void {
  assert.ok(['noKey', 'loading', 'current', 'stale', 'error'].includes(state.kind), JSON.stringify(state));
}

describe('faults and recovery', function () {
  this.timeout(180_000);
  let api: FakeApi;
  let port: number;
  let usage: ElevenLabsUsageApi;

  async function refresh(): Promise<StatusState> {
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    const state = usage.statusBar.state;
    assertValidState(state);
    return state;
  }

  before(async () => {
    usage = await extensionApi();
    api = await startFakeApi();
    port = Number(new URL(api.url).port);
    await config().update('apiBaseUrl', api.url, vscode.ConfigurationTarget.Global);
    assert.equal(await setKeyThroughCommand(api.validKey), 'stored');
    await waitFor('current figures', () => usage.statusBar.state.kind === 'current');
  });
  after(async () => {
    await removeKeyThroughCommand();
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  });

  it('survives the API going away and coming back on the same address', async () => {
    const good = usage.statusBar.view!.accessibilityLabel;
    await api.close();
    const gone = await refresh();
    assert.equal(gone.kind, 'stale');
    assert.match(gone.kind === 'stale' ? gone.reason : '', new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    assert.ok(usage.statusBar.view!.accessibilityLabel.startsWith(`${good}, stale since`));
    api = await startFakeApi({ port });
    assert.equal((await refresh()).kind, 'current');
  });

  const faults: Array<[string, Partial<Faults>, RegExp]> = [
    ['truncated JSON', { malformedJson: 1 }, /unreadable answer instead of data \(HTTP 200\)/],
    ['arrays shorter than the time axis', { truncatedArrays: 1 }, /values for \d+ time labels/],
    ['a 429 burst with a long Retry-After', { rateLimit: { count: 5, retryAfterSeconds: 120 } }, /It asked to wait 120 seconds/],
    ['an HTML error page', { htmlPage: 3 }, /server error \(HTTP 502; an HTML page came instead of data/],
    ['500s', { serverError: 3 }, /server error \(HTTP 500\)/],
    ['a 503 page on the usage endpoint only', { byPath: { '/v1/usage/character-stats': { status: 503, body: 'html' } } }, /server error \(HTTP 503; an HTML page came instead of data/],
    ['an empty 503', { byPath: { '*': { status: 503, body: 'empty' } } }, /server error \(HTTP 503; an empty answer\)/],
    ['a 429 page with a long Retry-After', { byPath: { '*': { status: 429, body: 'html', retryAfterSeconds: 120 } } }, /limiting requests \(HTTP 429\)\. It asked to wait 120 seconds/],
  ];
  for (const [name, fault, reason] of faults) {
    it(`keeps the figure through ${name}, then recovers at the next refresh`, async () => {
      api.setFaults(fault);
      const during = await refresh();
      assert.equal(during.kind, 'stale');
      assert.match(during.kind === 'stale' ? during.reason : '', reason);
      api.clearFaults();
      assert.equal((await refresh()).kind, 'current');
    });
  }

  it('refuses plain http to a host other than this machine, sending nothing', async () => {
    await config().update('apiBaseUrl', 'http://api.elevenlabs.io', vscode.ConfigurationTarget.Global);
    try {
      const state = await waitFor('the refusal', () => usage.statusBar.state.kind === 'error' && usage.statusBar.state);
      assert.match(state.kind === 'error' ? state.reason : '', /Refusing to send your API key over plain http to api\.elevenlabs\.io/);
      assert.equal(usage.statusBar.view!.background, 'error');
    } finally {
      await config().update('apiBaseUrl', api.url, vscode.ConfigurationTarget.Global);
    }
    await waitFor('current again', () => usage.statusBar.state.kind === 'current');
  });

  it('soaks: 200 refreshes with random faults leave timers, listeners and memory flat', async () => {
    // A small seeded generator, so a failure can be replayed.
    let seed = 20261124;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const choices: Array<Partial<Faults> | undefined> = [undefined, undefined, { malformedJson: 1 }, { truncatedArrays: 1 }, { rateLimit: { count: 1, retryAfterSeconds: 600 } }];
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    // Heap after a full collection, so garbage not yet collected does not read as growth.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Listeners: requests put 'abort' listeners on signals. A leak is a listener left on a signal that stays
    // alive; signals of finished refreshes are collected with theirs. So count, per signal, listeners added
    // less removed, and after a full collection sum them over the signals still alive (the extension runs in
    // this realm, so it uses this AbortSignal).
    const proto = AbortSignal.prototype as unknown as EventTarget;
    const { addEventListener: add, removeEventListener: remove } = proto;
    const attached = new WeakMap<EventTarget, number>();
    const signals: Array<WeakRef<EventTarget>> = [];
    proto.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
      if (!attached.has(this)) signals.push(new WeakRef(this));
      attached.set(this, (attached.get(this) ?? 0) + 1);
      return add.apply(this, args);
    };
    proto.removeEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['removeEventListener']>) {
      attached.set(this, (attached.get(this) ?? 0) - 1);
      return remove.apply(this, args);
    };
    const liveListeners = async (): Promise<{ signals: number; listeners: number }> => {
      // WeakRefs keep their targets until the current job ends: let two turns pass, collecting after each.
      for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        gc();
      }
      const alive = signals.map((ref) => ref.deref()).filter((signal): signal is EventTarget => signal !== undefined && (attached.get(signal) ?? 0) > 0);
      return { signals: alive.length, listeners: alive.reduce((sum, signal) => sum + attached.get(signal)!, 0) };
    };
    // A first round through every fault kind before the baseline: what is made once and kept (the HTTP
    // client's pooled connections and their timers, lazily built parts) is not a leak.
    for (const fault of choices) {
      if (fault) api.setFaults(fault);
      await refresh();
      api.clearFaults();
    }
    assert.equal((await refresh()).kind, 'current');
    const before = { timers: timers(), heap: heap() };
    const kinds: Record<string, number> = {};
    try {
      for (let cycle = 0; cycle < 200; cycle++) {
        const fault = choices[Math.floor(random() * choices.length)];
        if (fault) api.setFaults(fault);
        const state = await refresh();
        kinds[state.kind] = (kinds[state.kind] ?? 0) + 1;
        assert.equal(state.kind, fault ? 'stale' : 'current', `cycle ${cycle}: ${JSON.stringify(fault)}`);
        api.clearFaults();
      }
      assert.equal((await refresh()).kind, 'current');
    } finally {
      proto.addEventListener = add;
      proto.removeEventListener = remove;
    }
    const after = { timers: timers(), heap: heap() };
    const live = await liveListeners();
    console.log(
      `soak: 200 refreshes ${JSON.stringify(kinds)}; timers ${before.timers} -> ${after.timers}; ` +
        `${signals.length} signals got abort listeners, ${live.listeners} still attached to ${live.signals} live ones; ` +
        `heap ${(before.heap / 1e6).toFixed(1)} MB -> ${(after.heap / 1e6).toFixed(1)} MB`,
    );
    assert.ok(signals.length >= 200, 'the count saw the requests');
    assert.ok(live.listeners <= 2, `${live.listeners} abort listeners left on ${live.signals} live signals`);
    assert.ok(after.timers <= before.timers + 2, `timers grew from ${before.timers} to ${after.timers}`);
    assert.ok(after.heap < before.heap + 5e6, `heap grew by ${((after.heap - before.heap) / 1e6).toFixed(1)} MB`);
  });
});
