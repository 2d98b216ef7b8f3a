// Charts in the user's own calendar, against the fake API over HTTP: fine UTC buckets summed into local hours,
// days, ISO weeks and months, exact in zones with 30- and 45-minute offsets and across DST changes. Each
// expectation comes from the fake's own event log and from zone arithmetic written here with Intl alone.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { ElevenLabsError } from '../../../src/api/errors';
import type { UsageQuery } from '../../../src/api/types';
import { fetchChartData } from '../../../src/usage/query/chartQuery';
import { fineBucketMs, periodBoundaries } from '../../../src/usage/calendar/localBuckets';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { MAX_BUCKETS_PER_REQUEST } from '../../../src/usage/query/requestPlan';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { grandTotal } from '../../../src/usage/totals';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, type FakeApi } from '../../fake-api/server';
import { inTimeZone } from '../helpers/timeZone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ADDITIVE = ['credits', 'tts_characters', 'minutes_used', 'request_count', 'fiat_units_spent'] as const;

/**
 * Midnight of the local date `days` after the one holding `ms`, found by walking in quarter hours until Intl
 * shows the date with 00:00 or later; a different method from the extension's.
 */
function localMidnight(ms: number, zone: string, days = 0): number {
  const dateOf = (t: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const target = new Date(`${dateOf(ms)}T12:00:00Z`);
  target.setUTCDate(target.getUTCDate() + days);
  const wanted = target.toISOString().slice(0, 10);
  // Local midnight is within 15 hours of UTC midnight of that date, in every zone.
  let t = Date.parse(`${wanted}T00:00:00Z`) - 15 * HOUR;
  while (dateOf(t) < wanted) {
    t += 15 * MINUTE;
  }
  return t;
}

/** The caller's events of `metric` in [from, to), from the fake's log (what the chart must show). */
function eventSum(from: number, to: number, metric: string, now: number): number {
  return eventsBetween(from, to, { now })
    .filter((e) => e.byCaller)
    .reduce((sum, e) => sum + (e.metrics as unknown as Record<string, number>)[metric]!, 0);
}

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('charts in the user\u2019s own calendar', function () {
  this.timeout(60_000);
  // The fake's present: the window ends here, and every event of the log before it exists.
  const NOW = Date.UTC(2026, 10, 24, 9, 17);
  let api: FakeApi;
  let client: ElevenLabsClient;
  before(async () => {
    api = await startFakeApi({ now: () => NOW });
    client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
  });
  after(() => api.close());

  async function chart(query: PanelQuery, zone: string, nowMs = NOW) {
    // The extension host sits in a zone far from the user's: only the user's zone may count.
    return inTimeZone('Pacific/Kiritimati', () => fetchChartData(client, query, nowMs, zone, new AbortController().signal));
  }

  async function cumulative(query: UsageQuery): Promise<number> {
    const usage = await client.getCharacterStats({ ...query, aggregationInterval: 'cumulative', aggregationBucketSize: undefined });
    return grandTotal(usage);
  }

  const zones: Array<[string, number]> = [
    ['Pacific/Auckland', HOUR],
    ['America/Los_Angeles', HOUR],
    ['Asia/Kolkata', 30 * MINUTE],
    ['Asia/Kathmandu', 15 * MINUTE],
    ['Pacific/Chatham', 15 * MINUTE],
    // +11:00 all November (its summer time); +10:30 the rest of the year.
    ['Australia/Lord_Howe', HOUR],
    ['Europe/Berlin', HOUR],
  ];

  it('picks fine buckets that divide the zone\u2019s offsets', () => {
    for (const [zone, size] of zones) {
      assert.equal(fineBucketMs(ZonedCalendar.for(zone), NOW - 30 * DAY, NOW), size, zone);
    }
    // Lord Howe moves by half an hour (+10:30 to +11:00 on Sunday 4 October 2026): a window across it needs
    // half-hour buckets, and one wholly before it does too.
    const lordHowe = ZonedCalendar.for('Australia/Lord_Howe');
    assert.equal(fineBucketMs(lordHowe, Date.UTC(2026, 8, 20), Date.UTC(2026, 9, 20)), 30 * MINUTE);
    assert.equal(fineBucketMs(lordHowe, Date.UTC(2026, 6, 1), Date.UTC(2026, 6, 8)), 30 * MINUTE);
  });

  for (const [zone] of zones) {
    it(`makes local days in ${zone} that equal the event log between two local midnights, for every additive metric`, async () => {
      for (const metric of ADDITIVE) {
        const data = await chart({ preset: 'last7Days', startUnix: 0, endUnix: 0, aggregationInterval: 'day', breakdownType: 'none', metric, includeWorkspaceMetrics: false }, zone);
        assert.deepEqual(data.buckets, { kind: 'local', unit: 'day' });
        assert.equal(data.time.length, 7, `${zone} ${metric}: seven local days`);
        const values = data.series[0]?.values ?? data.time.map(() => 0);
        data.time.forEach((start, i) => {
          assert.equal(start, localMidnight(NOW, zone, i - 6), `${zone}: day ${i} starts at local midnight`);
          const end = i < 6 ? localMidnight(NOW, zone, i - 5) : NOW + 1;
          assert.equal(data.ends[i], end);
          assert.ok(close(values[i] ?? 0, eventSum(start, end, metric, NOW)), `${zone} ${metric} day ${i}: ${values[i]} vs the log`);
        });
        assert.deepEqual(data.partial, [null, null, null, null, null, null, 'end'], 'today so far is cut at its end');
      }
    });
  }

  it('adds up to the window\u2019s cumulative total in every zone, unit and metric', async () => {
    const window = { startUnix: Date.UTC(2026, 7, 30, 7, 1), endUnix: NOW }; // from 07:01 UTC, an odd minute
    for (const [zone] of zones) {
      for (const unit of ['hour', 'day', 'week', 'month'] as const) {
        for (const metric of unit === 'day' ? ADDITIVE : (['credits'] as const)) {
          const query: PanelQuery = { ...window, aggregationInterval: unit, breakdownType: 'voice', metric, includeWorkspaceMetrics: false };
          const data = await chart(query, zone);
          const total = data.series.reduce((sum, s) => sum + (s.total ?? 0), 0);
          const expected = await cumulative({ ...window, breakdownType: 'voice', metric, includeWorkspaceMetrics: false });
          assert.ok(close(total, expected), `${zone} ${unit} ${metric}: ${total} vs ${expected}`);
          assert.equal(data.time[0], window.startUnix, 'the first bucket starts where the window does');
          assert.equal(data.partial[0] === 'start' || data.partial[0] === 'both', true, 'and is marked as cut');
        }
      }
    }
  });

  it('has local days of 23 and 25 hours in Berlin, and of 23.5 and 24.5 on Lord Howe Island', async () => {
    const day = (zone: string, from: number, to: number) =>
      chart({ startUnix: from, endUnix: to - 1, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false }, zone, NOW);
    const lengths = (data: Awaited<ReturnType<typeof day>>) => data.time.map((t, i) => (data.ends[i]! - t) / HOUR);
    const berlin = (y: number, m: number, d: number) => localMidnight(Date.UTC(y, m, d, 12), 'Europe/Berlin');
    assert.deepEqual(lengths(await day('Europe/Berlin', berlin(2026, 2, 28), berlin(2026, 2, 31))), [24, 23, 24]);
    assert.deepEqual(lengths(await day('Europe/Berlin', berlin(2025, 9, 25), berlin(2025, 9, 28))), [24, 25, 24]);
    const lordHowe = (y: number, m: number, d: number) => localMidnight(Date.UTC(y, m, d, 12), 'Australia/Lord_Howe');
    assert.deepEqual(lengths(await day('Australia/Lord_Howe', lordHowe(2026, 9, 3), lordHowe(2026, 9, 6))), [24, 23.5, 24]);
    assert.deepEqual(lengths(await day('Australia/Lord_Howe', lordHowe(2026, 3, 4), lordHowe(2026, 3, 7))), [24, 24.5, 24]);
  });

  it('makes ISO weeks from Monday 00:00 and calendar months, local', () => {
    const kolkata = ZonedCalendar.for('Asia/Kolkata');
    const weeks = periodBoundaries(kolkata, Date.UTC(2026, 10, 11), Date.UTC(2026, 10, 24), 'week');
    // Mondays 9, 16 and 23 November 2026 at 00:00 in Kolkata (18:30 UTC the day before), and the one after.
    assert.deepEqual(weeks, [Date.UTC(2026, 10, 8, 18, 30), Date.UTC(2026, 10, 15, 18, 30), Date.UTC(2026, 10, 22, 18, 30), Date.UTC(2026, 10, 29, 18, 30)]);
    const months = periodBoundaries(ZonedCalendar.for('America/Los_Angeles'), Date.UTC(2026, 9, 15), Date.UTC(2026, 11, 2), 'month');
    assert.deepEqual(months, [Date.UTC(2026, 9, 1, 7), Date.UTC(2026, 10, 1, 7), Date.UTC(2026, 11, 1, 8), Date.UTC(2027, 0, 1, 8)], 'PDT, then PST');
  });

  it('splits the hour a clock shows twice into two real hours, and makes the skipped one short', () => {
    const berlin = ZonedCalendar.for('Europe/Berlin');
    const autumn = periodBoundaries(berlin, Date.UTC(2026, 9, 24, 23, 0), Date.UTC(2026, 9, 25, 3, 0), 'hour');
    // 01:00 CEST, 02:00 CEST, 02:00 CET (03:00 CEST), 03:00 CET, 04:00 CET: every hour one real hour.
    assert.deepEqual(autumn.map((b) => new Date(b).toISOString().slice(11, 16)), ['23:00', '00:00', '01:00', '02:00', '03:00']);
    const lordHowe = ZonedCalendar.for('Australia/Lord_Howe');
    const spring = periodBoundaries(lordHowe, Date.UTC(2026, 9, 3, 14, 0), Date.UTC(2026, 9, 3, 17, 0), 'hour');
    // 00:30 UTC+10:30 is 14:00 UTC; at 02:00 the clocks go to 02:30 (15:30 UTC): the hour from then is short.
    assert.deepEqual(spring.map((b) => new Date(b).toISOString().slice(11, 16)), ['13:30', '14:30', '15:30', '16:00', '17:00']);
  });

  it('never makes an hour longer than an hour where clocks go back off the hour or by two hours', () => {
    // Pacific/Chatham goes from +13:45 to +12:45 at 03:45 local (14:00 UTC on 6 April 2024): 02:45 to 03:45 is shown
    // twice. Antarctica/Troll goes from +02 to +00 at 03:00 local (01:00 UTC on 27 October 2024): two hours twice.
    const utc = (b: number): string => new Date(b).toISOString().slice(11, 16);
    const chatham = periodBoundaries(ZonedCalendar.for('Pacific/Chatham'), Date.UTC(2024, 3, 6, 12, 0), Date.UTC(2024, 3, 6, 16, 0), 'hour');
    // 01:00, 02:00, 03:00 (+13:45), the change at 03:45 back to 02:45, 03:00 (+12:45), 04:00, 05:00: 60, 60, 45, 15, 60, 60 minutes.
    assert.deepEqual(chatham.map(utc), ['11:15', '12:15', '13:15', '14:00', '14:15', '15:15', '16:15']);
    const troll = periodBoundaries(ZonedCalendar.for('Antarctica/Troll'), Date.UTC(2024, 9, 26, 23, 0), Date.UTC(2024, 9, 27, 4, 0), 'hour');
    // 01:00, 02:00 (+02), the change at 03:00 → 01:00 (+00), 02:00, 03:00, 04:00: every one a real hour.
    assert.deepEqual(troll.map(utc), ['23:00', '00:00', '01:00', '02:00', '03:00', '04:00']);
    for (const boundaries of [chatham, troll]) {
      boundaries.slice(1).forEach((b, i) => assert.ok(b - boundaries[i]! > 0 && b - boundaries[i]! <= HOUR, `${utc(boundaries[i]!)}\u2013${utc(b)}`));
    }
  });

  it('keeps each request within the service\u2019s bucket limit, two at a time, and a year still adds up', async () => {
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    const counting = {
      getCharacterStats: async (query: UsageQuery, options: { signal?: AbortSignal }) => {
        inFlight++;
        most = Math.max(most, inFlight);
        sizes.push(query.aggregationBucketSize === undefined ? 1 : Math.ceil((query.endUnix + 1 - query.startUnix) / (query.aggregationBucketSize * 1000)));
        try {
          return await client.getCharacterStats(query, options);
        } finally {
          inFlight--;
        }
      },
    };
    const year: PanelQuery = { preset: 'last12Months', startUnix: 0, endUnix: 0, aggregationInterval: 'week', breakdownType: 'model', metric: 'credits', includeWorkspaceMetrics: false };
    // Kathmandu needs quarter hours: a year of them is 35,000 buckets, which the fake (like the service) refuses whole.
    const data = await inTimeZone('UTC', () => fetchChartData(counting, year, NOW, 'Asia/Kathmandu', new AbortController().signal));
    assert.ok(sizes.length >= 4, `${sizes.length} requests`);
    assert.ok(sizes.every((n) => n <= MAX_BUCKETS_PER_REQUEST), JSON.stringify(sizes));
    assert.equal(most, 2, 'two requests in flight at most, and two used');
    const total = data.series.reduce((sum, s) => sum + (s.total ?? 0), 0);
    const expected = await cumulative({ startUnix: data.startUnix, endUnix: data.endUnix, breakdownType: 'model', metric: 'credits', includeWorkspaceMetrics: false });
    assert.ok(close(total, expected), `${total} vs ${expected}`);
  });

  it('counts the parts as they arrive, and a cancel stops the parts not yet sent', async () => {
    const year: PanelQuery = { preset: 'last12Months', startUnix: 0, endUnix: 0, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false };
    const reports: string[] = [];
    let sent = 0;
    const counting = {
      getCharacterStats: (query: UsageQuery, options: { signal?: AbortSignal }) => {
        sent++;
        return client.getCharacterStats(query, options);
      },
    };
    await fetchChartData(counting, year, NOW, 'Asia/Kathmandu', new AbortController().signal, { utcBuckets: false, onPartDone: (done, total) => reports.push(`${done} of ${total}`) });
    const total = sent;
    assert.ok(total >= 4, `a year of quarter hours takes several parts (${total})`);
    assert.deepEqual(reports, Array.from({ length: total }, (_, i) => `${i + 1} of ${total}`));

    // The user cancels when the first part is in: the one in flight is aborted, no other part is sent.
    sent = 0;
    const cancel = new AbortController();
    const cancelled = fetchChartData(counting, year, NOW, 'Asia/Kathmandu', cancel.signal, { utcBuckets: false, onPartDone: () => cancel.abort() });
    await assert.rejects(cancelled, (error: unknown) => error instanceof ElevenLabsError && error.kind === 'cancelled');
    assert.ok(sent <= 2, `${sent} parts sent of ${total}: the two first in flight, nothing after the cancel`);
    const before = new AbortController();
    before.abort();
    sent = 0;
    await assert.rejects(fetchChartData(counting, year, NOW, 'Asia/Kathmandu', before.signal), (error: unknown) => error instanceof ElevenLabsError && error.kind === 'cancelled');
  });

  it('refuses a window of centuries at once, before any request, saying how many buckets it would take', async () => {
    // A keybinding or task may pass any endUnix up to the last date JavaScript knows; looking for the zone's offset
    // changes day by day through such a window held up the extension host (for good, at this end).
    let sent = 0;
    const counting = { getCharacterStats: () => ((sent += 1), Promise.reject(new Error('no request expected'))) };
    const ages: PanelQuery = { startUnix: Date.UTC(2023, 10, 14), endUnix: 8.64e15, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false };
    await assert.rejects(
      fetchChartData(counting, ages, NOW, 'Pacific/Chatham', new AbortController().signal),
      (error: unknown) =>
        error instanceof ElevenLabsError &&
        error.kind === 'invalidQuery' &&
        /^This query makes about [\d,]+ 60-minute buckets to add up into your days; a chart shows at most 200,000\. Choose larger buckets or a shorter window\.$/.test(error.message),
    );
    assert.equal(sent, 0);
  });

  it('fails whole when one part fails: never a chart with a part missing', async () => {
    let calls = 0;
    const failing = {
      getCharacterStats: async (query: UsageQuery, options: { signal?: AbortSignal }) => {
        if (++calls === 3) {
          throw new Error('the third part failed');
        }
        return client.getCharacterStats(query, options);
      },
    };
    const year: PanelQuery = { preset: 'last12Months', startUnix: 0, endUnix: 0, aggregationInterval: 'month', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false };
    await assert.rejects(fetchChartData(failing, year, NOW, 'Asia/Kathmandu', new AbortController().signal), /the third part failed/);
  });

  it('keeps the API\u2019s UTC buckets for averages and peaks, and when the user asks for them', async () => {
    const query: PanelQuery = { preset: 'last7Days', startUnix: 0, endUnix: 0, aggregationInterval: 'day', breakdownType: 'none', metric: 'ttfb_avg', includeWorkspaceMetrics: false };
    const averages = await chart(query, 'Asia/Kolkata');
    assert.deepEqual(averages.buckets, { kind: 'api', reason: 'notAdditive', interval: 'day' });
    assert.equal(averages.time[1], Date.UTC(2026, 10, 18), 'UTC midnight');
    const asked = await inTimeZone('UTC', () => fetchChartData(client, { ...query, metric: 'credits' }, NOW, 'Asia/Kolkata', new AbortController().signal, { utcBuckets: true }));
    assert.deepEqual(asked.buckets, { kind: 'api', reason: 'asked', interval: 'day' });
    const sized = await chart({ ...query, metric: 'credits', aggregationInterval: undefined, aggregationBucketSize: 7200 }, 'Asia/Kolkata');
    assert.deepEqual(sized.buckets, { kind: 'api', reason: 'size', bucketSeconds: 7200 });
  });
});
