// The "This billing period" chart: the period resolved from the quota, its credits by the user's own day added up,
// and the projection to the reset with the tooltip's own figures and words; what it says when the quota leaves the
// period unknown; the fake API over HTTP for the requests (the subscription asked for only when the status bar has
// no current quota, a member's key falling back to its own credits, a key without user_read). The user is in
// Pacific/Kiritimati (UTC+14) and the process in America/Adak (UTC-10) or UTC, so only the user's calendar may count.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { isElevenLabsError } from '../../../src/api/errors';
import type { SubscriptionQuota } from '../../../src/api/types';
import { fetchBillingPeriodChart, resolveBillingPeriod, withBillingPeriod, type KnownQuota } from '../../../src/status/billingPeriodChart';
import { quotaOutlook } from '../../../src/status/quotaOutlook';
import { statusView } from '../../../src/status/statusModel';
import { parseBillingPeriod, runningTotals } from '../../../src/usage/billingPeriod';
import type { ChartData } from '../../../src/usage/chartData';
import { asBillingPeriodQuery } from '../../../src/usage/kinds/billingPeriodKind';
import { parsePanelQuery, withResolvedWindow } from '../../../src/usage/kinds/chartKinds';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { ANALYTICS_PATH, CHARACTER_STATS_PATH, startFakeApi, SUBSCRIPTION_PATH, type FakeApi } from '../../fake-api/server';
import { DAY, HOUR, KIRITIMATI, NOW, PERIOD_START, periodData, quota, RESET, week, ZONE } from '../helpers/billingPeriodData';
import { inTimeZone } from '../helpers/timeZone';

const QUERY: PanelQuery = asBillingPeriodQuery({ startUnix: 0, endUnix: 1, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true });

/** The status bar's tooltip for this quota and pace at NOW, as a person reads it (Markdown escapes taken out). */
function tooltip(known: KnownQuota): string {
  const snapshot = { charactersToday: 0, creditsToday: 0, creditsFetchedAtMs: NOW, quotaProblem: undefined, fetchedAtMs: NOW, ...known };
  const view = statusView({ kind: 'current', snapshot }, { display: 'full', warningThreshold: 0.8, errorThreshold: 0.95, nowMs: NOW, calendar: KIRITIMATI, locale: 'en-US' });
  return view.tooltipMarkdown.replace(/\\(.)/g, '$1');
}

