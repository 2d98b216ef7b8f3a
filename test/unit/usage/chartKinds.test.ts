import * as assert from 'node:assert/strict';
import { hostKindOf, knownPresetWindow } from '../../../src/status/panelData';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { WINDOW_PRESETS } from '../../../src/usage/calendar/windows';
import { isWholeChart, withFixedFields } from '../../../src/usage/kinds/chartKind';
import { CHART_KINDS, CHART_PRESETS, chartKindOf, chartPresetLabel, parsePanelQuery } from '../../../src/usage/kinds/chartKinds';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { quota } from '../helpers/billingPeriodData';

const NOW = Date.UTC(2026, 11, 7, 3);
const CHATHAM = ZonedCalendar.for('Pacific/Chatham');
const QUERY: PanelQuery = { startUnix: Date.UTC(2026, 11, 1), endUnix: Date.UTC(2026, 11, 3), aggregationInterval: 'hour', breakdownType: 'voice', metric: 'tts_characters', includeWorkspaceMetrics: false };

describe('the kinds of chart', () => {
  it('give every preset to one kind, typed windows to one, and each kind a host side', () => {
    assert.equal(new Set(CHART_PRESETS).size, CHART_PRESETS.length, 'a preset in two kinds');
    assert.deepEqual(CHART_PRESETS, [...WINDOW_PRESETS, 'billingPeriod'], 'the picker\u2019s and the toolbar\u2019s order');
    assert.equal(CHART_KINDS.filter((kind) => kind.takesCustomWindows).length, 1);
    for (const kind of CHART_KINDS) {
      for (const preset of kind.presets) {
        assert.equal(chartKindOf({ preset }), kind);
        assert.doesNotThrow(() => hostKindOf({ preset }), `${kind.id} has no host side in src/status/panelData.ts`);
      }
    }
    assert.equal(chartKindOf(undefined).id, 'usage');
    assert.equal(chartKindOf({}).id, 'usage');
    assert.throws(() => chartKindOf({ preset: 'nextWeek' }), /No kind of chart has the preset "nextWeek"/);
  });

  it('name their presets as the picker and the toolbar show them', () => {
    assert.deepEqual(CHART_PRESETS.map(chartPresetLabel), ['Today', 'Yesterday', 'Last 7 days', 'Last 30 days', 'This month', 'Last month', 'Last 12 months', 'This billing period']);
  });

  it('refuse a stored or posted query whose preset no kind has, and anything not shaped like a preset', () => {
    assert.deepEqual(parsePanelQuery({ ...QUERY, preset: 'last7Days' }), { ...QUERY, preset: 'last7Days' });
    for (const preset of ['nextWeek', '', 'billingPeriod ', '__proto__', 'x'.repeat(10_000), 7, null, ['today']]) {
      assert.equal(parsePanelQuery({ ...QUERY, preset }), undefined, `accepted ${JSON.stringify(preset)?.slice(0, 40)}`);
    }
  });

  it('the usage chart asks everything; the billing period fixes what the quota counts, whatever the query came with', () => {
    const usage = chartKindOf(undefined);
    const billing = chartKindOf({ preset: 'billingPeriod' });
    assert.equal(isWholeChart(usage), false);
    assert.equal(isWholeChart(billing), true);
    assert.deepEqual(usage.resolve(QUERY, NOW, CHATHAM), QUERY, 'a typed window stays as typed');
    const asked = { ...QUERY, preset: 'billingPeriod', aggregationBucketSize: 3600, utcBuckets: true };
    assert.deepEqual(billing.resolve(asked, NOW, CHATHAM), {
      preset: 'billingPeriod',
      startUnix: QUERY.startUnix,
      endUnix: NOW,
      aggregationInterval: 'day',
      breakdownType: 'none',
      metric: 'credits',
      includeWorkspaceMetrics: true,
      utcBuckets: false,
    });
    assert.deepEqual(withFixedFields(QUERY, []), QUERY);
  });

  it('title the panel by the metric, or by the billing period', () => {
    assert.equal(chartKindOf(QUERY).title(QUERY, 'Characters'), 'ElevenLabs: Characters');
    assert.equal(chartKindOf({ preset: 'billingPeriod' }).title(QUERY, 'Characters'), 'ElevenLabs: This billing period');
  });

  it('know the billing period\u2019s window only from a current quota, and the calendar\u2019s never from the host', () => {
    // The quota resets on 17 Dec 2026 08:14:26 UTC, monthly: the period began a month earlier.
    const known = { quota: quota({ resetsAtMs: Date.UTC(2026, 11, 17, 8, 14, 26) }), recentCredits: undefined, recentCreditsProblem: undefined };
    assert.deepEqual(knownPresetWindow('billingPeriod', known, NOW, CHATHAM), { startUnix: Date.UTC(2026, 10, 17, 8, 14, 26), endUnix: NOW });
    assert.equal(knownPresetWindow('billingPeriod', undefined, NOW, CHATHAM), undefined);
    assert.equal(knownPresetWindow('last7Days', known, NOW, CHATHAM), undefined);
    // Before the host knows, the billing period stands on this calendar month in the user's zone, ending now.
    const billing = chartKindOf({ preset: 'billingPeriod' });
    assert.deepEqual(billing.presetWindow('billingPeriod', NOW, CHATHAM), { startUnix: Date.UTC(2026, 10, 30, 10, 15), endUnix: NOW });
  });
});
