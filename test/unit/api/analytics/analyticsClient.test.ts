// The client's analytics request against the fake over HTTP: a POST with the body, the answer as series, and the
// errors each their own, as for character-stats.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../../src/api/client';
import type { AnalyticsQuery } from '../../../../src/api/analytics/analyticsTypes';
import { ANALYTICS_PATH, startFakeApi, type FakeApi } from '../../../fake-api/server';
import { failureOf } from '../../helpers/failure';

const NOW = Date.UTC(2026, 10, 25, 9);
const DAY = 86_400_000;
const WEEK: AnalyticsQuery = { startMs: NOW - 7 * DAY, endMs: NOW, intervalSeconds: 86_400, timeZone: 'UTC', groupBy: ['model'] };
const utc = (ms: number): number => ms;


describe('the analytics request', () => {
  let api: FakeApi;

  before(async () => {
    api = await startFakeApi({ seed: 9, now: () => NOW, maxBuckets: 500 });
  });

  after(async () => {
    await api.close();
  });

  function client(apiKey = api.validKey): ElevenLabsClient {
    return new ElevenLabsClient({ baseUrl: api.url, apiKey, retry: { maxRetries: 0 } });
  }

  it('posts the query and reads the credits by model', async () => {
    const answer = await client().queryUsageOverTime(WEEK, utc);
    const request = api.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, ANALYTICS_PATH);
    assert.deepEqual(request.body, { start_time: WEEK.startMs, end_time: WEEK.endMs, interval_seconds: 86_400, group_by: ['model'], filters: null, time_zone: 'UTC' });
    assert.deepEqual(answer.groupColumns, ['model']);
    assert.ok(answer.series.length >= 2 && answer.series.every((s) => s.values.length === answer.time.length && s.values.every((v) => typeof v === 'number' && v >= 0)));
  });

  it('refuses a bad query before sending it, and quotes the service’s 422 when it refuses one', async () => {
    const before = api.requests.length;
    const local = await failureOf(client().queryUsageOverTime({ ...WEEK, startMs: WEEK.startMs / 1000 }, utc));
    assert.equal(local.kind, 'invalidQuery');
    assert.equal(api.requests.length, before, 'nothing was sent');
    const refused = await failureOf(client().queryUsageOverTime({ ...WEEK, intervalSeconds: 60 }, utc));
    assert.equal(refused.kind, 'validation');
    assert.match(refused.message, /interval_seconds: .*more than 500 buckets/);
  });

  it('says a refused key and a member’s key apart', async () => {
    assert.equal((await failureOf(client('sk_not_this_one').queryUsageOverTime(WEEK, utc))).kind, 'invalidApiKey');
    const member = await failureOf(client(api.memberKey).queryUsageOverTime(WEEK, utc));
    assert.equal(member.status, 403);
  });

  it('never shows the key, or part of it, where an answer echoes it as a group’s value', async () => {
    const answer = await client().queryUsageOverTime(WEEK, utc);
    const model = answer.series[0]!.name;
    try {
      api.setSeriesNames({ [model]: `voice ${api.validKey.slice(3, 30)}` });
      const echoed = await client().queryUsageOverTime(WEEK, utc);
      assert.ok(echoed.series.some((s) => s.name.startsWith('voice ')), 'the fake sent the renamed group');
      assert.ok(echoed.series.every((s) => !s.name.includes(api.validKey.slice(3, 30))), echoed.series.map((s) => s.name).join(', '));
    } finally {
      api.setSeriesNames({});
    }
  });
});
