// "This billing period" in the real VS Code against the fake API: Show Usage with { preset: "billingPeriod" } opens
// the chart of the quota's period (from its start, in the user's days, to now) with the very figures and words of
// the status bar's tooltip; without a quota (a key without user_read, the subscription endpoint down) the panel
// says why and keeps the last good chart. (The quota alert's Show Usage is in quotaAlerts.test.ts.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import { SUBSCRIPTION_PATH } from '../fake-api/server';
import { answerPrompt, extensionApi, localMidnight, removeKeyThroughCommand, setKeyThroughCommand, useFakeApi, waitFor } from './helpers';

const TIME_ZONE = process.env.TZ ?? 'UTC';
const DAY = 86_400_000;

describe('the billing-period chart', function () {
  this.timeout(60_000);
  // 40% used: below every alert threshold, so this suite leaves the alerts' claims to theirs.
  const fake = useFakeApi({ usedFraction: 0.4 });
  let usage: ElevenLabsUsageApi;

  before(async () => {
    usage = await extensionApi();
    await removeKeyThroughCommand();
  });
  after(async () => {
    fake.api.clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeKeyThroughCommand();
  });

  /**
   * Sets `key` and waits until the status bar has shown a refresh with it (with a quota or a reason for none). A key
   * whose quota cannot be read is stored anyway, as a person would when offered.
   */
  async function setKey(key: string): Promise<void> {
    await removeKeyThroughCommand();
    await waitFor('the no-key state', () => usage.statusBar.state.kind === 'noKey');
    // "Store Without Quota" for a key without user_read, "Store Unchecked" when the check could not be made.
    const offer = answerPrompt('showWarningMessage', (async (...args: unknown[]) => args.find((a) => typeof a === 'string' && a.startsWith('Store '))) as never);
    const saved = answerPrompt('showInformationMessage', (async () => undefined) as never);
    try {
      assert.match(await setKeyThroughCommand(key), /^stored/);
    } finally {
      saved.restore();
      offer.restore();
    }
    await waitFor('the status bar\u2019s figures', () => {
      const state = usage.statusBar.state;
      return state.kind === 'current' && (state.snapshot.quota !== undefined || state.snapshot.quotaProblem !== undefined);
    });
  }

  it('opens with the period from the quota, in the user\u2019s days, and the tooltip\u2019s figures and words', async () => {
    await setKey(fake.api.validKey);
    const state = usage.statusBar.state;
    assert.ok(state.kind === 'current' && state.snapshot.quota, 'the status bar has the quota');
    const quota = state.snapshot.quota;
    const query = (await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod', metric: null })) as { preset?: string };
    assert.equal(query.preset, 'billingPeriod');
    const data = await waitFor('the billing-period chart', () => usage.chartPanel.state?.data?.billingPeriod && usage.chartPanel.state.data);
    const figures = data.billingPeriod!;
    const tab = await waitFor('the chart tab', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.isActive && t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('elevenlabsUsage.chart')),
    );
    assert.equal(tab.label, 'ElevenLabs: This billing period');

    // The fake's monthly period resets on the 17th: it began a month before the reset, at the same UTC time.
    const start = new Date(quota.resetsAtMs!);
    start.setUTCMonth(start.getUTCMonth() - 1);
    assert.equal(figures.startMs, start.getTime());
    assert.equal(figures.resetMs, quota.resetsAtMs);
    assert.equal(data.startUnix, start.getTime());
    assert.deepEqual(usage.chartPanel.state!.query.startUnix, start.getTime(), 'the query shown and stored has the period\u2019s start');
    // The days are the user's: after the period's first (cut at its start), each begins at local midnight in TIME_ZONE.
    assert.equal(data.time[0], start.getTime());
    assert.deepEqual(data.buckets, { kind: 'local', unit: 'day' });
    for (const t of data.time.slice(1)) {
      assert.equal(t, localMidnight(t + DAY / 2, TIME_ZONE), `${new Date(t).toISOString()} is a midnight in ${TIME_ZONE}`);
    }
    // A running total: each day adds its credits.
    let sum = 0;
    data.time.forEach((_, i) => {
      sum += data.series.reduce((s, series) => s + (series.values[i] ?? 0), 0);
      assert.ok(Math.abs(figures.runningTotal[i]! - sum) < 1e-6);
    });
    // The figures are the quota's, and the words the tooltip's.
    assert.deepEqual([figures.limit, figures.used], [quota.limit, quota.used]);
    const tooltip = usage.statusBar.view!.tooltipMarkdown.replace(/\\(.)/g, '$1');
    assert.ok(tooltip.includes(figures.words.quota), `${figures.words.quota} in ${tooltip}`);
    assert.ok(tooltip.includes(figures.words.reset), figures.words.reset);
    const projection = figures.projection!;
    assert.ok(projection, 'a projection');
    const runsOut = projection.runsOut === undefined ? '' : `, ${projection.runsOut}`;
    assert.ok(tooltip.includes(`${projection.headline}${runsOut} (${projection.pace})`), `${projection.headline}${runsOut} (${projection.pace}) in ${tooltip}`);
    assert.match(projection.headline, /^At this pace: \d[\d,]*% of the quota by the reset$/);
  });

  it('says the key lacks user_read, and keeps the last good chart', async () => {
    const good = usage.chartPanel.state?.data;
    assert.ok(good?.billingPeriod);
    await setKey(fake.api.restrictedKey);
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod' });
    const sent = await waitFor('the panel\u2019s message', () => usage.chartPanel.state?.sent.at(-1)?.type === 'error' && usage.chartPanel.state.sent.at(-1));
    assert.match(sent.message!, /This billing period cannot be charted: this key lacks the \u201cuser_read\u201d permission/);
    assert.equal(usage.chartPanel.state?.data, good, 'the last good chart stays');
  });

  it('says the subscription could not be had when its endpoint is down, and draws when it is back', async () => {
    const good = usage.chartPanel.state?.data;
    fake.api.setFaults({ byPath: { [SUBSCRIPTION_PATH]: { status: 503, body: 'html' } } });
    await setKey(fake.api.validKey);
    const state = usage.statusBar.state;
    assert.ok(state.kind === 'current' && state.snapshot.quota === undefined, 'no quota in the status bar either');
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod' });
    const sent = await waitFor('the panel\u2019s message', () => {
      const last = usage.chartPanel.state?.sent.at(-1);
      return last?.type === 'error' && /503/.test(last.message ?? '') && last;
    });
    assert.doesNotMatch(sent.message!, /user_read/);
    assert.equal(usage.chartPanel.state?.data, good, 'the last good chart stays');
    fake.api.clearFaults();
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'billingPeriod' });
    await waitFor('a new billing-period chart', () => usage.chartPanel.state?.data !== good && usage.chartPanel.state?.data?.billingPeriod);
  });
});
