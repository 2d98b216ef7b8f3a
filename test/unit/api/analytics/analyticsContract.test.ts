// Holds the fake's successor endpoint and the client's body to the OpenAPI contract in ../shared/spec, and checks
// the switch that retires character-stats. When the fake and the contract disagree, the contract wins: fix the fake.
import * as assert from 'node:assert/strict';
import { buildAnalyticsBody } from '../../../../src/api/analytics/analyticsRequest';
import type { AnalyticsQuery } from '../../../../src/api/analytics/analyticsTypes';
import { ANALYTICS_PATH, CHARACTER_STATS_PATH, startFakeApi, type FakeApi } from '../../../fake-api/server';
import { schemaProblems } from '../../helpers/openapi';

const BODY_SCHEMA = 'Body_Get_Workspace_Usage_v1_workspace_analytics_query_usage_by_product_over_time_post';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 7, 20, 15, 30, 12, 345);

const QUERIES: readonly AnalyticsQuery[] = [
  { startMs: NOW - 7 * DAY, endMs: NOW, intervalSeconds: 86_400, timeZone: 'Asia/Kathmandu' },
  { startMs: NOW - 2 * DAY, endMs: NOW, intervalSeconds: 3_600, timeZone: 'Pacific/Chatham', groupBy: ['product_type', 'model'] },
  { startMs: NOW - 30 * DAY, endMs: NOW, intervalSeconds: 7 * 86_400, timeZone: 'America/Los_Angeles', groupBy: ['hashed_xi_api_key'], filters: [{ column: 'actor', operation: 'eq', values: ['api_key'] }] },
  { startMs: NOW - DAY, endMs: NOW, intervalSeconds: 900, timeZone: 'UTC', filters: [{ column: 'model', operation: 'not_in', values: ['eleven_v3', null] }, { column: 'voice_multiplier', operation: 'ge', values: [1] }] },
];

/** Bodies the contract itself refuses: missing or ill-typed fields, values outside its enums and minimums. */
const ILL_TYPED: readonly unknown[] = [
  {},
  { end_time: NOW },
  { start_time: 'soon', end_time: NOW },
  { start_time: NOW - DAY, end_time: NOW + 0.5 },
  { start_time: 1_600_000_000, end_time: NOW },
  { start_time: NOW - DAY, end_time: NOW, interval_seconds: 0 },
  { start_time: NOW - DAY, end_time: NOW, group_by: ['moon_phase'] },
  { start_time: NOW - DAY, end_time: NOW, group_by: 'model' },
  { start_time: NOW - DAY, end_time: NOW, filters: [{ column: 'model', operation: 'like', values: ['x'] }] },
  { start_time: NOW - DAY, end_time: NOW, filters: [{ column: 'model', values: ['x'] }] },
  { start_time: NOW - DAY, end_time: NOW, time_zone: 3 },
  [NOW - DAY, NOW],
];

describe('the successor endpoint and the OpenAPI contract', () => {
  let api: FakeApi;

  before(async () => {
    api = await startFakeApi({ seed: 3, now: () => NOW });
  });

  after(async () => {
    await api.close();
  });

  function post(body: unknown, key: string = api.validKey, method = 'POST'): Promise<Response> {
    return fetch(api.url + ANALYTICS_PATH, {
      method,
      headers: { 'xi-api-key': key, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  }

  it('the client’s bodies conform, and the fake answers them with the contract’s table', async () => {
    for (const query of QUERIES) {
      const body = buildAnalyticsBody(query);
      assert.deepEqual(schemaProblems(BODY_SCHEMA, body), [], JSON.stringify(body));
      const res = await post(body);
      assert.equal(res.status, 200);
      const answer = (await res.json()) as { columns: string[]; rows: unknown[][] };
      assert.deepEqual(schemaProblems('WorkspaceAnalyticsQueryResponseModel', answer), []);
      assert.deepEqual(answer.columns, ['timestamp', ...(query.groupBy ?? []), 'usage_count', 'credits_used']);
      assert.ok(answer.rows.length > 0, `no rows for ${JSON.stringify(body)}`);
      // The awkward parts a client must bear: credits as numeric text, a column before them that is not them.
      assert.ok(answer.rows.every((row) => typeof row.at(-1) === 'string' && /^\d+\.\d$/.test(row.at(-1) as string) && Number.isInteger(row.at(-2))));
      assert.deepEqual(api.requests.at(-1)!.body, body, 'the fake records the body it was sent');
    }
  });

  it('refuses what the contract refuses with FastAPI’s 422, every problem in the body’s terms', async () => {
    for (const body of ILL_TYPED) {
      assert.notDeepEqual(schemaProblems(BODY_SCHEMA, body), [], `the contract accepts ${JSON.stringify(body)}`);
      const res = await post(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      const answer = (await res.json()) as { detail: Array<{ loc: unknown[] }> };
      assert.deepEqual(schemaProblems('HTTPValidationError', answer), []);
      assert.ok(answer.detail.length > 0 && answer.detail.every((item) => item.loc[0] === 'body'), JSON.stringify(answer));
    }
    const notJson = await post('{"start_time": 1');
    assert.equal(notJson.status, 422);
    assert.equal(((await notJson.json()) as { detail: Array<{ type: string }> }).detail[0]!.type, 'json_invalid');
  });

  it('takes only POST, and a key first, as the service does', async () => {
    const get = await post(undefined, api.validKey, 'GET');
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const badKey = await post({}, 'sk_wrong');
    assert.equal(badKey.status, 401, 'a bad key with a bad body is refused for the key');
    assert.equal((await post(buildAnalyticsBody(QUERIES[0]!), api.memberKey)).status, 403, 'a member is refused the workspace');
  });

  it('retires character-stats on a switch: FastAPI’s 404 for a route that is gone, or a 410; the successor serves on', async () => {
    const stats = `${api.url}${CHARACTER_STATS_PATH}?start_unix=${NOW - DAY}&end_unix=${NOW}`;
    try {
      api.retireCharacterStats(404);
      for (const headers of [{ 'xi-api-key': api.validKey }, {} as Record<string, string>]) {
        const res = await fetch(stats, { headers });
        assert.equal(res.status, 404);
        assert.deepEqual(await res.json(), { detail: 'Not Found' });
      }
      api.retireCharacterStats(410);
      const gone = await fetch(stats, { headers: { 'xi-api-key': api.validKey } });
      assert.equal(gone.status, 410);
      assert.match(JSON.stringify(await gone.json()), /endpoint_retired/);
      assert.equal((await post(buildAnalyticsBody(QUERIES[0]!))).status, 200);
    } finally {
      api.retireCharacterStats(undefined);
    }
    assert.equal((await fetch(stats, { headers: { 'xi-api-key': api.validKey } })).status, 200);
  });
});
