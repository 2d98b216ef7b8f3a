// The status bar stays polite in every fault of issue 9: at most one request a minute on average over an hour,
// at default settings with the window focused, Retry-After honoured whichever request it came with, and today's
// figure kept (current while usage works) with the tooltip saying what is missing and why. The real scheduler,
// status logic and client against the real fake API over HTTP, on a simulated clock (test/simulation).
import * as assert from 'node:assert/strict';
import { statusView } from '../../../src/status/statusModel';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { eventsBetween } from '../../fake-api/events';
import { ANALYTICS_PATH, CHARACTER_STATS_PATH, SUBSCRIPTION_PATH, startFakeApi, type FakeApi, type Faults } from '../../fake-api/server';
import { FAULT_KINDS, HOUR_MS, LAST_7_DAYS, SimulatedClock, simulateStatusBar, type SimulationResult } from '../../simulation/statusBarHour';

const CALENDAR = ZonedCalendar.for('Asia/Kolkata');
/** 09:00 in the user's zone on a fixed day: the hour never crosses midnight, and no test reads the wall clock. */
const START = CALENDAR.instant({ year: 2026, month: 8, day: 20, hour: 9 }).ms;
const BUDGET_PER_HOUR = 60;

async function simulateHour(faults: Partial<Faults>, hours = 1, focus: { focused?: boolean; unfocusAfterFirst?: boolean } = {}): Promise<{ result: SimulationResult; api: FakeApi }> {
  const clock = new SimulatedClock(START);
  const api = await startFakeApi({ now: () => clock.now(), faults });
  try {
    return { result: await simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: hours * HOUR_MS, ...focus }), api };
  } finally {
    await api.close();
  }
}

/** No simulated hour of the first `hours` from START holds more than BUDGET_PER_HOUR requests. */
function assertWithinHourlyBudget(api: FakeApi, hours: number): void {
  for (let hour = 0; hour < hours; hour++) {
    const inHour = api.requests.filter((r) => r.atMs >= START + hour * HOUR_MS && r.atMs < START + (hour + 1) * HOUR_MS).length;
    assert.ok(inHour <= BUDGET_PER_HOUR, `${inHour} requests in hour ${hour}`);
  }
}

/** The tooltip as a person reads it: the Markdown escapes taken out. */
function tooltip(result: SimulationResult): string {
  return statusView(result.finalState, { display: 'full', warningThreshold: 0.8, errorThreshold: 0.95, nowMs: START + result.durationMs, calendar: CALENDAR, locale: 'en-US' }).tooltipMarkdown.replace(/\\(.)/g, '$1');
}

/** The simulated times of the last 7 days' requests. */
function last7DaysTimes(api: FakeApi): number[] {
  return api.requests.filter((r) => Number(r.query['end_unix']) - Number(r.query['start_unix']) > 86_400_000).map((r) => r.atMs);
}

