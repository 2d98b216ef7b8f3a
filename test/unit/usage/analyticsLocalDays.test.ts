// The successor's credits by local day (one request, time_zone and interval_seconds 86400) against
// character-stats' credits summed into the same local days by the extension (four requests of fine UTC buckets),
// both against an independent sum of the fake's events by their local date, in zones far from UTC and across
// DST changes. All three come from one fake with one event log.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { fetchChartData } from '../../../src/usage/query/chartQuery';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, type FakeApi } from '../../fake-api/server';
import { localDate } from '../helpers/timeZone';

const NOW = Date.UTC(2026, 11, 1, 12);

/** Each local date's credits, with the dates that had none left out. */
function byDate(times: readonly number[], values: ReadonlyArray<number | null>, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  times.forEach((t, i) => {
    const value = values[i] ?? 0;
    if (value !== 0) {
      out[localDate(t, zone)] = (out[localDate(t, zone)] ?? 0) + value;
    }
  });
  return out;
}

/** Local-day windows: [first day, days]; each one crosses the zone's DST change of the year, where it has one. */
const WINDOWS: ReadonlyArray<{ zone: string; from: [number, number, number]; days: number; why: string }> = [
  { zone: 'Pacific/Auckland', from: [2026, 9, 22], days: 10, why: 'NZDT begins on 27 Sep (a 23-hour day)' },
  { zone: 'Pacific/Auckland', from: [2026, 9, 27], days: 1, why: 'the 23-hour day alone' },
  { zone: 'Asia/Kathmandu', from: [2026, 10, 20], days: 14, why: 'UTC+05:45, no DST' },
  { zone: 'Pacific/Chatham', from: [2026, 9, 25], days: 5, why: 'UTC+12:45 → +13:45 at 02:45 on 27 Sep' },
  { zone: 'America/Los_Angeles', from: [2026, 10, 28], days: 7, why: 'PST begins on 1 Nov (a 25-hour day)' },
  { zone: 'America/Los_Angeles', from: [2026, 11, 1], days: 1, why: 'the 25-hour day alone' },
];

describe('the successor’s local days against character-stats summed into them, and the event log', function () {
  this.timeout(60_000);
  let api: FakeApi;
  let client: ElevenLabsClient;

  before(async () => {
    api = await startFakeApi({ seed: 5, now: () => NOW });
    client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
  });

  after(async () => {
    await api.close();
  });

  for (const { zone, from, days, why } of WINDOWS) {
    it(`${zone}, ${days} day(s) from ${from.join('-')}: ${why}`, async () => {
      const calendar = ZonedCalendar.for(zone);
      const start = calendar.instant({ year: from[0], month: from[1], day: from[2] }).ms;
      const end = calendar.instant({ year: from[0], month: from[1], day: from[2] + days }).ms;

      const oracle: Record<string, number> = {};
      for (const event of eventsBetween(start, end, { seed: api.seed, now: NOW })) {
        oracle[localDate(event.timeMs, zone)] = (oracle[localDate(event.timeMs, zone)] ?? 0) + event.metrics.credits;
      }
      assert.equal(Object.keys(oracle).length, days, 'every day of the window has usage in the log');

      const before = api.requests.length;
      const wallClockToUtc = (wall: number): number => {
        const d = new Date(wall);
        return calendar.instant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }).ms;
      };
      const successor = await client.queryUsageOverTime({ startMs: start, endMs: end, intervalSeconds: 86_400, timeZone: zone }, wallClockToUtc);
      assert.equal(api.requests.length - before, 1, 'one request for local days');
      assert.equal(successor.series.length, 1);
      // Each bucket starts at a local midnight of the window.
      assert.deepEqual(successor.time.map((t) => calendar.startOfDay(t)), successor.time);
      assert.deepEqual(byDate(successor.time, successor.series[0]!.values, zone), oracle);

      const statsStart = api.requests.length;
      const stats = await fetchChartData(
        client,
        { startUnix: start, endUnix: end - 1, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true },
        NOW,
        zone,
        new AbortController().signal,
      );
      assert.ok(api.requests.length - statsStart >= 1);
      assert.deepEqual(byDate(stats.time, stats.series[0]!.values, zone), oracle);
    });
  }
});
