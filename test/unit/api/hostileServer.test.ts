// A hostile or broken server against the real client, status logic and scheduler over real HTTP on 127.0.0.1
// (the fake API, its clock simulated; see test/simulation): each row of issue 17 that a server can send, what the
// user sees of it, and the politeness bound it keeps. Nothing here reads the wall clock: time is the simulated
// clock's, and the fake's Date header follows it, as a real server's follows its own.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ElevenLabsClient } from '../../../src/api/client';
import { isElevenLabsError } from '../../../src/api/errors';
import { MAX_SERIES_PER_ANSWER } from '../../../src/api/parse';
import { MAX_RETRY_AFTER_MS } from '../../../src/api/responseErrors';
import { MIN_KEY_FRAGMENT } from '../../../src/api/serviceText';
import type { UsageQuery } from '../../../src/api/types';
import { FilePause } from '../../../src/status/schedule/filePause';
import { MAX_WAIT_MS } from '../../../src/status/schedule/refreshScheduler';
import { MAX_MERGED_VALUES, mergeAnswers } from '../../../src/usage/query/chartQuery';
import { grandTotal } from '../../../src/usage/totals';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { CHARACTER_STATS_PATH, startFakeApi, type FakeApi, type Faults } from '../../fake-api/server';
import { HOUR_MS, SimulatedClock, simulateStatusBar, simulateWindows, type SimulationResult } from '../../simulation/statusBarHour';
import { failureOf } from '../helpers/failure';

const CALENDAR = ZonedCalendar.for('America/St_Johns');
/** 09:00 in Newfoundland (UTC-2:30 in summer) on a fixed day: no midnight within the hours simulated. */
const START = CALENDAR.instant({ year: 2026, month: 7, day: 14, hour: 9 }).ms;
const DAY_MS = 86_400_000;
/** A key shaped as ElevenLabs' are: "sk_" and 48 hex digits, 51 characters. */
const KEY = 'sk_9c41e07b5d2a8f63c1e4b7a90d5f28e6b3a17c4d9e02f8b5';
/** The healthy figure at default settings (test/unit/status/politeness.test.ts): 26 requests an hour. */
const HEALTHY_PER_HOUR = 26;

async function withFake<T>(options: { faults?: Partial<Faults>; clockOffsetMs?: number }, body: (api: FakeApi, clock: SimulatedClock) => Promise<T>): Promise<T> {
  const clock = new SimulatedClock(START);
  const offset = options.clockOffsetMs ?? 0;
  const api = await startFakeApi({ now: () => clock.now() + offset, faults: options.faults, validKey: KEY });
  try {
    return await body(api, clock);
  } finally {
    await api.close();
  }
}

function simulate(faults: Partial<Faults>, hours: number, clockOffsetMs = 0): Promise<SimulationResult> {
  return withFake({ faults, clockOffsetMs }, (api, clock) => simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: hours * HOUR_MS, key: KEY }));
}

/** The simulated minutes of the requests, for a failure's message. */
function minutes(result: SimulationResult): string {
  return result.refreshes.filter((r) => r.requests > 0).map((r) => Math.round(r.atMs / 60_000)).join(', ');
}

const everyPath = (fault: Faults['byPath'][string]): Partial<Faults> => ({ byPath: { '*': fault } });


