// The status bar and the key, in the real VS Code against the fake API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import { eventsBetween } from '../fake-api/events';
import { ANALYTICS_PATH } from '../fake-api/server';
import { answerPrompt, extensionApi, localMidnight, removeKeyThroughCommand, setKeyThroughCommand, useFakeApi, waitFor } from './helpers';

const TIME_ZONE = process.env.TZ ?? 'UTC';

function exact(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

describe('status bar and API key', function () {
  this.timeout(60_000);
  const fake = useFakeApi();
  let usage: ElevenLabsUsageApi;

  before(async () => {
    usage = await extensionApi();
    await removeKeyThroughCommand();
  });
  afterEach(() => fake.api.clearFaults());

  it('runs in a time zone away from UTC, so a UTC day would be caught', () => {
    assert.notEqual(localMidnight(Date.now(), TIME_ZONE) % 86_400_000, 0, `TZ=${TIME_ZONE}`);
  });

  it('invites the user to set a key when none is stored', async () => {
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    const view = await waitFor('no-key state', () => usage.statusBar.state.kind === 'noKey' && usage.statusBar.view);
    assert.equal(view.text, '$(key) ElevenLabs: set key');
    assert.equal(view.command, 'elevenlabsUsage.setApiKey');
  });

  it('refuses an invalid key and does not store it', async () => {
    const errors = answerPrompt('showErrorMessage', (async () => undefined) as never);
    try {
      assert.equal(await setKeyThroughCommand('sk_not_a_real_key'), 'refused');
      assert.match(String(errors.calls[0]?.[0]), /^The key was not saved\. ElevenLabs rejected the API key as invalid\./);
    } finally {
      errors.restore();
    }
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(usage.statusBar.state.kind, 'noKey');
  });

  it('offers to store a key without the user_read permission, saying the quota will be missing', async () => {
    const warnings = answerPrompt('showWarningMessage', (async () => undefined) as never);
    try {
      assert.equal(await setKeyThroughCommand(fake.api.restrictedKey), 'cancelled', 'dismissing the offer stores nothing');
      assert.match(String(warnings.calls[0]?.[0]), /^This key can read today\u2019s usage but lacks the "user_read" permission, so the status bar cannot show your quota\. Store it anyway\?$/);
      assert.deepEqual(warnings.calls[0]!.slice(1), ['Store Without Quota', 'Try Another Key']);
    } finally {
      warnings.restore();
    }
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(usage.statusBar.state.kind, 'noKey');
  });

  it('stores a key without user_read when asked, and shows today\u2019s figures with the quota explained', async () => {
    const warnings = answerPrompt('showWarningMessage', (async () => 'Store Without Quota') as never);
    const saved = answerPrompt('showInformationMessage', (async () => undefined) as never);
    try {
      assert.equal(await setKeyThroughCommand(fake.api.restrictedKey), 'storedLimited');
      assert.match(String(saved.calls[0]?.[0]), /^ElevenLabs API key saved \([\d,]+ characters today\)\. The status bar shows today\u2019s usage without the quota\.$/);
    } finally {
      warnings.restore();
      saved.restore();
    }
    const view = await waitFor('current figures', () => usage.statusBar.state.kind === 'current' && usage.statusBar.view);
    assert.match(view.accessibilityLabel, /^ElevenLabs: [\d,]+ characters today$/);
    assert.match(view.text, /^\$\(unmute\) [\d.]+k? chars$/);
    assert.match(view.tooltipMarkdown, /\*\*Quota\*\* unavailable: this key lacks the "user\\_read" permission, which the quota needs\\\. Today\u2019s figures do not need it\\\./);
    assert.doesNotMatch(view.tooltipMarkdown, /\*\*Quota\*\* \(/, 'no quota figures');
    assert.equal(view.background, undefined);
    const stillAsked = fake.api.requests.filter((r) => r.path === '/v1/user/subscription').length;
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(fake.api.requests.filter((r) => r.path === '/v1/user/subscription').length, stillAsked, 'the refused quota is not asked for at every refresh');
    const info = answerPrompt('showWarningMessage', (async () => undefined) as never);
    try {
      assert.equal(await vscode.commands.executeCommand('elevenlabsUsage.checkApiKey'), 'limited');
      assert.match(String(info.calls[0]?.[0]), /^The stored key reads today\u2019s usage but lacks the "user_read" permission, so the status bar cannot show your quota\./);
    } finally {
      info.restore();
    }
  });

  it('stores a valid key and shows today\u2019s exact characters since local midnight', async () => {
    assert.equal(await setKeyThroughCommand(fake.api.validKey), 'stored');
    const view = await waitFor('current figures', () => usage.statusBar.state.kind === 'current' && usage.statusBar.view);
    const request = [...fake.api.requests].reverse().find((r) => r.path === '/v1/usage/character-stats' && r.query['metric'] === 'tts_characters');
    assert.ok(request, 'no characters request');
    const start = Number(request.query['start_unix']);
    const end = Number(request.query['end_unix']);
    assert.equal(start, localMidnight(end, TIME_ZONE), 'today starts at local midnight');
    assert.equal(request.query['aggregation_interval'], 'cumulative');
    const expected = eventsBetween(start, end, { now: end }).filter((e) => e.byCaller).reduce((sum, e) => sum + e.metrics.tts_characters, 0);
    assert.equal(view.accessibilityLabel, `ElevenLabs: ${exact(expected)} characters today`);
    assert.match(view.text, /^\$\(unmute\) [\d.]+k? chars$/);
    assert.match(view.tooltipMarkdown, /\*\*Quota\*\*/);
  });

  it('keeps the last figure as stale through faults and recovers', async () => {
    const before = usage.statusBar.view!.accessibilityLabel;
    for (const fault of [{ htmlPage: 10 }, { rateLimit: { count: 10, retryAfterSeconds: 1 } }, { serverError: 10 }]) {
      fake.api.setFaults(fault);
      await vscode.commands.executeCommand('elevenlabsUsage.refresh');
      const state = usage.statusBar.state;
      assert.equal(state.kind, 'stale', JSON.stringify(fault));
      assert.ok(usage.statusBar.view!.accessibilityLabel.startsWith(before.replace(/ today$/, ' today, stale since')), usage.statusBar.view!.accessibilityLabel);
      assert.match(usage.statusBar.view!.tooltipMarkdown, /\*\*Stale:\*\*/);
      fake.api.clearFaults();
      await vscode.commands.executeCommand('elevenlabsUsage.refresh');
      assert.equal(usage.statusBar.state.kind, 'current');
    }
  });

  it('marks the figure stale when ElevenLabs does not answer in time', async function () {
    this.timeout(90_000);
    fake.api.setFaults({ hang: true });
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    const state = usage.statusBar.state;
    assert.equal(state.kind, 'stale');
    assert.match(state.kind === 'stale' ? state.reason : '', /did not answer within 15 seconds/);
    fake.api.clearFaults();
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(usage.statusBar.state.kind, 'current');
  });

  it('turns to the warning and error backgrounds as the quota fills', async () => {
    const quota = usage.statusBar.state.kind === 'current' ? usage.statusBar.state.snapshot.quota : undefined;
    assert.ok(quota && quota.used > 0);
    const config = vscode.workspace.getConfiguration('elevenlabsUsage');
    try {
      await config.update('statusBar.quotaWarningPercent', 1, vscode.ConfigurationTarget.Global);
      await waitFor('warning background', () => usage.statusBar.view?.background === 'warning');
      await config.update('statusBar.quotaErrorPercent', 2, vscode.ConfigurationTarget.Global);
      await waitFor('error background', () => usage.statusBar.view?.background === 'error');
    } finally {
      await config.update('statusBar.quotaWarningPercent', undefined, vscode.ConfigurationTarget.Global);
      await config.update('statusBar.quotaErrorPercent', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('normal background', () => usage.statusBar.view?.background === undefined);
  });

  it('shows only the icon when asked, with the figure kept for screen readers', async () => {
    const config = vscode.workspace.getConfiguration('elevenlabsUsage');
    try {
      await config.update('statusBar.display', 'iconOnly', vscode.ConfigurationTarget.Global);
      const view = await waitFor('icon only', () => usage.statusBar.view?.text === '$(unmute)' && usage.statusBar.view);
      assert.match(view.accessibilityLabel, /^ElevenLabs: [\d,]+ characters today$/);
    } finally {
      await config.update('statusBar.display', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('takes every credit figure from the successor when the User settings say elevenlabsUsage.source "analytics", asking no character-stats', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('elevenlabsUsage');
    const before = fake.api.requests.length;
    await config().update('source', 'analytics', vscode.ConfigurationTarget.Global);
    try {
      const view = await waitFor('credits from the successor', () => (usage.statusBar.view?.text.endsWith(' credits') ? usage.statusBar.view : undefined));
      const analytics = fake.api.requests.slice(before).find((r) => r.path === ANALYTICS_PATH);
      assert.ok(analytics, 'the successor was asked');
      const body = analytics.body as { start_time: number; end_time: number; time_zone: string };
      assert.equal(body.time_zone, TIME_ZONE);
      assert.equal(body.start_time, localMidnight(body.end_time - 1, TIME_ZONE), 'today starts at local midnight');
      const expected = eventsBetween(body.start_time, body.end_time, { now: analytics.atMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
      assert.equal(view.accessibilityLabel, `ElevenLabs: ${exact(expected)} credits today`);
      assert.match(view.tooltipMarkdown, /Characters \| not asked \(your setting\)/);
      // This billing period, charted from the successor too: the quota's credits by the user's own days.
      await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod' });
      const chart = await waitFor('the billing period', () => {
        const state = usage.chartPanel.state;
        return state?.query.preset === 'billingPeriod' && state.data?.billingPeriod ? state : undefined;
      });
      const periodRequest = fake.api.requests.slice(before).find((r) => r.path === ANALYTICS_PATH && (r.body as { start_time: number }).start_time === chart.data!.startUnix);
      assert.ok(periodRequest, 'the period was asked of the successor');
      const days = chart.data!.time.map((t, i) => eventsBetween(t, chart.data!.ends[i]!, { now: periodRequest.atMs }).reduce((sum, e) => sum + e.metrics.credits, 0));
      assert.equal(chart.data!.series.length, 1);
      const charted = chart.data!.series[0]!.values.map((v) => v ?? 0);
      assert.ok(charted.every((v, i) => Math.abs(v - days[i]!) < 1e-6), `each local day is the log\u2019s credits of that day: ${charted.join(', ')} vs ${days.join(', ')}`);
      assert.equal(fake.api.requests.slice(before).filter((r) => r.path === '/v1/usage/character-stats').length, 0, 'character-stats was not asked');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await config().update('source', undefined, vscode.ConfigurationTarget.Global);
    }
    // Back to "auto": characters again, from character-stats.
    await waitFor('characters again', () => usage.statusBar.view?.text.endsWith(' chars'));
  });

  // Near the end: once retired, character-stats is asked again only a day later (removing the key forgets it).
  it('shows today\u2019s credits from the successor once character-stats answers as retired, saying so, without asking it again', async () => {
    fake.api.retireCharacterStats(404);
    try {
      const before = fake.api.requests.length;
      await vscode.commands.executeCommand('elevenlabsUsage.refresh');
      const view = await waitFor('credits from the successor', () => (usage.statusBar.view?.text.endsWith(' credits') ? usage.statusBar.view : undefined));
      const sent = fake.api.requests.slice(before);
      const analytics = sent.find((r) => r.path === ANALYTICS_PATH);
      assert.ok(sent.some((r) => r.path === '/v1/usage/character-stats'), 'character-stats was asked, and refused');
      assert.ok(analytics, 'the successor was asked');
      const body = analytics.body as { start_time: number; end_time: number; time_zone: string; interval_seconds: number };
      assert.deepEqual([body.time_zone, body.interval_seconds], [TIME_ZONE, 86_400]);
      assert.equal(body.start_time, localMidnight(body.end_time - 1, TIME_ZONE), 'today starts at local midnight');
      // The workspace's credits (the successor's only scope) since local midnight, from the fake's log.
      const expected = eventsBetween(body.start_time, body.end_time, { now: analytics.atMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
      assert.equal(view.accessibilityLabel, `ElevenLabs: ${exact(expected)} credits today`);
      assert.match(view.tooltipMarkdown, /Characters \| no longer served/);
      assert.match(view.tooltipMarkdown, /asked again once a day/);
      const again = fake.api.requests.length;
      await vscode.commands.executeCommand('elevenlabsUsage.refresh');
      assert.equal(usage.statusBar.state.kind, 'current');
      assert.ok(!fake.api.requests.slice(again).some((r) => r.path === '/v1/usage/character-stats'), 'not asked again within the day');
      // A click opens the last 7 days of credits from the successor, not a chart of characters that cannot come.
      await vscode.commands.executeCommand('elevenlabsUsage.statusBarClick');
      const chart = await waitFor('the successor\u2019s chart', () => {
        const state = usage.chartPanel.state;
        return state?.query.source === 'analytics' && state.data ? state : undefined;
      });
      assert.equal(chart.query.preset, 'last7Days');
      assert.equal(chart.data?.metric, 'credits');
      // This billing period and its pace keep working: from the successor, without asking character-stats again.
      const beforePeriod = fake.api.requests.length;
      await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod' });
      const period = await waitFor('the billing period', () => {
        const state = usage.chartPanel.state;
        return state?.query.preset === 'billingPeriod' && state.data?.billingPeriod ? state : undefined;
      });
      const periodPaths = fake.api.requests.slice(beforePeriod).map((r) => r.path);
      assert.ok(periodPaths.includes(ANALYTICS_PATH) && !periodPaths.includes('/v1/usage/character-stats'), periodPaths.join(', '));
      assert.ok(period.data!.billingPeriod!.runningTotal.at(-1)! > 0);
      assert.ok(period.data!.billingPeriod!.projection, 'the pace, from the successor\u2019s last 7 days');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      fake.api.retireCharacterStats(undefined);
    }
  });

  it('returns to the no-key state when the key is removed', async () => {
    await removeKeyThroughCommand();
    await waitFor('no-key state', () => usage.statusBar.state.kind === 'noKey');
    assert.equal(usage.statusBar.view!.text, '$(key) ElevenLabs: set key');
  });
});
