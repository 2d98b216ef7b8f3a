// Tests of the fake ElevenLabs API through real HTTP. Expected values are computed here from the raw event log
// (eventsBetween) with independently written UTC bucketing, never with the fake's own aggregation code, so a bug
// in the aggregation makes these tests fail.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BREAKDOWN_TYPES, METRICS } from '../../src/api/types';
import { eventsBetween, HISTORY_DAYS, UsageEvent } from '../fake-api/events';
import { DEMO_KEY, FakeApi, startFakeApi } from '../fake-api/server';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const SEED = 7;
/** Thursday 2026-08-20 15:30:12.345 UTC. */
const NOW = Date.UTC(2026, 7, 20, 15, 30, 12, 345);
const ADDITIVE = ['credits', 'tts_characters', 'minutes_used', 'request_count', 'fiat_units_spent'] as const;

/** Starts mid-hour, 40 days back, and runs to now. */
const W_ODD = { start: NOW - 40 * DAY + 5 * HOUR + 17 * 60_000 + 3_000, end: NOW };
/** Spans three months, starting on a Sunday afternoon. */
const W_MONTHS = { start: Date.UTC(2026, 4, 3, 14, 12, 9), end: Date.UTC(2026, 6, 15, 3) };
/** The past year. */
const W_YEAR = { start: NOW - 365 * DAY, end: NOW };

type Params = Record<string, string | number | boolean>;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Whatever JSON the fake sent: each test says what it expects of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

let api: FakeApi;