function clientFor(api: FakeApi): ElevenLabsClient {
  return new ElevenLabsClient({ baseUrl: api.url, apiKey: KEY, timeoutMs: 2000, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
}

describe('a hostile server: the real client and scheduler over HTTP', function () {
  this.timeout(120_000);

  describe('Retry-After of any size is kept to, and bounded to an hour', () => {
    it('429 with Retry-After: 3000000 (35 days): one try an hour, neither a stream nor a silence of weeks', async () => {
      const result = await simulate(everyPath({ status: 429, body: 'json', retryAfterSeconds: 3_000_000 }), 3);
      // The first refresh (one request: the client does not wait out a long Retry-After inside it), then one an
      // hour: a Node timer of 3,000,000,000 ms would have fired after 1 ms, over and over.
      assert.deepEqual(result.refreshes.map((r) => r.atMs), [0, MAX_WAIT_MS, 2 * MAX_WAIT_MS], minutes(result));
      assert.equal(result.requests, 3);
      assert.ok(result.finalState.kind === 'error' || result.finalState.kind === 'stale');
      const reason = 'reason' in result.finalState ? result.finalState.reason : '';
      assert.match(reason, /It asked to wait 35 days\. The extension waits 60 minutes at most before it asks again\./);
    });

    it('Retry-After of 10^20 seconds, or a date in the year 9999: the same hourly bound', async () => {
      for (const fault of [
        // 10^20 seconds: digits only (so read as seconds), far past the largest timer Node can arm.
        { status: 429, body: 'json' as const, retryAfterSeconds: 1e20 },
        { status: 503, body: 'empty' as const, retryAfterDateInMs: Date.UTC(9999, 11, 31) - START },
      ]) {
        const result = await simulate(everyPath(fault), 2);
        assert.deepEqual(result.refreshes.map((r) => r.atMs), [0, MAX_WAIT_MS], `${JSON.stringify(fault)}: ${minutes(result)}`);
      }
    });

    it('503 with an HTTP-date Retry-After 40 days ahead: the same bound, and the message names the wait', async () => {
      const result = await simulate(everyPath({ status: 503, body: 'html', retryAfterDateInMs: 40 * DAY_MS }), 2);
      assert.deepEqual(result.refreshes.map((r) => r.atMs), [0, MAX_WAIT_MS], minutes(result));
      assert.ok(result.requests <= 2 * 3, `${result.requests} requests (the client retries a 503 twice at most)`);
    });

    it('a machine clock 25 days slow: an HTTP-date Retry-After of 2 minutes is read against the server\u2019s Date', async () => {
      // The server's clock is 25 days ahead of this machine's; its Retry-After is its own now + 120 s.
      const result = await simulate({ byPath: { [CHARACTER_STATS_PATH]: { status: 429, body: 'json', retryAfterDateInMs: 120_000 } } }, 1, 25 * DAY_MS);
      const gaps = result.refreshes.slice(1).map((r, i) => r.atMs - result.refreshes[i]!.atMs);
      assert.ok(gaps.length > 0, minutes(result));
      // Read against the local clock, the wait would be 25 days (an hour, bounded); it is the 2 minutes asked for,
      // and never less: the refreshes keep to the backoff that follows.
      assert.ok(gaps[0]! >= 120_000 && gaps[0]! < 10 * 60_000, `first wait ${gaps[0]} ms: ${minutes(result)}`);
      assert.ok(result.requests <= HEALTHY_PER_HOUR, `${result.requests} requests`);
    });

    it('the client\u2019s own reading is capped too: a Retry-After past the cap is the cap', async () => {
      await withFake({ faults: everyPath({ status: 429, body: 'json', retryAfterSeconds: 3_000_000 }) }, async (api) => {
        const failure = await failureOf(clientFor(api).getSubscription());
        assert.equal(failure.retryAfterMs, MAX_RETRY_AFTER_MS);
      });
    });
  });

  describe('answers far larger than what was asked are refused before any heavy work', () => {
    const weekHourly: UsageQuery = { startUnix: START - 7 * DAY_MS, endUnix: START, aggregationInterval: 'hour' };

    it('1,000,000 time labels for a 7-day hourly query: refused with its own message', async () => {
      const time = Array.from({ length: 1_000_000 }, (_, i) => START - 7 * DAY_MS + i * 1000);
      await withFake({ faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time, usage: { All: [] } } } } } } }, async (api) => {
        const failure = await failureOf(clientFor(api).getCharacterStats(weekHourly));
        assert.equal(failure.kind, 'tooLarge');
        assert.match(failure.message, /^ElevenLabs sent 1,000,000 time labels for a window that holds at most 170 buckets/);
      });
    });

    it(`60,000 series in one answer: refused, saying the extension reads ${MAX_SERIES_PER_ANSWER.toLocaleString('en-US')} at most`, async () => {
      const usage = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`voice ${i}`, [1]]));
      await withFake({ faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [START - DAY_MS], usage } } } } } }, async (api) => {
        const failure = await failureOf(clientFor(api).getCharacterStats({ ...weekHourly, aggregationInterval: 'day' }));
        assert.equal(failure.kind, 'tooLarge');
        assert.match(failure.message, /^ElevenLabs sent 60,000 series in one answer; it reads at most 5,000/);
      });
    });

    it('an oversized answer every time for an hour: the status bar backs off as for any fault', async () => {
      const usage = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`voice ${i}`, [1]]));
      const result = await simulate({ byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [START], usage } } } } }, 1);
      assert.ok(result.requests <= HEALTHY_PER_HOUR, `${result.requests} requests at ${minutes(result)}`);
      assert.ok(result.finalState.kind === 'error' && /6,000 series/.test(result.finalState.reason), JSON.stringify(result.finalState));
    });
  });

  describe('the parts of a long query, each within bounds, that together are not', () => {
    const part = (from: number, names: number, labels = 1) => ({
      time: Array.from({ length: labels }, (_, i) => START + from * HOUR_MS + i * HOUR_MS),
      series: Array.from({ length: names }, (_, i) => ({ name: `voice ${from}-${i}`, values: new Array<number>(labels).fill(1) })),
    });

    it(`new names in every part: refused past ${MAX_SERIES_PER_ANSWER.toLocaleString('en-US')} series in all, before their rows are made`, () => {
      const parts = [part(0, 3000), part(1, 3000)];
      assert.throws(() => mergeAnswers(parts, 0), (error: unknown) => {
        assert.ok(isElevenLabsError(error) && error.kind === 'tooLarge', String(error));
        assert.match(error.message, /^ElevenLabs sent 5,001 or more series across the parts of this query/);
        return true;
      });
      assert.equal(mergeAnswers([part(0, 2500), part(1, 2500)], 0).series.length, 5000, 'up to the cap they are read');
    });

    it(`rows as long as the whole window: refused past ${MAX_MERGED_VALUES.toLocaleString('en-US')} values (here with a smaller budget)`, () => {
      const limits = { maxSeries: 5000, maxValues: 1500 };
      // 4 parts of 100 labels, 3 names each, all different: 12 rows of 400 values would be 4,800; the fourth row is past 1,500.
      const parts = [0, 1, 2, 3].map((i) => ({ ...part(i * 100, 3, 100) }));
      assert.throws(() => mergeAnswers(parts, 0, limits), /series across the parts of this query, 400 buckets long/);
      // The same names in every part: 3 rows of 400, within the budget.
      const same = parts.map((p) => ({ time: p.time, series: p.series.map((s, i) => ({ ...s, name: `voice ${i}` })) }));
      assert.equal(mergeAnswers(same, 0, limits).series.length, 3);
    });
  });

  describe('an echoed key is redacted whole, wherever the text is cut', () => {
    it('a series named with the key, refused for a bad value: the message shows none of the key', async () => {
      await withFake({}, async (api) => {
        const client = clientFor(api);
        for (const name of [KEY, `voice ${KEY}`, `${'x'.repeat(30)}${KEY}`, KEY.slice(0, 30), `proxy says xi-api-key: ${KEY}`]) {
          api.setFaults({ byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [START - DAY_MS], usage: { [name]: ['text'] } } } } } });
          const failure = await failureOf(client.getCharacterStats({ startUnix: START - DAY_MS, endUnix: START, aggregationInterval: 'day' }));
          assert.equal(failure.kind, 'badShape');
          for (let at = 3; at + 8 <= KEY.length; at++) {
            assert.ok(!failure.message.includes(KEY.slice(at, at + 8)), `${name}: "${KEY.slice(at, at + 8)}" in: ${failure.message}`);
          }
        }
      });
    });

    it('a series named with part of the key: the chart, table and exports get the name redacted', async () => {
      await withFake({}, async (api) => {
        const part = KEY.slice(10, 30);
        api.setFaults({ byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [START - DAY_MS], usage: { [`voice ${part}`]: [5], Rachel: [7] } } } } } });
        const answer = await clientFor(api).getCharacterStats({ startUnix: START - DAY_MS, endUnix: START, aggregationInterval: 'day' });
        assert.deepEqual(answer.series.map((s) => s.name).sort(), ['Rachel', 'voice [redacted]']);
      });
    });

    it('a 400 that echoes the header with the key at every offset around the 300-character cut shows none of it', async () => {
      await withFake({}, async (api) => {
        const client = clientFor(api);
        for (let offset = 250; offset <= 310; offset++) {
          const message = `${'x'.repeat(offset)} (request header xi-api-key: ${KEY}) was not expected`;
          api.setFaults({ byPath: { [CHARACTER_STATS_PATH]: { status: 400, body: { json: { detail: { status: 'invalid_parameters', message } } } } } });
          const failure = await failureOf(client.getCharacterStats({ startUnix: START - DAY_MS, endUnix: START }));
          for (let at = 3; at + 6 <= KEY.length; at++) {
            assert.ok(!failure.message.includes(KEY.slice(at, at + 6)), `offset ${offset}: "${KEY.slice(at, at + 6)}" of the key in: ${failure.message}`);
          }
          assert.match(failure.message, /\[redacted\]|…/, `offset ${offset}: ${failure.message}`);
        }
      });
    });

    it(`a server that cut the key itself: every part of ${MIN_KEY_FRAGMENT} characters or more is redacted`, async () => {
      await withFake({}, async (api) => {
        const client = clientFor(api);
        for (let length = MIN_KEY_FRAGMENT; length < KEY.length; length++) {
          for (const part of [KEY.slice(0, length), KEY.slice(KEY.length - length)]) {
            api.setFaults({ byPath: { [CHARACTER_STATS_PATH]: { status: 400, body: { json: { detail: { status: 'invalid_parameters', message: `bad key ${part} given` } } } } } });
            const failure = await failureOf(client.getCharacterStats({ startUnix: START - DAY_MS, endUnix: START }));
            assert.ok(!failure.message.includes(part), `${length} characters of the key in: ${failure.message}`);
            assert.match(failure.message, /bad key \[redacted\] given/);
          }
        }
      });
    });
  });

  describe('null values are gaps, not a refused answer', () => {
    it('an hourly answer with a null bucket: the gap stays a gap, and the sum is of the numbers', async () => {
      const body = { time: [START - 3 * HOUR_MS, START - 2 * HOUR_MS, START - HOUR_MS], usage: { All: [1200, null, 34] } };
      await withFake({ faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: body } } } } }, async (api) => {
        const series = await clientFor(api).getCharacterStats({ startUnix: START - 3 * HOUR_MS, endUnix: START, aggregationInterval: 'hour' });
        assert.deepEqual(series.series[0]!.values, [1200, null, 34]);
        assert.equal(grandTotal(series), 1234);
      });
    });

    it('today\u2019s characters with a null series: current, the sum of the numbers, no more requests than healthy', async () => {
      const body = { time: [START - HOUR_MS], usage: { 'voice a': [1234], 'voice b': [null] } };
      const result = await simulate({ byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: body } } } }, 1);
      assert.ok(result.finalState.kind === 'current' && result.finalState.snapshot.charactersToday === 1234, JSON.stringify(result.finalState));
      assert.ok(result.requests <= HEALTHY_PER_HOUR, `${result.requests} requests`);
    });
  });

  describe('one pause for every window of the profile', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'elevenlabs-usage-pause-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('two windows, a 429 with Retry-After: 120 on the usage endpoint: the second sends nothing until it ends', async () => {
      await withFake({ faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 429, body: 'json', retryAfterSeconds: 120 } } } }, async (api, clock) => {
        const { requestsAt } = await simulateWindows({
          api,
          clock,
          calendar: CALENDAR,
          durationMs: 10 * 60_000,
          key: KEY,
          windows: 2,
          // Not a divisor of the 120 s: the second window has the focus when the pause ends.
          switchFocusEveryMs: 25_000,
          pause: () => new FilePause(folder, new URL(api.url).host),
        });
        const [first, second] = requestsAt as [readonly number[], readonly number[]];
        assert.deepEqual(first.filter((t) => t < 120_000), [0], 'the first window asked at the start, and not again before the pause ended');
        assert.ok(second.length > 0, 'the second window asks once the pause is over');
        assert.ok(second[0]! >= 120_000, `the second window asked at ${second.map((t) => t / 1000).join(', ')} s`);
      });
    });

    it('N windows in a fault make no more requests than one window does', async () => {
      const faults = { byPath: { '*': { status: 503, body: 'html' as const } } };
      const run = (windows: number) =>
        withFake({ faults }, (api, clock) =>
          simulateWindows({ api, clock, calendar: CALENDAR, durationMs: HOUR_MS, key: KEY, windows, switchFocusEveryMs: 20_000, pause: () => new FilePause(folder, `one-${windows}`) }),
        );
      const one = await run(1);
      const three = await run(3);
      assert.ok(three.requests <= one.requests, `one window: ${one.requests} requests an hour; three windows: ${three.requests}`);
    });

    it('one window switched to every 20 s through an outage stays within the bound of any fault (60 an hour)', async () => {
      // Focus refreshes stale figures, but the gap after a failure grows with each one (1, 2, 4… minutes, up to
      // the backoff): with a fixed minute, alt-tabbing through an outage made 180 requests an hour.
      const faults = { byPath: { '*': { status: 503, body: 'html' as const } } };
      const { requests, requestsAt } = await withFake({ faults }, (api, clock) =>
        simulateWindows({ api, clock, calendar: CALENDAR, durationMs: HOUR_MS, key: KEY, windows: 1, switchFocusEveryMs: 20_000, pause: () => new FilePause(folder, 'alt-tab') }),
      );
      assert.ok(requests <= 60, `${requests} requests an hour at ${requestsAt[0]!.map((t) => Math.round(t / 60_000)).join(', ')} min`);
    });

    it('without the shared pause (each window its own), three windows would make more: the bound is real', async () => {
      const faults = { byPath: { '*': { status: 503, body: 'html' as const } } };
      const run = (windows: number, shared: boolean) =>
        withFake({ faults }, (api, clock) =>
          simulateWindows({
            api,
            clock,
            calendar: CALENDAR,
            durationMs: HOUR_MS,
            key: KEY,
            windows,
            switchFocusEveryMs: 20_000,
            pause: (index) => new FilePause(shared ? folder : path.join(folder, `window-${index}`), 'host'),
          }),
        );
      const one = await run(1, true);
      const separate = await run(3, false);
      assert.ok(separate.requests > one.requests, `separate pauses: ${separate.requests}; one window: ${one.requests}`);
    });
  });
});