describe('polite in every fault: requests per simulated hour at default settings, focused', function () {
  this.timeout(60_000);

  it('healthy: 13 refreshes of at most two requests, one of them for the last 7 days', async () => {
    const { result } = await simulateHour({});
    assert.equal(result.requests, 26, JSON.stringify(result.paths));
    assert.equal(result.paths[LAST_7_DAYS], 1, JSON.stringify(result.paths));
    assert.equal(result.maxRequestsPerRefresh, 2);
    assert.equal(result.finalState.kind, 'current');
    assert.match(tooltip(result), /At this pace: \d+% of the quota by the reset.*the workspace\u2019s average over the last 7 days/);
  });

  it('healthy for three hours: the last 7 days are asked for once an hour, the same 26 requests an hour', async () => {
    const { result, api } = await simulateHour({}, 3);
    const times = last7DaysTimes(api);
    assert.equal(times.length, 3, JSON.stringify(result.paths));
    assert.ok(times.every((t, i) => i === 0 || t - times[i - 1]! >= HOUR_MS), times.map((t) => (t - START) / 60_000).join(', '));
    assert.ok(result.requests <= 3 * 26, `${result.requests} requests`);
    assert.equal(result.maxRequestsPerRefresh, 2);
  });

  it('unfocused: nothing at all, the last 7 days included', async () => {
    const { result } = await simulateHour({}, 1, { focused: false });
    assert.equal(result.requests, 0);
    const { result: afterFirst, api } = await simulateHour({}, 1, { unfocusAfterFirst: true });
    assert.equal(afterFirst.requestsAfterFirstRefresh, 0);
    assert.equal(last7DaysTimes(api).length, 0);
  });

  it('character-stats retired (404): today\u2019s credits from the successor, character-stats asked once a day, two requests a refresh at most', async function () {
    this.timeout(120_000);
    const clock = new SimulatedClock(START);
    const api = await startFakeApi({ now: () => clock.now(), retireCharacterStats: 404 });
    try {
      const result = await simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: 25 * HOUR_MS });
      const stats = api.requests.filter((r) => r.path === CHARACTER_STATS_PATH).map((r) => r.atMs - START);
      assert.deepEqual(stats.length, 2, `character-stats asked at ${stats.map((t) => t / 60_000).join(', ')} min`);
      assert.ok(stats[1]! - stats[0]! >= 24 * HOUR_MS && stats[1]! - stats[0]! < 24 * HOUR_MS + 10 * 60_000, 'again a day later, not sooner');
      assert.equal(result.maxRequestsPerRefresh, 2);
      assertWithinHourlyBudget(api, 25);
      assert.ok(api.requests.some((r) => r.path === ANALYTICS_PATH));
      const state = result.finalState;
      assert.ok(state.kind === 'current', JSON.stringify(state));
      const { snapshot } = state;
      assert.equal(snapshot.charactersToday, undefined);
      assert.equal(snapshot.charactersRetiredSinceMs, START);
      // The workspace's credits since the user's midnight, from the fake's own log.
      const since = CALENDAR.startOfDay(snapshot.fetchedAtMs);
      const expected = eventsBetween(since, snapshot.fetchedAtMs + 1, { seed: api.seed, now: snapshot.fetchedAtMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
      assert.equal(snapshot.creditsToday, expected);
      const view = statusView(state, { display: 'full', warningThreshold: 0.8, errorThreshold: 0.95, nowMs: START + result.durationMs, calendar: CALENDAR, locale: 'en-US' });
      assert.match(view.text, / credits$/);
      assert.match(tooltip(result), /\| Characters \| no longer served \|/);
      assert.match(tooltip(result), /Characters\*\* are no longer served: .*since Aug 20, 9:00 AM\..*asked again once a day/);
      assert.match(tooltip(result), /At this pace: \d+% of the quota by the reset/);
    } finally {
      await api.close();
    }
  });

  describe('elevenlabsUsage.source "analytics": every credit figure from the successor', () => {
    /** The successor's faults, as the character-stats ones above: down, rate-limited, hanging, and with the quota. */
    const SUCCESSOR_FAULTS: ReadonlyArray<{ readonly name: string; readonly faults: Partial<Faults>; readonly usageWorks: boolean; readonly asksToWait?: boolean }> = [
      { name: 'healthy', faults: {}, usageWorks: true },
      { name: 'successor down (503, HTML page)', faults: { byPath: { [ANALYTICS_PATH]: { status: 503, body: 'html' } } }, usageWorks: false },
      { name: 'successor 429, Retry-After: 120', faults: { byPath: { [ANALYTICS_PATH]: { status: 429, body: 'json', retryAfterSeconds: 120 } } }, usageWorks: false, asksToWait: true },
      { name: 'successor times out', faults: { byPath: { [ANALYTICS_PATH]: { hang: true } } }, usageWorks: false },
      { name: 'quota down (503, HTML page)', faults: { byPath: { [SUBSCRIPTION_PATH]: { status: 503, body: 'html' } } }, usageWorks: true },
      { name: 'both down (500, JSON)', faults: { byPath: { '*': { status: 500, body: 'json' } } }, usageWorks: false },
    ];
    for (const kind of SUCCESSOR_FAULTS) {
      it(`${kind.name}: character-stats never asked, at most ${BUDGET_PER_HOUR} requests an hour`, async function () {
        this.timeout(120_000);
        const clock = new SimulatedClock(START);
        const api = await startFakeApi({ now: () => clock.now(), faults: kind.faults });
        try {
          const result = await simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: 2 * HOUR_MS, successorChosen: true });
          assert.equal(api.requests.filter((r) => r.path === CHARACTER_STATS_PATH).length, 0, JSON.stringify(result.paths));
          assert.ok(api.requests.some((r) => r.path === ANALYTICS_PATH));
          assertWithinHourlyBudget(api, 2);
          const requests = api.requests;
          for (let i = 0; i < requests.length - 1; i++) {
            if (kind.asksToWait && requests[i]!.path === ANALYTICS_PATH) {
              assert.ok(requests[i + 1]!.atMs - requests[i]!.atMs >= 120_000, `request ${i + 1} came within 120 s of a 429 that asked for 120 s`);
            }
          }
          const state = result.finalState;
          if (!kind.usageWorks) {
            assert.notEqual(state.kind, 'current', JSON.stringify(state));
            return;
          }
          assert.ok(state.kind === 'current', JSON.stringify(state));
          if (kind.name === 'healthy') {
            // Retries aside (a fault's are counted above, in the hour's budget), a refresh makes two requests at most.
            assert.equal(result.maxRequestsPerRefresh, 2);
          }
          const { snapshot } = state;
          assert.equal(snapshot.charactersToday, undefined);
          assert.equal(snapshot.charactersRetiredSinceMs, undefined);
          const since = CALENDAR.startOfDay(snapshot.fetchedAtMs);
          const expected = eventsBetween(since, snapshot.fetchedAtMs + 1, { seed: api.seed, now: snapshot.fetchedAtMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
          assert.equal(snapshot.creditsToday, expected);
          assert.match(tooltip(result), /\| Characters \| not asked \(your setting\) \|/);
          assert.match(tooltip(result), /Characters\*\* are not asked for: your setting `elevenlabsUsage.source` is `analytics`/);
        } finally {
          await api.close();
        }
      });
    }
  });

  it('a key without the successor\u2019s permission, where the credits come from it: one request, then nothing until the user acts, naming the permission', async () => {
    for (const setup of [{ successorChosen: true }, { retire: 404 as const }]) {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now(), ...(setup.retire ? { retireCharacterStats: setup.retire } : {}) });
      try {
        const result = await simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: HOUR_MS, key: api.noAnalyticsKey, successorChosen: setup.successorChosen === true });
        assert.deepEqual(api.requests.map((r) => r.path), setup.retire ? [CHARACTER_STATS_PATH, ANALYTICS_PATH] : [ANALYTICS_PATH], JSON.stringify(setup));
        const state = result.finalState;
        assert.ok(state.kind === 'error' && state.needsNewKey, JSON.stringify(state));
        assert.equal(state.reason, 'The API key is valid but lacks the "workspace_analytics_full_read" permission. Enable it for this key in ElevenLabs (Developers \u2192 API Keys), or set a key that has it.');
      } finally {
        await api.close();
      }
    }
  });

  for (const kind of FAULT_KINDS) {
    it(`${kind.name}: at most ${BUDGET_PER_HOUR} requests, and the status bar says what is missing`, async () => {
      const { result, api } = await simulateHour(kind.faults);
      const times = api.requests.map((r) => r.atMs - START);
      assert.ok(result.requests <= BUDGET_PER_HOUR, `${result.requests} requests: ${JSON.stringify(result.paths)} at ${times.map((t) => Math.round(t / 1000)).join(', ')} s`);
      assert.equal(result.clientAttempts, result.requests);
      const state = result.finalState;
      const tip = tooltip(result);
      assert.ok((result.paths[LAST_7_DAYS] ?? 0) <= 1, `the last 7 days at most once an hour: ${JSON.stringify(result.paths)}`);
      if (kind.quotaWorks) {
        assert.equal(state.kind, 'current', JSON.stringify(state));
        assert.match(tip, /the average since the period began; the last 7 days could not be fetched: /, tip);
      } else if (kind.usageWorks) {
        assert.equal(state.kind, 'current', JSON.stringify(state));
        assert.ok(state.kind === 'current' && (state.snapshot.charactersToday ?? 0) > 0);
        assert.match(tip, /\*\*Quota\*\* unavailable: /, tip);
      } else {
        assert.equal(state.kind, 'error', JSON.stringify(state));
      }
      const reason = /429/.test(kind.name) ? /It asked to wait 120 seconds/ : /time/.test(kind.name) ? /did not answer within/ : /server error \(HTTP 50\d/;
      assert.match(tip, reason, tip);
    });
  }

  for (const kind of FAULT_KINDS.filter((k) => /429/.test(k.name))) {
    it(`${kind.name}: nothing is sent within 120 s of a 429`, async () => {
      const { api } = await simulateHour(kind.faults);
      const limited = Object.keys(kind.faults.byPath!)[0]!;
      const requests = api.requests;
      for (let i = 0; i < requests.length - 1; i++) {
        if (requests[i]!.path === limited) {
          const gap = requests[i + 1]!.atMs - requests[i]!.atMs;
          assert.ok(gap >= 120_000, `request ${i + 1} came ${gap / 1000} s after a 429 that asked for 120 s`);
        }
      }
      assert.ok(requests.some((r) => r.path === limited), 'the limited path was asked');
    });
  }
});
