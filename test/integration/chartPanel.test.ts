// Show Usage with an argument object, in the real VS Code against the fake API: the panel opens and holds
// exactly what the API answered for that query.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import { analyticsColumn } from '../fake-api/analytics';
import { eventsBetween } from '../fake-api/events';
import { ANALYTICS_PATH } from '../fake-api/server';
import { answerPrompt, extensionApi, localMidnight, removeKeyThroughCommand, setKeyThroughCommand, useFakeApi, waitFor } from './helpers';

const DAY = 86_400_000;
const TIME_ZONE = process.env.TZ ?? 'UTC';

describe('usage chart panel', function () {
  this.timeout(60_000);
  const fake = useFakeApi();
  let usage: ElevenLabsUsageApi;

  before(async () => {
    usage = await extensionApi();
    assert.equal(await setKeyThroughCommand(fake.api.validKey), 'stored');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeKeyThroughCommand();
  });

  async function direct(params: Record<string, string>): Promise<{ time: number[]; usage: Record<string, number[]> }> {
    const url = new URL('/v1/usage/character-stats', fake.api.url);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await fetch(url, { headers: { 'xi-api-key': fake.api.validKey } });
    assert.equal(response.status, 200);
    return (await response.json()) as { time: number[]; usage: Record<string, number[]> };
  }

  it('opens the panel with the data the API returns for the query, in the API\u2019s UTC days when asked', async () => {
    const endUnix = Date.now();
    const startUnix = endUnix - 14 * DAY;
    const args = { startUnix, endUnix, aggregationInterval: 'day', breakdownType: 'model', metric: 'tts_characters', includeWorkspaceMetrics: true, utcBuckets: true };
    const query = await vscode.commands.executeCommand('elevenlabsUsage.showUsage', args);
    assert.deepEqual(query, args);
    const data = await waitFor('chart data', () => usage.chartPanel.state?.data);
    // The tab model reaches the extension host a moment after the panel opens.
    const tab = await waitFor('the chart tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.isActive && t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('elevenlabsUsage.chart')),
    );
    assert.equal(tab.label, 'ElevenLabs: TTS characters');

    const expected = await direct({ start_unix: String(startUnix), end_unix: String(endUnix), aggregation_interval: 'day', breakdown_type: 'model', metric: 'tts_characters', include_workspace_metrics: 'true' });
    assert.deepEqual(data.series.map((s) => s.name).sort(), Object.keys(expected.usage).sort());
    for (const series of data.series) {
      const values = expected.usage[series.name]!;
      expected.time.forEach((t, i) => assert.equal(series.values[data.time.indexOf(t)], values[i], `${series.name} at ${new Date(t).toISOString()}`));
      assert.equal(series.total, values.reduce((a, b) => a + b, 0));
      // Buckets the API left out are there as 0.
      data.time.forEach((t, i) => {
        if (!expected.time.includes(t)) assert.equal(series.values[i], 0);
      });
    }
    assert.equal(data.time.length, 15, 'one bucket per UTC day touched by the 14-day window');
  });

  it('shows days in the user\u2019s own calendar by default, each the sum the API gives between two local midnights', async () => {
    const endUnix = Date.now();
    const startUnix = localMidnight(endUnix - 6 * DAY, TIME_ZONE);
    const args = { startUnix, endUnix, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false };
    const query = await vscode.commands.executeCommand('elevenlabsUsage.showUsage', args);
    assert.deepEqual(query, { ...args, utcBuckets: false }, 'the setting\u2019s default: local buckets');
    const data = await waitFor('the credits chart', () => (usage.chartPanel.state?.data?.metric === 'credits' ? usage.chartPanel.state.data : undefined));
    assert.deepEqual(data.buckets, { kind: 'local', unit: 'day' });
    assert.equal(data.time.length, 7, 'seven local days');
    for (const [i, dayStart] of data.time.entries()) {
      assert.equal(dayStart, localMidnight(dayStart + DAY / 2, TIME_ZONE), `day ${i} starts at local midnight in ${TIME_ZONE}`);
      const dayEnd = data.ends[i]!;
      // The whole day in one cumulative answer, asked directly: the API's own sum between the two midnights.
      const whole = await direct({ start_unix: String(dayStart), end_unix: String(dayEnd - 1), aggregation_interval: 'cumulative', metric: 'credits' });
      const wholeSum = Object.values(whole.usage).flat().reduce((a, b) => a + b, 0);
      assert.ok(Math.abs((data.series[0]?.values[i] ?? 0) - wholeSum) < 1e-6, `day ${i}: ${data.series[0]?.values[i]} vs ${wholeSum}`);
    }
    assert.deepEqual(data.partial.slice(0, 6), [null, null, null, null, null, null]);
    assert.equal(data.partial[6], 'end', 'today so far is cut at its end');
  });

  it('charts the workspace\u2019s credits by model from the analytics source, in the user\u2019s days, with character-stats retired', async () => {
    fake.api.retireCharacterStats(404);
    try {
      const before = fake.api.requests.filter((r) => r.path === ANALYTICS_PATH).length;
      const shownBefore = usage.chartPanel.state?.sent.length ?? 0;
      const query = (await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', source: 'analytics', groupBy: ['model'] })) as { source?: string };
      assert.equal(query?.source, 'analytics');
      const data = await waitFor('the analytics chart', () => {
        // Shown after the command (the panel may still hold the last test's chart until then).
        const state = usage.chartPanel.state;
        return state?.query.source === 'analytics' && state.sent.slice(shownBefore).some((m) => m.type === 'show') ? state.data : undefined;
      });
      // The tab model reaches the extension host a moment after the title changes.
      await waitFor('the chart tab titled for the source', () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((t) => t.isActive && t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('elevenlabsUsage.chart') && t.label === 'ElevenLabs: Workspace credits (analytics)'),
      );
      assert.equal(fake.api.requests.filter((r) => r.path === ANALYTICS_PATH).length - before, 1, 'one request for seven local days');
      assert.deepEqual(data.buckets, { kind: 'local', unit: 'day' });
      const localDate = (ms: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
      data.time.forEach((t) => assert.equal(t === data.startUnix ? t : localMidnight(t + DAY / 2, TIME_ZONE), t, `a bucket starts at local midnight in ${TIME_ZONE}`));
      // The fake's own log, by model and local date: what the chart must hold, bucket for bucket.
      const expected = new Map<string, number>();
      for (const event of eventsBetween(data.startUnix, data.endUnix + 1, { seed: fake.api.seed, now: data.endUnix })) {
        const key = `${analyticsColumn(event, 'model')} ${localDate(event.timeMs)}`;
        expected.set(key, (expected.get(key) ?? 0) + event.metrics.credits);
      }
      const charted = new Map<string, number>();
      for (const series of data.series) {
        series.values.forEach((value, i) => value && charted.set(`${series.name} ${localDate(data.time[i]!)}`, value));
      }
      assert.ok(expected.size > 7, 'the log has several models a day');
      assert.deepEqual(new Map([...charted].sort()), new Map([...expected].sort()));
    } finally {
      fake.api.retireCharacterStats(undefined);
    }
  });

  it('reports a bad argument naming the field, without opening anything', async () => {
    const errors = answerPrompt('showErrorMessage', (async () => undefined) as never);
    try {
      const result = await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'today', metric: 42 });
      assert.equal(result, undefined);
      assert.match(String(errors.calls[0]?.[0]), /"metric" must be one of the API's values/);
    } finally {
      errors.restore();
    }
  });

  it('refuses a query that would make more buckets than a chart shows, before sending it', async () => {
    const before = fake.api.requests.length;
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last12Months', aggregationBucketSize: 60 });
    const last = usage.chartPanel.state?.sent.at(-1);
    assert.equal(last?.type, 'error');
    assert.match(last?.message ?? '', /^This query makes about [\d,]+ buckets; a chart shows at most 200,000\. Choose larger buckets or a shorter window\.$/);
    assert.equal(fake.api.requests.length, before, 'nothing was sent');
  });

  it('lets a newer query replace one in flight without a false error', async () => {
    fake.api.setFaults({ latencyMs: 1500 });
    try {
      const first = vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'minutes_used' });
      await waitFor('the first query to be sent', () => fake.api.requests.some((r) => r.query['metric'] === 'minutes_used'));
      fake.api.setFaults({ latencyMs: 0 });
      await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'request_count' });
      await first;
      const sent = usage.chartPanel.state!.sent;
      const sinceSecond = sent.slice(sent.map((m) => m.type).lastIndexOf('loading'));
      assert.deepEqual(sinceSecond.map((m) => m.type), ['loading', 'show'], JSON.stringify(sent));
      assert.equal(usage.chartPanel.state?.data?.metric, 'request_count');
    } finally {
      fake.api.clearFaults();
    }
  });

  it('keeps the last good chart when a query fails, and shows the new one after', async () => {
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', metric: 'credits' });
    const good = await waitFor('credits chart', () => usage.chartPanel.state?.data?.metric === 'credits' && usage.chartPanel.state.data);
    fake.api.setFaults({ serverError: 10 });
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last30Days', metric: 'request_count' });
    assert.equal(usage.chartPanel.state?.data, good, 'the last good data stays');
    fake.api.clearFaults();
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last30Days', metric: 'request_count' });
    assert.equal(usage.chartPanel.state?.data?.metric, 'request_count');
  });
});
