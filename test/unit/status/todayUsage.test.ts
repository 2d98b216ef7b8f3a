import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import type { StatusState } from '../../../src/status/statusState';
import { FOLLOW_UP_MS, QUOTA_MAX_AGE_MS, RECENT_CREDITS_MAX_AGE_MS, TodayUsage } from '../../../src/status/todayUsage';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { inTimeZone } from '../helpers/timeZone';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, type FakeApi } from '../../fake-api/server';

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

  function setup(key: string | null = api.validKey, { start = NOON_IN_KOLKATA, zone = 'Asia/Kolkata' } = {}) {
    now = start;
    const states: StatusState[] = [];
    const refused: string[] = [];
    const usage = new TodayUsage({
      getClient: async () => (key ? new ElevenLabsClient({ baseUrl: api.url, apiKey: key, retry: { maxRetries: 0 } }) : undefined),
      now: () => now,
      calendar: () => ZonedCalendar.for(zone),
      onState: (state) => states.push(state),
      onKeyRefused: (error) => refused.push(error.kind),
    });
    const refresh = () => usage.refresh(new AbortController().signal);
    return { usage, states, refused, refresh, advance: (ms: number) => (now += ms) };
  }

  /** What each request asked for: 'quota', a metric of today, or 'credits, 7 days' for the last days' credits. */
  function requestsSince(count: number): string[] {
    return api.requests.slice(count).map((r) => {
      if (r.path.endsWith('subscription')) {
        return 'quota';
      }
      const days = (Number(r.query['end_unix']) - Number(r.query['start_unix'])) / 86_400_000;
      return days > 1 ? `${r.query['metric']}, ${days} days${r.query['include_workspace_metrics'] === 'true' ? ', workspace' : ''}` : String(r.query['metric']);
    });
  }

  it('makes at most two requests per refresh: characters, then the quota, today\u2019s credits or the last 7 days\u2019', async () => {
    const { refresh, advance, usage } = setup();
    const perRefresh: string[][] = [];
    const outcomes: unknown[] = [];
    for (let i = 0; i < 16; i++) {
      const before = api.requests.length;
      outcomes.push(await refresh());
      perRefresh.push(requestsSince(before));
      advance(QUOTA_MAX_AGE_MS / 3);
    }
    assert.deepEqual(perRefresh, [
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits, 7 days, workspace'],
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'quota'],
      ['tts_characters', 'credits'],
      ['tts_characters', 'credits, 7 days, workspace'],
      ['tts_characters', 'quota'],
    ], 'the last 7 days take the credits\u2019 turn once an hour (at 10 and 70 minutes), once today\u2019s credits are known');
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

  it('keeps the last figures beside a key refused after it worked, marked, and halts until a new key', async () => {
    const { refresh, usage, refused } = setup();
    await refresh();
    const good = usage.lastSnapshot;
    assert.ok(good);
    api.setFaults({ byPath: { '*': { status: 401, body: { json: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } } } } } });
    assert.deepEqual(await refresh(), { ok: false, halt: true });
    const state = usage.current;
    assert.ok(state.kind === 'stale' && state.needsNewKey === true && state.snapshot === good, JSON.stringify(state).slice(0, 200));
    assert.match(state.reason, /rejected the API key as invalid/);
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
    // The next turn is the last 7 days'; today's credits come in the one after it.
    advance(5 * MINUTE);
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

  /** Refreshes until the last 7 days have been asked for (their turn is the third refresh); that request. */
  async function refreshUntilRecent(refresh: () => Promise<unknown>, advance: (ms: number) => void) {
    for (let i = 0; i < 3; i++) {
      await refresh();
      advance(5 * MINUTE);
    }
    const request = api.requests.filter((r) => Number(r.query['end_unix']) - Number(r.query['start_unix']) > 86_400_000).at(-1);
    assert.ok(request, 'the last 7 days were asked for');
    return request;
  }

  it('asks for the workspace\u2019s credits of the last 7 local days, across a DST change too', async () => {
    // Noon on Tuesday March 10, 2026 in New York; DST began on Sunday March 8, so noon a week earlier was 167 hours
    // before, not 168.
    const noonAfterDst = Date.UTC(2026, 2, 10, 16);
    const { refresh, advance, usage } = setup(api.validKey, { start: noonAfterDst, zone: 'America/New_York' });
    const request = await refreshUntilRecent(refresh, advance);
    const start = Number(request.query['start_unix']);
    const end = Number(request.query['end_unix']);
    assert.equal(end, noonAfterDst + 10 * MINUTE, 'up to the moment of the request, 12:10 on March 10 (EDT)');
    assert.equal(start, Date.UTC(2026, 2, 3, 17, 10), '12:10 on March 3 in New York (EST)');
    assert.equal(end - start, 167 * 3_600_000, 'seven local days, one of them 23 hours long');
    assert.deepEqual([request.query['metric'], request.query['aggregation_interval'], request.query['include_workspace_metrics']], ['credits', 'cumulative', 'true']);
    const workspaceCredits = eventsBetween(start, end, { seed: api.seed, now: end }).reduce((sum, e) => sum + e.metrics.credits, 0);
    const snapshot = usage.lastSnapshot!;
    assert.deepEqual(snapshot.recentCredits, { credits: workspaceCredits, startMs: start, endMs: end, days: 7, scope: 'workspace' });
    assert.equal(snapshot.recentCreditsProblem, undefined);
  });

  it('asks for the last 7 days at most once an hour, and never without a quota to project', async () => {
    const healthy = setup();
    for (let i = 0; i < 36; i++) {
      await healthy.refresh();
      healthy.advance(5 * MINUTE);
    }
    const times = api.requests.filter((r) => r.query['include_workspace_metrics'] === 'true').map((r) => r.atMs);
    assert.equal(times.length, 3, 'three in three hours');
    assert.ok(times.every((t, i) => i === 0 || t - times[i - 1]! >= RECENT_CREDITS_MAX_AGE_MS), JSON.stringify(times));
    api.requests.length = 0;
    const restricted = setup(api.restrictedKey);
    for (let i = 0; i < 24; i++) {
      await restricted.refresh();
      restricted.advance(5 * MINUTE);
    }
    assert.equal(api.requests.filter((r) => r.query['include_workspace_metrics'] !== undefined).length, 0, 'no quota, no projection: not asked for');
  });

  it('keeps the last 7 days\u2019 figure when their request fails, says why, and waits an hour to ask again', async () => {
    const { refresh, advance, usage } = setup();
    await refreshUntilRecent(refresh, advance);
    const good = usage.lastSnapshot!.recentCredits!;
    api.setFaults({ byPath: { '/v1/usage/character-stats?include_workspace_metrics=true': { status: 503, body: 'html' } } });
    advance(RECENT_CREDITS_MAX_AGE_MS);
    const perRefresh: string[][] = [];
    for (let i = 0; i < 14; i++) {
      const before = api.requests.length;
      const outcome = await refresh();
      assert.deepEqual(outcome, { ok: true }, 'today\u2019s figures are current');
      perRefresh.push(requestsSince(before));
      advance(5 * MINUTE);
    }
    const asked = perRefresh.flat().filter((what) => what.includes('7 days'));
    assert.equal(asked.length, 2, `once at once and once an hour later: ${JSON.stringify(perRefresh)}`);
    const snapshot = usage.lastSnapshot!;
    assert.deepEqual(snapshot.recentCredits, good, 'the last good figure stays');
    assert.match(snapshot.recentCreditsProblem!, /server error \(HTTP 503/);
  });

  it('falls back to the key owner\u2019s own credits when the key may not read the workspace\u2019s, an hour on', async () => {
    const { refresh, advance, usage } = setup(api.memberKey);
    await refreshUntilRecent(refresh, advance);
    const refused = usage.lastSnapshot!;
    assert.equal(refused.recentCredits, undefined);
    assert.match(refused.recentCreditsProblem!, /^ElevenLabs refused this key the workspace\u2019s usage \(HTTP 403\), so your own is asked for next$/);
    advance(RECENT_CREDITS_MAX_AGE_MS);
    for (let i = 0; i < 2; i++) {
      await refresh();
      advance(5 * MINUTE);
    }
    const request = api.requests.filter((r) => Number(r.query['end_unix']) - Number(r.query['start_unix']) > 86_400_000).at(-1)!;
    assert.equal(request.query['include_workspace_metrics'], 'false');
    const start = Number(request.query['start_unix']);
    const end = Number(request.query['end_unix']);
    const ownCredits = eventsBetween(start, end, { seed: api.seed, now: end }).filter((e) => e.byCaller).reduce((sum, e) => sum + e.metrics.credits, 0);
    const snapshot = usage.lastSnapshot!;
    assert.deepEqual(snapshot.recentCredits, { credits: ownCredits, startMs: start, endMs: end, days: 7, scope: 'owner' });
    assert.equal(snapshot.recentCreditsProblem, undefined);
  });

  it('reports the no-key state without any request', async () => {
    const { refresh, usage } = setup(null);
    assert.deepEqual(await refresh(), { ok: true, halt: true });
    assert.equal(usage.current.kind, 'noKey');
    assert.equal(api.requests.length, 0);
  });

  it('shows nothing of a refresh replaced as its answers came (another account or key): never one account\u2019s figure as another\u2019s', async () => {
    now = NOON_IN_KOLKATA;
    const controller = new AbortController();
    const states: StatusState[] = [];
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
    // The switch lands right after the last answer arrived, before the refresh could show it.
    const replacedAtTheEnd = Object.assign(Object.create(client) as ElevenLabsClient, {
      getSubscription: async (options: Parameters<ElevenLabsClient['getSubscription']>[0]) => {
        const quota = await client.getSubscription(options);
        controller.abort();
        return quota;
      },
    });
    const usage = new TodayUsage({ getClient: async () => replacedAtTheEnd, now: () => now, calendar: () => ZonedCalendar.for('Asia/Kolkata'), onState: (state) => states.push(state) });
    assert.deepEqual(await usage.refresh(controller.signal), { ok: false });
    assert.deepEqual(states.map((s) => s.kind), ['loading'], 'no figure was shown');
    assert.equal(usage.lastSnapshot, undefined);
  });
});