async function get(apiPath: string, params: Params = {}, key: string | null = api.validKey, target = api): Promise<Reply> {
  const url = new URL(apiPath, target.url);
  for (const [name, value] of Object.entries(params)) {
    url.searchParams.set(name, String(value));
  }
  const res = await fetch(url, { headers: key === null ? {} : { 'xi-api-key': key } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

async function stats(params: Params): Promise<{ time: number[]; usage: Record<string, number[]> }> {
  const reply = await get('/v1/usage/character-stats', params);
  assert.equal(reply.status, 200, reply.text);
  return reply.json();
}

function windowParams(w: { start: number; end: number }, extra: Params = {}): Params {
  return { start_unix: w.start, end_unix: w.end, ...extra };
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

// ---- Independent reference computations -------------------------------------------------------------------------

function events(w: { start: number; end: number }, workspace: boolean): UsageEvent[] {
  return eventsBetween(w.start, w.end, { seed: SEED, now: NOW }).filter((e) => workspace || e.byCaller);
}

function utcFloor(t: number, interval: string): number {
  const d = new Date(t);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (interval) {
    case 'hour':
      return Date.UTC(y, m, day, d.getUTCHours());
    case 'day':
      return Date.UTC(y, m, day);
    case 'week':
      return Date.UTC(y, m, day - ((d.getUTCDay() + 6) % 7));
    case 'month':
      return Date.UTC(y, m, 1);
    default:
      throw new Error(interval);
  }
}

/** label -> summed value, labels being max(bucket start, window start). */
function expectedSums(
  list: readonly UsageEvent[],
  windowStart: number,
  bucketOf: (t: number) => number,
  value: (e: UsageEvent) => number,
): Map<number, number> {
  const sums = new Map<number, number>();
  for (const e of list) {
    const label = Math.max(bucketOf(e.timeMs), windowStart);
    sums.set(label, (sums.get(label) ?? 0) + value(e));
  }
  return new Map([...sums].sort(([a], [b]) => a - b));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// ---- The tests ------------------------------------------------------------------------------------------------

// One describe around everything, so the hooks below are not root hooks that would run around other files' tests.
describe('fake ElevenLabs API', () => {
  before(async () => {
    api = await startFakeApi({ seed: SEED, now: () => NOW });
  });

  after(async () => {
    await api.close();
  });

  afterEach(() => {
    api.clearFaults();
  });

  describe('event log', () => {
    let year: UsageEvent[] = [];
    before(() => {
      year = eventsBetween(W_YEAR.start, W_YEAR.end, { seed: SEED, now: NOW });
    });

    it('is a pure function of time and seed: split windows and a later "now" give the same events', () => {
      const mid = W_ODD.start + 13 * DAY + 1234;
      const whole = eventsBetween(W_ODD.start, W_ODD.end, { seed: SEED, now: NOW });
      const parts = [
        ...eventsBetween(W_ODD.start, mid, { seed: SEED, now: NOW }),
        ...eventsBetween(mid, W_ODD.end, { seed: SEED, now: NOW }),
      ];
      assert.deepEqual(parts, whole);
      assert.deepEqual(eventsBetween(W_ODD.start, W_ODD.end, { seed: SEED, now: NOW + 5 * DAY }), whole);
      assert.ok(whole.length > 100);
      const otherSeed = eventsBetween(W_ODD.start, W_ODD.end, { seed: SEED + 1, now: NOW });
      assert.notDeepEqual(otherSeed.map((e) => e.timeMs), whole.map((e) => e.timeMs));
    });

    it('has nothing after now and nothing older than its history', () => {
      assert.ok(year.every((e) => e.timeMs <= NOW));
      assert.deepEqual(eventsBetween(NOW + 1, NOW + 30 * DAY, { seed: SEED, now: NOW }), []);
      assert.deepEqual(eventsBetween(0, NOW - HISTORY_DAYS * DAY, { seed: SEED, now: NOW }), []);
      assert.ok(year.every((e, i) => i === 0 || year[i - 1].timeMs <= e.timeMs), 'sorted by time');
    });

    it('covers every month of the past year', () => {
      for (let back = 0; back < 12; back++) {
        const start = Date.UTC(2026, 7 - back, 1);
        const inMonth = year.filter((e) => e.timeMs >= start && e.timeMs < Date.UTC(2026, 8 - back, 1));
        assert.ok(inMonth.length > 50, `month ${new Date(start).toISOString()} has ${inMonth.length} events`);
      }
    });

    it('has a daily and weekly rhythm: busy office hours, quiet nights and weekends, some empty hours', () => {
      const weekday = year.filter((e) => [1, 2, 3, 4, 5].includes(new Date(e.timeMs).getUTCDay())).length / 5;
      const weekend = year.filter((e) => [0, 6].includes(new Date(e.timeMs).getUTCDay())).length / 2;
      assert.ok(weekday > 2 * weekend, `per weekday ${weekday}, per weekend day ${weekend}`);
      const office = year.filter((e) => new Date(e.timeMs).getUTCHours() >= 9 && new Date(e.timeMs).getUTCHours() < 17);
      const night = year.filter((e) => new Date(e.timeMs).getUTCHours() < 6);
      assert.ok(office.length > 10 * night.length, `office ${office.length}, night ${night.length}`);
      const busyHours = new Set(year.map((e) => Math.floor(e.timeMs / HOUR))).size;
      assert.ok(busyHours < (365 * 24) / 2, `${busyHours} of ${365 * 24} hours have events`);
    });

    it('gives every event every dimension and metric, and no secret-looking key names', () => {
      const dimensions = BREAKDOWN_TYPES.filter((b) => b !== 'none');
      for (const e of year) {
        for (const d of dimensions) {
          assert.equal(typeof e.dimensions[d], 'string');
          assert.ok(e.dimensions[d].length > 0, d);
        }
        assert.equal(e.metrics.request_count, 1);
        assert.ok(Number.isInteger(e.metrics.credits) && e.metrics.credits >= 1);
        assert.ok(Number.isInteger(e.metrics.tts_characters) && e.metrics.tts_characters > 0);
        for (const value of Object.values(e.metrics)) {
          assert.ok(Number.isFinite(value) && value >= 0);
        }
        assert.ok(!/^sk_/.test(e.dimensions.api_keys) && !/^sk_/.test(e.dimensions.all_api_keys));
        assert.ok(['true', 'false'].includes(e.dimensions.has_api_key));
      }
      assert.ok(year.some((e) => e.byCaller) && year.some((e) => !e.byCaller));
      for (const d of ['voice', 'model', 'product_type', 'region', 'request_source', 'user'] as const) {
        assert.ok(new Set(year.map((e) => e.dimensions[d])).size >= 2, `${d} varies`);
      }
    });
  });

  describe('character-stats values', () => {
    it('listens on 127.0.0.1 only', async () => {
      const bound = api.boundAddress();
      assert.deepEqual({ address: bound.address, family: bound.family }, { address: '127.0.0.1', family: 'IPv4' });
      assert.equal(api.url, `http://127.0.0.1:${bound.port}`);
      // Every other address of this machine (other interfaces, ::1, the rest of 127/8) refuses a connection there.
      const others = [...Object.values(os.networkInterfaces()).flatMap((list) => list ?? []).map((i) => i.address), '127.0.0.2', '::1'].filter((a) => a !== '127.0.0.1');
      for (const host of new Set(others)) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = net.connect({ host, port: bound.port, timeout: 2000 });
          socket.once('connect', () => (socket.destroy(), resolve('connected')));
          socket.once('timeout', () => (socket.destroy(), resolve('timeout')));
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        assert.notEqual(outcome, 'connected', `the fake answered on ${host}`);
      }
    });

    it('gives the caller’s own total by default and the workspace total with include_workspace_metrics', async () => {
      const own = await stats(windowParams(W_ODD, { aggregation_interval: 'cumulative' }));
      const workspace = await stats(windowParams(W_ODD, { aggregation_interval: 'cumulative', include_workspace_metrics: true }));
      assert.deepEqual(own.time, [W_ODD.start]);
      assert.deepEqual(own.usage, { All: [sum(events(W_ODD, false).map((e) => e.metrics.credits))] });
      assert.deepEqual(workspace.usage, { All: [sum(events(W_ODD, true).map((e) => e.metrics.credits))] });
      assert.ok(workspace.usage.All[0] > own.usage.All[0]);
    });

    it('defaults to daily credits of the caller, labelled at UTC midnight except the first (the window start)', async () => {
      const reply = await stats(windowParams(W_ODD));
      const expected = expectedSums(events(W_ODD, false), W_ODD.start, (t) => utcFloor(t, 'day'), (e) => e.metrics.credits);
      assert.deepEqual(reply.time, [...expected.keys()]);
      assert.deepEqual(reply.usage, { All: [...expected.values()] });
      assert.ok(reply.time.slice(1).every((t) => t % DAY === 0));
    });

    for (const interval of ['hour', 'day', 'week', 'month'] as const) {
      it(`puts ${interval} buckets on UTC boundaries and matches the event log`, async () => {
        const w = interval === 'hour' ? W_ODD : W_YEAR;
        const reply = await stats(windowParams(w, { aggregation_interval: interval, include_workspace_metrics: true }));
        const expected = expectedSums(events(w, true), w.start, (t) => utcFloor(t, interval), (e) => e.metrics.credits);
        assert.deepEqual(reply.time, [...expected.keys()]);
        assert.deepEqual(reply.usage.All, [...expected.values()]);
        for (const label of reply.time.slice(1)) {
          const d = new Date(label);
          assert.equal(d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds(), 0, d.toISOString());
          if (interval !== 'hour') assert.equal(d.getUTCHours(), 0, d.toISOString());
          if (interval === 'week') assert.equal(d.getUTCDay(), 1, `${d.toISOString()} is a Monday`);
          if (interval === 'month') assert.equal(d.getUTCDate(), 1, d.toISOString());
        }
      });
    }

    for (const interval of ['hour', 'day', 'week', 'month', 'cumulative'] as const) {
      it(`labels the first ${interval} bucket with the window start when the window starts inside it`, async () => {
        // Start one minute before one of the caller's events, so the first bucket is not empty.
        const e = events(W_YEAR, false).find((x) => x.timeMs % HOUR > 2 * 60_000 && x.timeMs > NOW - 200 * DAY)!;
        const start = e.timeMs - 60_000;
        const reply = await stats({ start_unix: start, end_unix: NOW, aggregation_interval: interval });
        assert.equal(reply.time[0], start);
        assert.ok(start % HOUR !== 0);
      });
    }

    it('labels the first bucket with its own start when the window starts on a boundary', async () => {
      const start = Date.UTC(2026, 6, 6); // a Monday
      const reply = await stats({ start_unix: start, end_unix: start + 14 * DAY, aggregation_interval: 'week', include_workspace_metrics: true });
      assert.deepEqual(reply.time, [start, start + 7 * DAY]);
    });

    for (const sizeSeconds of [5400, 7200, 86_400 * 3]) {
      it(`cuts buckets of aggregation_bucket_size=${sizeSeconds}s from the window start, overriding the interval`, async () => {
        const reply = await stats(windowParams(W_ODD, { aggregation_bucket_size: sizeSeconds, aggregation_interval: 'month' }));
        const size = sizeSeconds * 1000;
        const bucketOf = (t: number): number => W_ODD.start + Math.floor((t - W_ODD.start) / size) * size;
        const expected = expectedSums(events(W_ODD, false), W_ODD.start, bucketOf, (e) => e.metrics.credits);
        assert.deepEqual(reply.time, [...expected.keys()]);
        assert.deepEqual(reply.usage.All, [...expected.values()]);
        assert.ok(reply.time.every((t) => (t - W_ODD.start) % size === 0));
      });
    }

    it('leaves out empty buckets (the axis is sparse)', async () => {
      const reply = await stats(windowParams(W_ODD, { aggregation_interval: 'hour' }));
      const ownHours = new Set(events(W_ODD, false).map((e) => Math.max(utcFloor(e.timeMs, 'hour'), W_ODD.start)));
      assert.equal(reply.time.length, ownHours.size);
      assert.ok(reply.time.length < (W_ODD.end - W_ODD.start) / HOUR / 2);
      assert.ok(reply.usage.All.every((v) => v > 0));
    });

    it('lists every bucket, zeros included, when started with denseBuckets', async () => {
      const dense = await startFakeApi({ seed: SEED, now: () => NOW, denseBuckets: true });
      try {
        const reply = await get('/v1/usage/character-stats', windowParams(W_ODD), dense.validKey, dense);
        const { time, usage } = reply.json() as { time: number[]; usage: Record<string, number[]> };
        const firstMidnight = utcFloor(W_ODD.start, 'day') + DAY;
        const days = [W_ODD.start];
        for (let t = firstMidnight; t < W_ODD.end; t += DAY) days.push(t);
        assert.deepEqual(time, days);
        const expected = expectedSums(events(W_ODD, false), W_ODD.start, (t) => utcFloor(t, 'day'), (e) => e.metrics.credits);
        assert.deepEqual(usage.All, days.map((t) => expected.get(t) ?? 0));
        assert.ok(usage.All.includes(0));
      } finally {
        await dense.close();
      }
    });

    it('splits every series of a breakdown into several when started with splitSeries, with the same totals', async () => {
      const split = await startFakeApi({ seed: SEED, now: () => NOW, splitSeries: 3 });
      try {
        const params = windowParams(W_ODD, { breakdown_type: 'voice', aggregation_interval: 'cumulative' });
        const whole = (await stats(params)).usage;
        const parts = (await get('/v1/usage/character-stats', params, split.validKey, split)).json() as { usage: Record<string, number[]> };
        for (const [voice, [total]] of Object.entries(whole)) {
          const pieces = [1, 2, 3].map((k) => parts.usage[`${voice} ${k}`]?.[0] ?? 0);
          assert.equal(pieces.reduce((a, b) => a + b, 0), total, `${voice} in three parts`);
        }
        assert.ok(Object.keys(parts.usage).length > 2 * Object.keys(whole).length, 'more than twice the series');
        const none = (await get('/v1/usage/character-stats', windowParams(W_ODD), split.validKey, split)).json() as { usage: Record<string, number[]> };
        assert.deepEqual(Object.keys(none.usage), ['All'], 'no breakdown stays one series');
      } finally {
        await split.close();
      }
    });

    it('changes the split while running: setSplitSeries from then on, undefined back to how it started', async () => {
      const params = windowParams(W_ODD, { breakdown_type: 'voice', aggregation_interval: 'cumulative' });
      const voices = Object.keys((await stats(params)).usage).sort();
      const names = async () => Object.keys(((await get('/v1/usage/character-stats', params, api.validKey)).json() as { usage: Record<string, number[]> }).usage).sort();
      api.setSplitSeries(2);
      try {
        assert.deepEqual(await names(), voices.flatMap((v) => [`${v} 1`, `${v} 2`]).sort());
      } finally {
        api.setSplitSeries(undefined);
      }
      assert.deepEqual(await names(), voices);
    });

    it('treats the window end as exclusive and the start as inclusive', async () => {
      const e = events(W_ODD, false)[10];
      const at = await stats({ start_unix: e.timeMs, end_unix: e.timeMs + 1, metric: 'request_count', aggregation_interval: 'cumulative' });
      const before = await stats({ start_unix: e.timeMs - 60_000, end_unix: e.timeMs, metric: 'request_count', aggregation_interval: 'cumulative' });
      // Counted from the whole window's events, so the log's own window filter does not hide a bug here.
      const own = events(W_ODD, false);
      const sameMs = own.filter((x) => x.timeMs === e.timeMs).length;
      const expectedBefore = own.filter((x) => x.timeMs >= e.timeMs - 60_000 && x.timeMs < e.timeMs).length;
      assert.deepEqual(at.usage.All, [sameMs]);
      assert.ok(sameMs >= 1);
      assert.deepEqual(before.usage.All, expectedBefore ? [expectedBefore] : []);
    });

    for (const metric of ADDITIVE) {
      it(`adds up ${metric}: hour, day, week, month and bucket-size buckets each sum to the cumulative value`, async () => {
        for (const workspace of [false, true]) {
          const base = windowParams(W_MONTHS, { metric, include_workspace_metrics: workspace });
          const total = (await stats({ ...base, aggregation_interval: 'cumulative' })).usage.All[0];
          assertClose(total, sum(events(W_MONTHS, workspace).map((e) => e.metrics[metric])), `${metric} cumulative`);
          const splits: Params[] = [{ aggregation_interval: 'hour' }, { aggregation_interval: 'day' }, { aggregation_interval: 'week' },
            { aggregation_interval: 'month' }, { aggregation_bucket_size: 3600 * 5 }, { aggregation_bucket_size: 86_400 * 10 }];
          for (const split of splits) {
            const reply = await stats({ ...base, ...split });
            assert.equal(reply.usage.All.length, reply.time.length);
            assertClose(sum(reply.usage.All), total, `${metric} ${JSON.stringify(split)} workspace=${workspace}`);
          }
        }
      });
    }

    for (const breakdown of BREAKDOWN_TYPES.filter((b) => b !== 'none')) {
      it(`breaks down by ${breakdown}: series are the distinct values and add up to the total in every bucket`, async () => {
        const base = windowParams(W_MONTHS, { include_workspace_metrics: true, aggregation_interval: 'week' });
        const total = await stats(base);
        const split = await stats({ ...base, breakdown_type: breakdown });
        const names = [...new Set(events(W_MONTHS, true).map((e) => e.dimensions[breakdown]))].sort();
        assert.deepEqual(Object.keys(split.usage).sort(), names);
        assert.deepEqual(split.time, total.time);
        total.time.forEach((_, i) => {
          assert.equal(sum(Object.values(split.usage).map((series) => series[i])), total.usage.All[i], `bucket ${i}`);
        });
      });
    }

    it('never shows the caller more than the workspace, bucket by bucket', async () => {
      const own = await stats(windowParams(W_YEAR, { aggregation_interval: 'month' }));
      const workspace = await stats(windowParams(W_YEAR, { aggregation_interval: 'month', include_workspace_metrics: true }));
      own.time.forEach((t, i) => {
        const j = workspace.time.indexOf(t);
        assert.ok(j >= 0 && workspace.usage.All[j] >= own.usage.All[i]);
      });
    });

    it('averages ttfb_avg and concurrency_average, takes the nearest-rank 95th percentile and the concurrency peak', async () => {
      const list = events(W_ODD, false);
      const ttfb = list.map((e) => e.metrics.ttfb_ms).sort((a, b) => a - b);
      const concurrency = list.map((e) => e.metrics.concurrency);
      const expected: Record<string, number> = {
        ttfb_avg: sum(ttfb) / ttfb.length,
        ttfb_p95: ttfb[Math.ceil(ttfb.length * 0.95) - 1],
        concurrency: Math.max(...concurrency),
        concurrency_average: sum(concurrency) / concurrency.length,
      };
      for (const [metric, value] of Object.entries(expected)) {
        const reply = await stats(windowParams(W_ODD, { metric, aggregation_interval: 'cumulative' }));
        assertClose(reply.usage.All[0], value, metric);
      }
      assert.ok(expected.ttfb_p95 > expected.ttfb_avg);
    });

    it('answers every metric and breakdown with aligned arrays', async () => {
      for (const metric of METRICS) {
        const reply = await stats(windowParams(W_ODD, { metric, breakdown_type: 'model' }));
        for (const series of Object.values(reply.usage)) {
          assert.equal(series.length, reply.time.length, metric);
        }
      }
    });

    it('answers an empty axis for windows with no usage (the future, or 1970 when seconds are sent)', async () => {
      assert.deepEqual(await stats({ start_unix: NOW + DAY, end_unix: NOW + 2 * DAY }), { time: [], usage: { All: [] } });
      assert.deepEqual(await stats({ start_unix: 1685574000, end_unix: 1688165999 }), { time: [], usage: { All: [] } });
      assert.deepEqual(await stats({ start_unix: NOW + DAY, end_unix: NOW + 2 * DAY, breakdown_type: 'voice' }), { time: [], usage: {} });
    });
  });

  describe('subscription', () => {
    // The period resets on the 17th at 08:14:26 UTC; NOW is the 20th, so it started on 2026-08-17.
    const periodStart = Date.UTC(2026, 7, 17, 8, 14, 26);

    it('reports the workspace’s credits since the period start and the next reset in seconds', async () => {
      const reply = await get('/v1/user/subscription');
      assert.equal(reply.status, 200);
      const body = reply.json();
      const used = sum(events({ start: periodStart, end: NOW + 1 }, true).map((e) => e.metrics.credits));
      assert.equal(body.character_count, used);
      assert.ok(used > 0);
      assert.equal(body.character_limit, 100_000);
      assert.equal(body.next_character_count_reset_unix, Date.UTC(2026, 8, 17, 8, 14, 26) / 1000);
      assert.equal(body.status, 'active');
    });

    it('takes the limit from options and from setCharacterLimit, so tests can cross 80% and 95%', async () => {
      const used = sum(events({ start: periodStart, end: NOW + 1 }, true).map((e) => e.metrics.credits));
      const limited = await startFakeApi({ seed: SEED, now: () => NOW, characterLimit: Math.floor(used / 0.85) });
      try {
        const body = (await get('/v1/user/subscription', {}, limited.validKey, limited)).json();
        assert.ok(body.character_count / body.character_limit > 0.8 && body.character_count / body.character_limit < 0.95);
        limited.setCharacterLimit(Math.floor(used / 0.97));
        const later = (await get('/v1/user/subscription', {}, limited.validKey, limited)).json();
        assert.ok(later.character_count / later.character_limit > 0.95);
      } finally {
        await limited.close();
      }
    });

    it('can be set to any fraction used, overage included, with the overage\u2019s cost and the limit extension', async () => {
      const custom = await startFakeApi({ seed: SEED, now: () => NOW, usedFraction: 0.91 });
      try {
        const at91 = (await get('/v1/user/subscription', {}, custom.validKey, custom)).json();
        assert.deepEqual([at91.character_count, at91.character_limit, at91.current_overage], [91_000, 100_000, { amount: '0.00', currency: 'usd' }]);
        custom.setSubscription({ usedFraction: 1.12, maxCreditLimitExtension: 'unlimited', currency: 'eur' });
        const over = (await get('/v1/user/subscription', {}, custom.validKey, custom)).json();
        assert.equal(over.character_count, 112_000);
        assert.deepEqual(over.current_overage, { amount: '3.60', currency: 'eur' }, '12,000 credits past the limit at 0.0003');
        assert.deepEqual([over.max_credit_limit_extension, over.currency, over.allowed_to_extend_character_limit], ['unlimited', 'eur', true]);
        custom.setSubscription({ usedFraction: undefined });
        const fromLog = (await get('/v1/user/subscription', {}, custom.validKey, custom)).json();
        assert.equal(fromLog.character_count, sum(events({ start: periodStart, end: NOW + 1 }, true).map((e) => e.metrics.credits)), 'back to the log');
      } finally {
        await custom.close();
      }
    });

    it('serves each billing period, periods of several months starting in January', async () => {
      // NOW is 2026-08-20: quarters start on the 17th of Jan, Apr, Jul, Oct; half-years of Jan and Jul.
      const expected: Record<string, [number, number]> = {
        monthly_period: [Date.UTC(2026, 7, 17, 8, 14, 26), Date.UTC(2026, 8, 17, 8, 14, 26)],
        '3_month_period': [Date.UTC(2026, 6, 17, 8, 14, 26), Date.UTC(2026, 9, 17, 8, 14, 26)],
        '6_month_period': [Date.UTC(2026, 6, 17, 8, 14, 26), Date.UTC(2027, 0, 17, 8, 14, 26)],
        annual_period: [Date.UTC(2026, 0, 17, 8, 14, 26), Date.UTC(2027, 0, 17, 8, 14, 26)],
      };
      for (const [period, [start, reset]] of Object.entries(expected)) {
        const other = await startFakeApi({ seed: SEED, now: () => NOW, billingPeriod: period });
        try {
          const body = (await get('/v1/user/subscription', {}, other.validKey, other)).json();
          assert.deepEqual([body.billing_period, body.character_refresh_period], [period, period]);
          assert.equal(body.next_character_count_reset_unix, reset / 1000, period);
          assert.equal(body.character_count, sum(events({ start, end: NOW + 1 }, true).map((e) => e.metrics.credits)), `${period}: the credits since ${new Date(start).toISOString()}`);
        } finally {
          await other.close();
        }
      }
    });

    it('can reset tomorrow, and bill yearly with monthly credits', async () => {
      const tomorrow = Date.UTC(2026, 7, 21, 8, 14, 26);
      const other = await startFakeApi({ seed: SEED, now: () => NOW, nextResetMs: tomorrow, billingPeriod: 'annual_period', creditRefreshPeriod: 'monthly_period' });
      try {
        const body = (await get('/v1/user/subscription', {}, other.validKey, other)).json();
        assert.equal(body.next_character_count_reset_unix, tomorrow / 1000);
        assert.deepEqual([body.billing_period, body.character_refresh_period], ['annual_period', 'monthly_period']);
        const start = Date.UTC(2026, 6, 21, 8, 14, 26);
        assert.equal(body.character_count, sum(events({ start, end: NOW + 1 }, true).map((e) => e.metrics.credits)), 'the month before tomorrow\u2019s reset');
      } finally {
        await other.close();
      }
    });

    it('moves the period on after the reset', async () => {
      const justAfter = await startFakeApi({ seed: SEED, now: () => Date.UTC(2026, 8, 17, 8, 14, 27) });
      try {
        const body = (await get('/v1/user/subscription', {}, justAfter.validKey, justAfter)).json();
        assert.equal(body.next_character_count_reset_unix, Date.UTC(2026, 9, 17, 8, 14, 26) / 1000);
        assert.ok(body.character_count < 200);
      } finally {
        await justAfter.close();
      }
    });
  });

  describe('errors', () => {
    const ok = windowParams(W_ODD);

    function validationItem(type: string, name: string, msg: string, input: unknown): object {
      return { type, loc: ['query', name], msg, input };
    }

    it('answers a request without a key with 401 needs_authorization, on both endpoints', async () => {
      for (const apiPath of ['/v1/usage/character-stats', '/v1/user/subscription']) {
        const reply = await get(apiPath, ok, null);
        assert.equal(reply.status, 401);
        assert.deepEqual(reply.json(), {
          detail: { status: 'needs_authorization', message: 'Neither authorization header nor xi-api-key received, please provide one.' },
        });
      }
    });

    it('answers a wrong key with 401 invalid_api_key, before looking at the parameters', async () => {
      for (const params of [ok, { start_unix: 'x' }]) {
        const reply = await get('/v1/usage/character-stats', params, 'sk_wrong');
        assert.equal(reply.status, 401);
        assert.equal(reply.text, '{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}');
      }
    });

    it('refuses the restricted key on /v1/user/subscription with missing_permissions but serves it usage', async () => {
      const refused = await get('/v1/user/subscription', {}, api.restrictedKey);
      assert.equal(refused.status, 401);
      assert.deepEqual(refused.json(), {
        detail: {
          status: 'missing_permissions',
          message: 'The API key you used is missing the permission user_read to execute this operation.',
        },
      });
      assert.equal((await get('/v1/usage/character-stats', ok, api.restrictedKey)).status, 200);
    });

    it('refuses the member key the whole workspace\u2019s usage, and serves it its own and the quota', async () => {
      const refused = await get('/v1/usage/character-stats', { ...ok, include_workspace_metrics: 'true' }, api.memberKey);
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.json(), { detail: { status: 'not_workspace_admin', message: 'Only workspace admins can read the usage of the whole workspace.' } });
      assert.equal((await get('/v1/usage/character-stats', ok, api.memberKey)).status, 200);
      assert.equal((await get('/v1/user/subscription', {}, api.memberKey)).status, 200);
    });

    it('sends the real service’s headers: JSON, server uvicorn and a fresh x-trace-id', async () => {
      const first = await get('/v1/usage/character-stats', ok);
      const second = await get('/v1/usage/character-stats', ok, 'sk_wrong');
      for (const reply of [first, second]) {
        assert.equal(reply.headers.get('content-type'), 'application/json');
        assert.equal(reply.headers.get('server'), 'uvicorn');
        assert.match(reply.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/);
      }
      assert.notEqual(first.headers.get('x-trace-id'), second.headers.get('x-trace-id'));
    });

    it('answers a missing start_unix exactly as the documented FastAPI 422', async () => {
      const reply = await get('/v1/usage/character-stats', { end_unix: NOW });
      assert.equal(reply.status, 422);
      assert.equal(reply.text, '{"detail":[{"type":"missing","loc":["query","start_unix"],"msg":"Field required","input":null}]}');
    });

    it('lists every problem at once, in parameter order', async () => {
      const reply = await get('/v1/usage/character-stats', { metric: 'nope', include_workspace_metrics: 'maybe' });
      assert.equal(reply.status, 422);
      assert.deepEqual(
        reply.json().detail.map((d: { loc: string[]; type: string }) => `${d.loc[1]}:${d.type}`),
        ['start_unix:missing', 'end_unix:missing', 'include_workspace_metrics:bool_parsing', 'metric:enum'],
      );
    });

    for (const bad of ['abc', '1.5', '1e12', '']) {
      it(`answers a non-integer start_unix ${JSON.stringify(bad)} with int_parsing`, async () => {
        const reply = await get('/v1/usage/character-stats', { ...ok, start_unix: bad });
        assert.equal(reply.status, 422);
        assert.deepEqual(reply.json(), {
          detail: [validationItem('int_parsing', 'start_unix', 'Input should be a valid integer, unable to parse string as an integer', bad)],
        });
      });
    }

    it('answers unknown values of the three enums with pydantic’s enum error', async () => {
      const cases: Array<[string, string]> = [
        ['breakdown_type', "'none', 'voice', 'voice_multiplier', 'user', 'groups', 'api_keys', 'all_api_keys', 'product_type', 'model', 'resource', 'request_queue', 'region', 'subresource_id', 'reporting_workspace_id', 'has_api_key' or 'request_source'"],
        ['aggregation_interval', "'hour', 'day', 'week', 'month' or 'cumulative'"],
        ['metric', "'credits', 'tts_characters', 'minutes_used', 'request_count', 'ttfb_avg', 'ttfb_p95', 'fiat_units_spent', 'concurrency' or 'concurrency_average'"],
      ];
      for (const [name, expected] of cases) {
        const reply = await get('/v1/usage/character-stats', { ...ok, [name]: 'fortnight' });
        assert.equal(reply.status, 422);
        assert.deepEqual(reply.json(), {
          detail: [{ type: 'enum', loc: ['query', name], msg: `Input should be ${expected}`, input: 'fortnight', ctx: { expected } }],
        });
      }
    });

    it('answers a window that does not end after its start with a value_error on end_unix', async () => {
      for (const end of [W_ODD.start, W_ODD.start - 1]) {
        const reply = await get('/v1/usage/character-stats', { start_unix: W_ODD.start, end_unix: end });
        assert.equal(reply.status, 422);
        assert.deepEqual(reply.json(), {
          detail: [validationItem('value_error', 'end_unix', 'Value error, end_unix must be greater than start_unix', String(end))],
        });
      }
    });

    for (const breakdown of ['user', 'api_keys', 'all_api_keys']) {
      it(`requires include_workspace_metrics=true for the ${breakdown} breakdown`, async () => {
        const refused = await get('/v1/usage/character-stats', { ...ok, breakdown_type: breakdown });
        assert.equal(refused.status, 422);
        assert.deepEqual(refused.json(), {
          detail: [validationItem('value_error', 'breakdown_type',
            `Value error, breakdown_type '${breakdown}' requires include_workspace_metrics=true`, breakdown)],
        });
        const served = await get('/v1/usage/character-stats', { ...ok, breakdown_type: breakdown, include_workspace_metrics: true });
        assert.equal(served.status, 200);
      });
    }

    it('refuses a bucket size below one second', async () => {
      const reply = await get('/v1/usage/character-stats', { ...ok, aggregation_bucket_size: 0 });
      assert.equal(reply.status, 422);
      assert.deepEqual(reply.json().detail, [
        { ...validationItem('greater_than_equal', 'aggregation_bucket_size', 'Input should be greater than or equal to 1', '0'), ctx: { ge: 1 } },
      ]);
    });

    it('refuses an answer of more buckets than maxBuckets (default 10,000), counting the cut first bucket', async () => {
      const small = await startFakeApi({ seed: SEED, now: () => NOW, maxBuckets: 5 });
      try {
        const start = Date.UTC(2026, 10, 2, 15, 30);
        // The end is exclusive: Monday (cut) to Friday are five buckets, an hour of Saturday a sixth.
        const fiveDays = { start_unix: start, end_unix: Date.UTC(2026, 10, 7), aggregation_interval: 'day' };
        assert.equal((await get('/v1/usage/character-stats', fiveDays, small.validKey, small)).status, 200);
        const reply = await get('/v1/usage/character-stats', { ...fiveDays, end_unix: Date.UTC(2026, 10, 7, 1) }, small.validKey, small);
        assert.equal(reply.status, 422);
        assert.equal(reply.json().detail[0].loc.join('.'), 'query.aggregation_interval');
      } finally {
        await small.close();
      }
      const hourly = await get('/v1/usage/character-stats', { ...ok, start_unix: NOW - 10_001 * HOUR, end_unix: NOW, aggregation_interval: 'hour' });
      assert.equal(hourly.status, 422, 'over 10,000 hours by default');
    });

    it('answers unknown paths with 404 and other methods with 405, as FastAPI does', async () => {
      const missing = await get('/v1/usage/character-stat', ok);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json(), { detail: 'Not Found' });
      const post = await fetch(`${api.url}/v1/user/subscription`, { method: 'POST', headers: { 'xi-api-key': api.validKey } });
      assert.equal(post.status, 405);
      assert.deepEqual(await post.json(), { detail: 'Method Not Allowed' });
    });
  });

  describe('faults', () => {
    const ok = windowParams(W_ODD);
    const statsPath = '/v1/usage/character-stats';

    it('delays every response by latencyMs', async () => {
      api.setFaults({ latencyMs: 150 });
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        assert.equal((await get(statsPath, ok)).status, 200);
        assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
      }
    });

    it('answers the next n requests with 429 and Retry-After, counting down, then recovers', async () => {
      api.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 3 } });
      for (const remaining of [1, 0]) {
        const reply = await get(statsPath, ok);
        assert.equal(reply.status, 429);
        assert.equal(reply.headers.get('retry-after'), '3');
        assert.equal(reply.json().detail.status, 'too_many_concurrent_requests');
        assert.equal(api.getFaults().rateLimit?.count ?? 0, remaining);
      }
      assert.equal((await get(statsPath, ok)).status, 200);
    });

    it('answers the next n requests with 500, then recovers', async () => {
      api.setFaults({ serverError: 2 });
      for (let i = 0; i < 2; i++) {
        const reply = await get('/v1/user/subscription');
        assert.equal(reply.status, 500);
        assert.equal(reply.text, 'Internal Server Error');
      }
      assert.equal(api.getFaults().serverError, 0);
      assert.equal((await get('/v1/user/subscription')).status, 200);
    });

    it('answers with a proxy’s HTML 502 page, then recovers', async () => {
      api.setFaults({ htmlPage: 1 });
      const reply = await get(statsPath, ok);
      assert.equal(reply.status, 502);
      assert.equal(reply.headers.get('content-type'), 'text/html');
      assert.match(reply.text, /<h1>502 Bad Gateway<\/h1>/);
      assert.equal((await get(statsPath, ok)).status, 200);
    });

    it('answers 200 with a body that is not JSON, then recovers', async () => {
      api.setFaults({ malformedJson: 1 });
      const reply = await get(statsPath, ok);
      assert.equal(reply.status, 200);
      assert.throws(() => reply.json(), SyntaxError);
      const next = await get(statsPath, ok);
      assert.equal(next.status, 200);
      assert.doesNotThrow(() => next.json());
    });

    it('truncates usage arrays of the next n character-stats responses only', async () => {
      api.setFaults({ truncatedArrays: 1 });
      assert.equal((await get('/v1/user/subscription')).status, 200);
      assert.equal(api.getFaults().truncatedArrays, 1, 'the subscription does not use the fault up');
      const broken = await stats({ ...ok, breakdown_type: 'voice' });
      assert.ok(broken.time.length > 0);
      for (const series of Object.values(broken.usage)) {
        assert.equal(series.length, broken.time.length - 1);
      }
      const fine = await stats({ ...ok, breakdown_type: 'voice' });
      for (const series of Object.values(fine.usage)) {
        assert.equal(series.length, fine.time.length);
      }
    });

    it('answers series under the names it is given, and under their own again once undone', async () => {
      const query = { ...ok, breakdown_type: 'voice' };
      const plain = await stats(query);
      assert.ok(Object.hasOwn(plain.usage, 'Rachel'), 'Rachel has usage in this window');
      api.setSeriesNames({ Rachel: '<script>alert(1)</script>' });
      const renamed = await stats(query);
      assert.deepEqual(renamed.usage['<script>alert(1)</script>'], plain.usage['Rachel']);
      assert.equal(Object.hasOwn(renamed.usage, 'Rachel'), false);
      api.setSeriesNames({});
      assert.deepEqual(await stats(query), plain);
    });

    it('breaks the arrays of a window without usage too, so the fault does not depend on the time of day', async () => {
      // Long before the fake's history begins: no event at all.
      const quiet = { start_unix: String(Date.UTC(2020, 0, 1)), end_unix: String(Date.UTC(2020, 0, 2)), aggregation_interval: 'cumulative' };
      assert.equal((await stats(quiet)).time.length, 0);
      api.setFaults({ truncatedArrays: 1 });
      const broken = await stats(quiet);
      assert.equal(broken.time.length, 1);
      assert.deepEqual(Object.values(broken.usage).map((series) => series.length), [0]);
    });

    it('holds requests while hang is set and answers them once it is cleared', async () => {
      api.setFaults({ hang: true });
      let settled = false;
      const pending = get(statsPath, ok).then((reply) => {
        settled = true;
        return reply;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(settled, false);
      api.clearFaults();
      assert.equal((await pending).status, 200);
    });

    it('ends held connections on close, so nothing waits forever', async () => {
      const hanging = await startFakeApi({ seed: SEED, now: () => NOW, faults: { hang: true } });
      const pending = get(statsPath, ok, hanging.validKey, hanging);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // If close() left it held, this would wait until mocha's timeout fails the test: no clock needed.
      await hanging.close();
      await assert.rejects(pending);
    });
  });

  describe('faults by path and status', () => {
    const ok = windowParams(W_ODD);
    const statsPath = '/v1/usage/character-stats';
    const quotaPath = '/v1/user/subscription';

    it('fails one path with a proxy\u2019s HTML 503 page while the other works', async () => {
      api.setFaults({ byPath: { [quotaPath]: { status: 503, body: 'html' } } });
      for (let i = 0; i < 3; i++) {
        const reply = await get(quotaPath);
        assert.equal(reply.status, 503);
        assert.equal(reply.headers.get('content-type'), 'text/html');
        assert.match(reply.text, /<h1>503 Service Unavailable<\/h1>/);
      }
      assert.equal((await get(statsPath, ok)).status, 200, 'the usage endpoint still works');
      api.setFaults({ byPath: {} });
      assert.equal((await get(quotaPath)).status, 200);
    });

    it('answers with an empty body, plain text, the service\u2019s JSON or a body the test gives', async () => {
      api.setFaults({ byPath: { [statsPath]: { status: 503, body: 'empty' } } });
      const empty = await get(statsPath, ok);
      assert.deepEqual([empty.status, empty.text], [503, '']);
      api.setFaults({ byPath: { [statsPath]: { status: 500, body: 'json' } } });
      const json = await get(statsPath, ok);
      assert.equal(json.status, 500);
      assert.deepEqual(json.json(), { detail: { status: 'internal_server_error', message: 'Internal Server Error.' } });
      api.setFaults({ byPath: { [statsPath]: { status: 502, body: 'text' } } });
      assert.deepEqual([(await get(statsPath, ok)).text], ['Bad Gateway']);
      api.setFaults({ byPath: { '*': { status: 400, body: { json: { detail: { status: 'odd', message: 'chosen' } } } } } });
      for (const reply of [await get(statsPath, ok), await get(quotaPath)]) {
        assert.equal(reply.status, 400);
        assert.deepEqual(reply.json(), { detail: { status: 'odd', message: 'chosen' } });
      }
    });

    it('sends a 429 with Retry-After to every request of a path until cleared', async () => {
      api.setFaults({ byPath: { [statsPath]: { status: 429, body: 'json', retryAfterSeconds: 120 } } });
      for (let i = 0; i < 4; i++) {
        const reply = await get(statsPath, ok);
        assert.equal(reply.status, 429);
        assert.equal(reply.headers.get('retry-after'), '120');
        assert.equal(reply.json().detail.status, 'too_many_concurrent_requests');
      }
      assert.equal((await get(quotaPath)).status, 200);
      api.clearFaults();
      assert.equal((await get(statsPath, ok)).status, 200);
    });

    it('counts a path fault down when given a count, before the counted switches', async () => {
      api.setFaults({ byPath: { [quotaPath]: { status: 504, body: 'html', count: 2 } }, serverError: 1 });
      assert.equal((await get(quotaPath)).status, 504);
      assert.deepEqual(api.getFaults().byPath, { [quotaPath]: { status: 504, body: 'html', count: 1 } });
      assert.equal((await get(quotaPath)).status, 504);
      assert.deepEqual(api.getFaults().byPath, {});
      assert.equal((await get(quotaPath)).status, 500, 'then the counted server error');
      assert.equal((await get(quotaPath)).status, 200);
    });

    it('narrows a path fault to requests with given query parameters', async () => {
      api.setFaults({ byPath: { [`${statsPath}?metric=credits`]: { status: 503, body: 'html' }, '*': { status: 500, body: 'json', count: 1 } } });
      assert.equal((await get(statsPath, { ...ok, metric: 'credits' })).status, 503, 'the most specific entry wins');
      assert.equal((await get(statsPath, { ...ok, metric: 'tts_characters' })).status, 500);
      assert.equal((await get(statsPath, { ...ok, metric: 'tts_characters' })).status, 200);
      assert.equal((await get(statsPath, { ...ok, metric: 'credits' })).status, 503);
    });

    it('holds the requests of one path only, and answers them when its hang is switched off', async () => {
      api.setFaults({ byPath: { [quotaPath]: { hang: true } } });
      let settled = false;
      const pending = get(quotaPath).then((reply) => {
        settled = true;
        return reply;
      });
      assert.equal((await get(statsPath, ok)).status, 200, 'the other path answers meanwhile');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(settled, false);
      api.setFaults({ latencyMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(settled, false, 'another change of the faults does not release it');
      api.setFaults({ byPath: {} });
      assert.equal((await pending).status, 200);
    });

    it('streams a body that never ends until the client hangs up', async () => {
      api.setFaults({ byPath: { [statsPath]: { status: 200, body: 'endless' } } });
      const url = new URL(statsPath, api.url);
      for (const [name, value] of Object.entries(ok)) url.searchParams.set(name, String(value));
      const controller = new AbortController();
      const res = await fetch(url, { headers: { 'xi-api-key': api.validKey }, signal: controller.signal });
      assert.equal(res.headers.get('content-length'), null);
      const reader = res.body!.getReader();
      let bytes = 0;
      let first = '';
      while (bytes < 5_000_000) {
        const { value, done } = await reader.read();
        assert.equal(done, false, `ended after ${bytes} bytes`);
        if (!first) first = new TextDecoder().decode(value!.slice(0, 12));
        bytes += value!.byteLength;
      }
      controller.abort();
      assert.equal(first, '{"time":[0,0');
      api.clearFaults();
      assert.equal((await get(statsPath, ok)).status, 200, 'the server is still well after the client hung up');
    });
  });

  describe('request log', () => {
    it('records method, path, query and whether a key was sent, never the key itself', async () => {
      const before = api.requests.length;
      await get('/v1/usage/character-stats', { ...windowParams(W_ODD), metric: 'tts_characters' });
      await get('/v1/user/subscription', { 'xi-api-key': api.validKey }, null);
      const [first, second] = api.requests.slice(before);
      assert.equal(first.method, 'GET');
      assert.equal(first.path, '/v1/usage/character-stats');
      assert.deepEqual(first.query, { start_unix: String(W_ODD.start), end_unix: String(W_ODD.end), metric: 'tts_characters' });
      assert.equal(first.hasKey, true);
      assert.equal(second.hasKey, false);
      assert.deepEqual(second.query, { 'xi-api-key': '[redacted]' });
      assert.ok(!JSON.stringify(api.requests).includes(api.validKey));
    });
  });

  describe('command line', () => {
    it('prints the URL and the demo key, serves, and stops on SIGTERM', async () => {
      const cli = spawn(process.execPath, [path.join(__dirname, '..', 'fake-api', 'cli.js'), '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const output = await new Promise<string>((resolve, reject) => {
          let text = '';
          cli.stdout.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('Demo key:') && text.endsWith('\n')) resolve(text);
          });
          cli.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${text}`)));
        });
        const url = /Fake ElevenLabs API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        assert.ok(url, output);
        assert.match(output, new RegExp(`Demo key: ${DEMO_KEY}`));
        const reply = await fetch(`${url}/v1/user/subscription`, { headers: { 'xi-api-key': DEMO_KEY } });
        assert.equal(reply.status, 200);
        const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
        cli.kill('SIGTERM');
        assert.equal(await exited, 0);
      } finally {
        if (cli.exitCode === null) cli.kill('SIGKILL');
      }
    });
  });
});