describe('the billing-period chart', () => {
  describe('the period, from the quota', () => {
    it('runs from the period\u2019s start (the reset, a period earlier) to now', () => {
      const resolved = inTimeZone('America/Adak', () => resolveBillingPeriod(quota(), undefined, NOW, KIRITIMATI, 'en-US'));
      assert.ok(resolved.ok);
      assert.deepEqual(resolved.window, { startUnix: PERIOD_START, endUnix: NOW });
      const quarterly = resolveBillingPeriod(quota({ creditRefreshPeriod: '3_month_period', billingPeriod: '3_month_period' }), undefined, NOW, KIRITIMATI);
      assert.ok(quarterly.ok);
      assert.equal(quarterly.window.startUnix, Date.UTC(2026, 8, 17, 8, 14, 26));
    });

    it('says what is missing when the quota leaves the period unknown', () => {
      const missing = (q: SubscriptionQuota): string => {
        const resolved = resolveBillingPeriod(q, undefined, NOW, KIRITIMATI, 'en-US');
        assert.ok(!resolved.ok, 'not resolved');
        return resolved.missing;
      };
      assert.match(missing(quota({ limit: 0 })), /^This billing period cannot be charted: the subscription sends no credit limit/);
      assert.match(missing(quota({ resetsAtMs: undefined })), /does not say when the quota resets \(next_character_count_reset_unix\)/);
      assert.match(missing(quota({ resetsAtMs: NOW - HOUR })), /the period the subscription describes ended on Nov 24, 2026, and ElevenLabs has not sent the new one yet/);
      assert.match(missing(quota({ creditRefreshPeriod: 'fortnightly_period', billingPeriod: 'fortnightly_period' })), /credit period is \u201cfortnightly_period\u201d, which this version does not know/);
      assert.match(missing(quota({ creditRefreshPeriod: undefined, billingPeriod: undefined })), /does not say how long its billing period is/);
      assert.match(missing(quota({ resetsAtMs: RESET + 45 * DAY })), /resets on Jan 31, 2027, more than one period from now/);
    });
  });

  describe('its figures: the tooltip\u2019s', () => {
    it('adds the days up, and projects from the quota to the reset exactly as the tooltip does', () => {
      const q = quota();
      const known = { quota: q, recentCredits: week(6000) };
      const outlook = quotaOutlook(q, known.recentCredits, NOW, KIRITIMATI)!;
      const resolved = resolveBillingPeriod(q, known.recentCredits, NOW, KIRITIMATI, 'en-US');
      assert.ok(resolved.ok);
      const data = inTimeZone('America/Adak', () => withBillingPeriod(periodData(), q, resolved.outlook, known, { scope: 'workspace', nowMs: NOW, calendar: KIRITIMATI, locale: 'en-US' }));
      const figures = data.billingPeriod!;
      assert.deepEqual(figures.runningTotal, [5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000]);
      assert.deepEqual([figures.startMs, figures.resetMs, figures.nowMs, figures.limit, figures.used], [PERIOD_START, RESET, NOW, 100_000, 40_000]);
      // By hand: 40,000 + 6,000 a day × 22.9683… days to the reset = 177,810 credits, 178% of the quota; the
      // remaining 60,000 last 10 days, to Dec 4 09:00 UTC (23:00 that day in Kiritimati).
      const projection = figures.projection!;
      assert.equal(Math.round(projection.creditsAtReset), 177_810);
      assert.equal(projection.fractionAtReset, outlook.projection!.fractionAtReset);
      assert.equal(projection.runsOutAtMs, NOW + 10 * DAY);
      assert.equal(projection.creditsPerDay, 6000);
      assert.equal(projection.basis, 'recentDays');
      assert.deepEqual(figures.words.notes, [], 'the days add up to the quota\u2019s own figure');
      // The words are the tooltip's, to the letter.
      const text = tooltip(known);
      assert.ok(text.includes(`**Quota** (creator): ${figures.words.quota}`), text);
      assert.equal(figures.words.quota, '40,000 of 100,000 credits used (40%)');
      assert.ok(text.includes(figures.words.reset), figures.words.reset);
      assert.ok(text.includes(figures.words.pace!), figures.words.pace);
      assert.ok(text.includes(`${projection.headline}, ${projection.runsOut} (${projection.pace})`), text);
      assert.equal(projection.headline, 'At this pace: 178% of the quota by the reset');
      assert.equal(projection.runsOut, 'running out on Dec 4, 2026');
    });

    it('goes by the period\u2019s average without the last 7 days, and says why, as the tooltip does', () => {
      const q = quota();
      const known = { quota: q, recentCreditsProblem: 'ElevenLabs had a server error (HTTP 503).' };
      const resolved = resolveBillingPeriod(q, undefined, NOW, KIRITIMATI, 'en-US');
      assert.ok(resolved.ok);
      const figures = withBillingPeriod(periodData(), q, resolved.outlook, known, { scope: 'workspace', nowMs: NOW, calendar: KIRITIMATI, locale: 'en-US' }).billingPeriod!;
      assert.equal(figures.projection!.basis, 'periodAverage');
      assert.match(figures.projection!.pace, /the average since the period began; the last 7 days could not be fetched: ElevenLabs had a server error \(HTTP 503\)\./);
      assert.ok(tooltip(known).includes(figures.projection!.pace));
    });

    it('says when the days do not add up to the quota\u2019s figure, and draws a period without usage', () => {
      const q = quota({ used: 52_000 });
      const resolved = resolveBillingPeriod(q, undefined, NOW, KIRITIMATI, 'en-US');
      assert.ok(resolved.ok);
      const figures = withBillingPeriod(periodData(), q, resolved.outlook, undefined, { scope: 'workspace', nowMs: NOW, calendar: KIRITIMATI, locale: 'en-US' }).billingPeriod!;
      assert.deepEqual(figures.words.notes, ['The quota counts 52,000 credits; the usage figures add up to 40,000, and the projection starts from the quota\u2019s figure']);
      const empty = { ...periodData(), series: [] };
      const none = withBillingPeriod(empty, quota({ used: 0 }), resolved.outlook, undefined, { scope: 'workspace', nowMs: NOW, calendar: KIRITIMATI });
      assert.equal(none.series.length, 1);
      assert.deepEqual(none.billingPeriod!.runningTotal, [0, 0, 0, 0, 0, 0, 0, 0]);
    });

    it('adds up every series in bucket order, counting a missing figure as none', () => {
      assert.deepEqual(runningTotals([{ values: [1, null, 3] }, { values: [10, 20] }], 3), [11, 31, 34]);
      assert.deepEqual(runningTotals([], 2), [0, 0]);
    });
  });

  describe('over HTTP, from the fake API', function () {
    this.timeout(20_000);
    let api: FakeApi;
    before(async () => {
      api = await startFakeApi({ now: () => NOW });
    });
    after(() => api.close());
    afterEach(() => {
      api.clearFaults();
      api.setSubscription({ usedFraction: undefined });
    });

    const client = (key = api.validKey): ElevenLabsClient => new ElevenLabsClient({ baseUrl: api.url, apiKey: key, retry: { maxRetries: 0 } });
    const fetchChart = (known: KnownQuota | undefined, key?: string): Promise<ChartData> =>
      inTimeZone('UTC', () => fetchBillingPeriodChart(client(key), known, QUERY, NOW, ZONE, new AbortController().signal, { locale: 'en-US' }));

    it('asks for the subscription when the status bar has none, and charts the period in the user\u2019s days', async () => {
      const before = api.requests.length;
      const data = await fetchChart(undefined);
      const asked = api.requests.slice(before);
      assert.equal(asked.filter((r) => r.path === SUBSCRIPTION_PATH).length, 1);
      assert.ok(asked.filter((r) => r.path !== SUBSCRIPTION_PATH).every((r) => r.query['include_workspace_metrics'] === 'true'), 'the workspace\u2019s credits, as the quota counts them');
      assert.equal(data.startUnix, PERIOD_START);
      assert.equal(data.time[0], PERIOD_START);
      // Local midnights in Kiritimati are 10:00 UTC: Nov 18 to Nov 24, then the day of NOW, cut at now.
      assert.deepEqual(data.time.slice(1), Array.from({ length: 7 }, (_, i) => Date.UTC(2026, 10, 17 + i, 10)));
      assert.equal(data.ends.at(-1), NOW + 1, 'the last day ends at now (ends are exclusive)');
      const figures = data.billingPeriod!;
      // The fake's subscription counts the same log: the running total ends on the quota's own figure.
      const subscription = await client().getSubscription();
      assert.equal(figures.used, subscription.used);
      assert.equal(figures.runningTotal.at(-1), subscription.used);
      assert.ok(subscription.used > 0);
      assert.equal(figures.scope, 'workspace');
    });

    it('uses the status bar\u2019s quota and pace when it has a current one, and asks for no subscription', async () => {
      const subscription = await client().getSubscription();
      const before = api.requests.length;
      const known = { quota: subscription, recentCredits: week(1000) };
      const data = await fetchChart(known);
      assert.equal(api.requests.slice(before).filter((r) => r.path === SUBSCRIPTION_PATH).length, 0);
      assert.equal(data.billingPeriod!.projection!.creditsPerDay, 1000);
      assert.equal(data.billingPeriod!.projection!.fractionAtReset, quotaOutlook(subscription, known.recentCredits, NOW, KIRITIMATI)!.projection!.fractionAtReset);
      // One of a period that has ended is the last period's: the new one is asked for.
      const old = await fetchChart({ quota: { ...subscription, resetsAtMs: NOW - DAY, used: 1 } });
      assert.equal(api.requests.slice(before).filter((r) => r.path === SUBSCRIPTION_PATH).length, 1);
      assert.equal(old.billingPeriod!.used, subscription.used);
    });

    describe('from the successor', () => {
      const successorChart = (query: PanelQuery, successorPreferred: boolean): Promise<ChartData> =>
        inTimeZone('UTC', () => fetchBillingPeriodChart(client(), undefined, query, NOW, ZONE, new AbortController().signal, { locale: 'en-US', successorPreferred }));

      /** The same period from character-stats, day for day: what the successor's chart must equal. */
      async function fromCharacterStats(): Promise<ChartData> {
        return fetchChart(undefined);
      }

      it('where character-stats answers as retired: the same days and running total from the successor, the successor asked once, saying why', async () => {
        const expected = await fromCharacterStats();
        for (const status of [404, 410] as const) {
          api.retireCharacterStats(status);
          try {
            const before = api.requests.length;
            const data = await successorChart(QUERY, false);
            const asked = api.requests.slice(before).map((r) => r.path);
            // character-stats' parts go out together (the local days' plan); one answer of retirement, and the successor once.
            assert.equal(asked[0], SUBSCRIPTION_PATH);
            assert.ok(asked.slice(1, -1).length >= 1 && asked.slice(1, -1).every((path) => path === CHARACTER_STATS_PATH), asked.join(', '));
            assert.equal(asked.at(-1), ANALYTICS_PATH);
            assert.deepEqual(data.time, expected.time);
            assert.deepEqual(data.billingPeriod!.runningTotal, expected.billingPeriod!.runningTotal);
            assert.equal(data.billingPeriod!.scope, 'workspace');
            assert.ok(data.billingPeriod!.words.notes.includes(`Credits from the workspace analytics endpoint: character-stats answered as retired (HTTP ${status})`), JSON.stringify(data.billingPeriod!.words.notes));
          } finally {
            api.retireCharacterStats(undefined);
          }
        }
      });

      it('where the user chose it, or the status bar found character-stats retired, or the query names it: character-stats is not asked', async () => {
        const expected = await fromCharacterStats();
        for (const [query, preferred] of [[QUERY, true], [{ ...QUERY, source: 'characterStats' }, true], [{ ...QUERY, source: 'analytics' }, false]] as const) {
          const before = api.requests.length;
          const data = await successorChart(query, preferred);
          assert.deepEqual(api.requests.slice(before).map((r) => r.path), [SUBSCRIPTION_PATH, ANALYTICS_PATH]);
          // Each local day of Kiritimati from the successor is the day character-stats' hours add up to.
          assert.deepEqual(data.time, expected.time);
          assert.deepEqual(data.series.map((s) => s.values), expected.series.map((s) => s.values));
          assert.deepEqual(data.billingPeriod!.words.notes, expected.billingPeriod!.words.notes);
        }
      });

      it('refuses a member\u2019s key with the service\u2019s answer: the successor has no narrower scope to fall back to', async () => {
        const error = await inTimeZone('UTC', () =>
          fetchBillingPeriodChart(client(api.memberKey), undefined, { ...QUERY, source: 'analytics' }, NOW, ZONE, new AbortController().signal, { locale: 'en-US' }),
        ).then(
          () => assert.fail('no chart of the workspace for a member\u2019s key'),
          (e: unknown) => e,
        );
        assert.ok(isElevenLabsError(error), String(error));
        assert.equal(error.status, 403);
      });
    });

    it('falls back to the key owner\u2019s own credits for a member\u2019s key, and says so', async () => {
      const data = await fetchChart(undefined, api.memberKey);
      assert.equal(data.billingPeriod!.scope, 'owner');
      assert.match(data.billingPeriod!.words.notes[0]!, /^Your own credits: ElevenLabs refused this key the workspace\u2019s usage \(HTTP 403\), which the quota counts/);
    });

    it('says the key lacks user_read rather than draw a chart without a quota', async () => {
      const error = await fetchChart(undefined, api.restrictedKey).then(
        () => assert.fail('no chart without a quota'),
        (e: unknown) => e,
      );
      assert.ok(isElevenLabsError(error));
      assert.equal(error.kind, 'missingPermissions');
      assert.match(error.message, /^This billing period cannot be charted: this key lacks the \u201cuser_read\u201d permission, which the quota needs\./);
    });

    it('rejects with the service\u2019s error when the subscription cannot be had', async () => {
      api.setFaults({ byPath: { [SUBSCRIPTION_PATH]: { status: 503, body: 'json' } } });
      const error = await fetchChart(undefined).then(
        () => assert.fail('no chart without a quota'),
        (e: unknown) => e,
      );
      assert.ok(isElevenLabsError(error), String(error));
      assert.equal(error.status, 503);
    });
  });

  describe('its figures in a message, checked as the webview checks them', () => {
    const good = {
      startMs: PERIOD_START,
      resetMs: RESET,
      nowMs: NOW,
      limit: 100_000,
      used: 40_000,
      runningTotal: [10_000, 40_000],
      scope: 'workspace',
      words: { quota: 'q', reset: 'r', pace: 'p', notes: [] },
      projection: { creditsAtReset: 1, fractionAtReset: 0.1, creditsPerDay: 2, basis: 'recentDays', headline: 'h', pace: 'p' },
    };

    it('takes whole figures, and nothing half-made or of another chart\u2019s length', () => {
      assert.deepEqual(parseBillingPeriod(good, 2), good);
      assert.equal(parseBillingPeriod(good, 3), undefined, 'a running total per bucket');
      assert.equal(parseBillingPeriod({ ...good, limit: 0 }, 2), undefined);
      assert.equal(parseBillingPeriod({ ...good, resetMs: PERIOD_START }, 2), undefined);
      assert.equal(parseBillingPeriod({ ...good, runningTotal: [1, Number.NaN] }, 2), undefined);
      assert.equal(parseBillingPeriod({ ...good, scope: 'everyone' }, 2), undefined);
      assert.equal(parseBillingPeriod({ ...good, words: { ...good.words, quota: 'x'.repeat(1001) } }, 2), undefined);
      assert.equal(parseBillingPeriod({ ...good, projection: { ...good.projection, basis: 'guess' } }, 2), undefined);
      assert.equal(parseBillingPeriod('figures', 2), undefined);
    });
  });

  describe('its query', () => {
    it('is the quota\u2019s credits by local day, whatever it was asked with, and survives being stored', () => {
      const asked: PanelQuery = { preset: 'thisMonth', startUnix: 5, endUnix: 10, aggregationInterval: 'hour', aggregationBucketSize: 600, breakdownType: 'voice', metric: 'tts_characters', includeWorkspaceMetrics: false, utcBuckets: true };
      const query = asBillingPeriodQuery(asked);
      assert.deepEqual(query, { preset: 'billingPeriod', startUnix: 5, endUnix: 10, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true, utcBuckets: false });
      assert.deepEqual(parsePanelQuery(JSON.parse(JSON.stringify(query))), query);
      // Moved to now, it keeps the start it resolved to last: the host resolves it again from the quota.
      assert.deepEqual(withResolvedWindow({ ...query, startUnix: PERIOD_START, endUnix: PERIOD_START + DAY }, NOW, KIRITIMATI), { ...query, startUnix: PERIOD_START, endUnix: NOW });
    });
  });
});
