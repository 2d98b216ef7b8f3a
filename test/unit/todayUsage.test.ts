import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../src/api/client';
import type { StatusState } from '../../src/status/statusModel';
import { FOLLOW_UP_MS, QUOTA_MAX_AGE_MS, TodayUsage } from '../../src/status/todayUsage';
import { ZonedCalendar } from '../../src/usage/timeZone';
import { inTimeZone } from './helpers/timeZone';
import { startFakeApi, type FakeApi } from '../fake-api/server';

const MINUTE = 60_000;
/** 11:30 in Kolkata: far from midnight there, so that the half hour a test may advance stays within one day. */
const NOON_IN_KOLKATA = Date.UTC(2026, 10, 24, 6, 0);

describe('one status bar refresh against the fake API', () => {
  let api: FakeApi;
  /** The test's clock, which the fake follows too. */
  let now = NOON_IN_KOLKATA;
  before(async () => {
    api = await startFakeApi({ now: () => now });
  });
  after(() => api.close());
  afterEach(() => {
    api.clearFaults();
    api.requests.length = 0;
  });

  function setup(key: string | null = api.validKey) {
    now = NOON_IN_KOLKATA;
    const states: StatusState[] = [];
    const refused: string[] = [];
    const usage = new TodayUsage({
      getClient: async () => (key ? new ElevenLabsClient({ baseUrl: api.url, apiKey: key, retry: { maxRetries: 0 } }) : undefined),
      now: () => now,
      calendar: () => ZonedCalendar.for('Asia/Kolkata'),
      onState: (state) => states.push(state),
      onKeyRefused: (error) => refused.push(error.kind),
    });
    const refresh = () => usage.refresh(new AbortController().signal);
    return { usage, states, refused, refresh, advance: (ms: number) => (now += ms) };
  }

  function requestsSince(count: number): string[] {
    return api.requests.slice(count).map((r) => (r.path.endsWith('subscription') ? 'quota' : String(r.query['metric'])));
  }

  it('makes at most two requests per refresh: characters, then the quota or the credits', async () => {
    const { refresh, advance, usage } = setup();
    const perRefresh: string[][] = [];
    const outcomes: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      const before = api.requests.length;
      outcomes.push(await refresh());
      perRefresh.push(requestsSince(before));
      advance(QUOTA_MAX_AGE_MS / 3);
    }
    assert.deepEqual(perRefresh, [
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
    ]);
    assert.deepEqual(outcomes[0], { ok: true, againInMs: FOLLOW_UP_MS }, 'credits are still to come: a follow-up soon');
    assert.ok(outcomes.slice(1).every((o) => JSON.stringify(o) === JSON.stringify({ ok: true })), JSON.stringify(outcomes));
    const state = usage.current;
    assert.equal(state.kind, 'current');
    assert.ok(state.kind === 'current' && state.snapshot.creditsToday !== undefined && state.snapshot.quota !== undefined);
  });

  it('keeps the last good figures as stale when a refresh fails', async () => {
    const { refresh, usage } = setup();
    await refresh();
    const good = usage.lastSnapshot;
    api.setFaults({ serverError: 1 });
    const outcome = await refresh();
    assert.deepEqual(outcome, { ok: false });
    const state = usage.current;
    assert.equal(state.kind, 'stale');
    assert.equal(state.kind === 'stale' && state.snapshot, good);
    assert.match(state.kind === 'stale' ? state.reason : '', /server error \(HTTP 500\)/);
  });

  it('passes Retry-After on to the scheduler', async () => {
    const { refresh } = setup();
    api.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 90 } });
    assert.deepEqual(await refresh(), { ok: false, retryAfterMs: 90_000 });
  });

  it('halts on a refused key and asks for a new one', async () => {
    const { refresh, usage, refused } = setup('sk_wrong');
    assert.deepEqual(await refresh(), { ok: false, halt: true });
    assert.equal(usage.current.kind, 'error');
    assert.deepEqual(refused, ['invalidApiKey']);
  });

  it('shows today without the quota for a key that may not read it', async () => {
    const { refresh, usage } = setup(api.restrictedKey);
    assert.deepEqual(await refresh(), { ok: true, againInMs: FOLLOW_UP_MS });
    const state = usage.current;
    assert.ok(state.kind === 'current');
    assert.equal(state.snapshot.quota, undefined);
    assert.match(state.snapshot.quotaProblem!, /lacks the "user_read" permission/);
  });

  it('asks for the user\u2019s day: midnight to now in their zone, whatever the host\u2019s zone', async () => {
    const { refresh } = setup();
    const before = api.requests.length;
    await inTimeZone('America/Los_Angeles', refresh);
    const characters = api.requests.slice(before).find((r) => r.query['metric'] === 'tts_characters');
    assert.deepEqual([characters?.query['start_unix'], characters?.query['end_unix']], [String(Date.UTC(2026, 10, 23, 18, 30)), String(NOON_IN_KOLKATA)]);
  });

  it('does not ask for a failed quota again at once, and makes no follow-up after the failure', async () => {
    const { refresh, advance, usage } = setup();
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 503, body: 'html' } } });
    const outcomes: unknown[] = [];
    const perRefresh: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const before = api.requests.length;
      outcomes.push(await refresh());
      perRefresh.push(requestsSince(before));
      advance(5 * MINUTE);
    }
    assert.deepEqual(perRefresh, [
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
    ], 'the quota waits its usual 15 minutes after a failure');
    assert.deepEqual(outcomes[0], { ok: true }, 'no follow-up in ten seconds after a failed quota');
    const state = usage.current;
    assert.ok(state.kind === 'current', 'today\u2019s figures are current: usage works');
    assert.match(state.snapshot.quotaProblem!, /server error \(HTTP 503/);
  });

  it('passes a Retry-After of the second request on to the scheduler', async () => {
    const { refresh, advance } = setup();
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 429, body: 'json', retryAfterSeconds: 120 } } });
    assert.deepEqual(await refresh(), { ok: true, retryAfterMs: 120_000 });
    api.setFaults({ byPath: { '/v1/usage/character-stats?metric=credits': { status: 429, body: 'html', retryAfterSeconds: 90 } } });
    advance(5 * MINUTE);
    assert.deepEqual(await refresh(), { ok: true, retryAfterMs: 90_000 });
  });

  it('keeps the last credits when their request fails, and says why', async () => {
    const { refresh, advance, usage } = setup();
    await refresh();
    advance(10_000);
    await refresh();
    const good = usage.lastSnapshot!;
    assert.ok(good.creditsToday !== undefined && good.creditsProblem === undefined);
    api.setFaults({ byPath: { '/v1/usage/character-stats?metric=credits': { status: 502, body: 'html' } } });
    advance(5 * MINUTE);
    assert.deepEqual(await refresh(), { ok: true });
    const state = usage.current;
    assert.ok(state.kind === 'current');
    assert.equal(state.snapshot.creditsToday, good.creditsToday);
    assert.equal(state.snapshot.creditsFetchedAtMs, good.creditsFetchedAtMs);
    assert.match(state.snapshot.creditsProblem!, /server error \(HTTP 502/);
  });

  it('keeps the figure on screen during a background refresh, and shows progress for one the user asked for', async () => {
    const { refresh, usage, states } = setup();
    await refresh();
    assert.equal(usage.current.kind, 'current');
    states.length = 0;
    await refresh();
    assert.deepEqual(states.map((s) => s.kind), ['current'], 'no spinner over the figure');
    states.length = 0;
    await usage.refresh(new AbortController().signal, { showProgress: true });
    assert.deepEqual(states.map((s) => s.kind), ['loading', 'current']);
    assert.ok(states[0]!.kind === 'loading' && states[0]!.last !== undefined, 'the spinner keeps the figure beside it');
  });

  it('checks for a missing key without a request, and leaves a stored key\u2019s figures alone', async () => {
    const withKey = setup();
    await withKey.refresh();
    const before = api.requests.length;
    await withKey.usage.showNoKeyIfNone();
    assert.equal(withKey.usage.current.kind, 'current');
    const noKey = setup(null);
    await noKey.usage.showNoKeyIfNone();
    assert.equal(noKey.usage.current.kind, 'noKey');
    assert.equal(api.requests.length, before, 'no request either way');
  });

  it('reports the no-key state without any request', async () => {
    const { refresh, usage } = setup(null);
    assert.deepEqual(await refresh(), { ok: true, halt: true });
    assert.equal(usage.current.kind, 'noKey');
    assert.equal(api.requests.length, 0);
  });
});
