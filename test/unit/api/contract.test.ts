// Holds the fake API and the client's request builder to the OpenAPI contract in ../shared/spec. When the fake
// and the contract disagree, the contract wins: fix the fake.

import * as assert from 'node:assert/strict';
import { buildCharacterStatsUrl } from '../../../src/api/query';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS, UsageQuery, WORKSPACE_ONLY_BREAKDOWNS } from '../../../src/api/types';
import { CHARACTER_STATS_PATH, FakeApi, startFakeApi, SUBSCRIPTION_PATH } from '../../fake-api/server';
import { queryProblems, schemaProblems } from '../helpers/openapi';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 7, 20, 15, 30, 12, 345);
const START = NOW - 45 * DAY + 3_723_000;

type Params = Record<string, string | number | boolean>;

function toSearchParams(params: Params): URLSearchParams {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
}

/** Queries the contract itself refuses (missing or ill-typed parameters, unknown enum values). */
const ILL_TYPED: Params[] = [
  {},
  { end_unix: NOW },
  { start_unix: 'abc', end_unix: NOW },
  { start_unix: START, end_unix: '1.5' },
  { start_unix: START, end_unix: NOW, include_workspace_metrics: 'maybe' },
  { start_unix: START, end_unix: NOW, breakdown_type: 'moon_phase' },
  { start_unix: START, end_unix: NOW, aggregation_interval: 'fortnight' },
  { start_unix: START, end_unix: NOW, metric: 'carbon_grams' },
  { start_unix: START, end_unix: NOW, aggregation_bucket_size: 'x' },
];

/** Queries the contract's schemas allow but the service refuses (rules stated only in prose, or the fake's). */
const REFUSED_BY_SERVICE: Params[] = [
  { start_unix: NOW, end_unix: START },
  { start_unix: START, end_unix: NOW, breakdown_type: 'user' },
  { start_unix: START, end_unix: NOW, breakdown_type: 'api_keys' },
  { start_unix: START, end_unix: NOW, aggregation_bucket_size: 0 },
  // More than 10,000 buckets in one answer: the fake refuses, as the service may (see the API notes).
  { start_unix: NOW - 3 * DAY, end_unix: NOW, aggregation_bucket_size: 1 },
];

describe('OpenAPI contract', () => {
  let api: FakeApi;

  before(async () => {
    api = await startFakeApi({ seed: 3, now: () => NOW });
  });

  after(async () => {
    await api.close();
  });

  async function call(url: URL, key: string = api.validKey): Promise<{ status: number; body: unknown }> {
    const res = await fetch(url, { headers: { 'xi-api-key': key } });
    return { status: res.status, body: await res.json() };
  }

  /** Sends a character-stats query that the contract allows, and checks both the request and the 200 answer. */
  async function assertConformingExchange(params: Params): Promise<void> {
    const query = toSearchParams(params);
    assert.deepEqual(queryProblems(CHARACTER_STATS_PATH, 'get', query), [], `request ${query}`);
    const url = new URL(`${CHARACTER_STATS_PATH}?${query}`, api.url);
    const { status, body } = await call(url);
    assert.equal(status, 200, `${query}: ${JSON.stringify(body)}`);
    assert.deepEqual(schemaProblems('UsageCharactersResponseModel', body), [], `response to ${query}`);
    // The contract cannot say it, its description does: every series lines up with the time axis.
    const { time, usage } = body as { time: number[]; usage: Record<string, number[]> };
    for (const [name, series] of Object.entries(usage)) {
      assert.equal(series.length, time.length, `${name} in ${query}`);
    }
  }

  describe('the validators themselves', () => {
    it('refuse bodies that break the response schemas', () => {
      assert.notDeepEqual(schemaProblems('UsageCharactersResponseModel', { time: [1.5], usage: { All: ['1'] } }), []);
      assert.notDeepEqual(schemaProblems('UsageCharactersResponseModel', { time: [] }), []);
      assert.notDeepEqual(schemaProblems('ExtendedSubscriptionResponseModel', { tier: 'creator', character_count: 1 }), []);
      assert.notDeepEqual(schemaProblems('HTTPValidationError', { detail: [{ loc: ['query'], msg: 'x' }] }), []);
      assert.notDeepEqual(schemaProblems('HTTPValidationError', { detail: { status: 'invalid_api_key' } }), []);
    });

    it('refuse queries that break the operation’s parameters', () => {
      const ok = { start_unix: START, end_unix: NOW };
      const problems = (params: Params): string[] => queryProblems(CHARACTER_STATS_PATH, 'get', toSearchParams(params));
      assert.deepEqual(problems(ok), []);
      assert.match(problems({ end_unix: NOW })[0], /^start_unix: required but missing/);
      assert.match(problems({ ...ok, start_unix: 'abc' })[0], /^start_unix=/);
      assert.match(problems({ ...ok, end_unix: '1.5' })[0], /^end_unix=/);
      assert.match(problems({ ...ok, include_workspace_metrics: 'yes' })[0], /^include_workspace_metrics=/);
      assert.match(problems({ ...ok, aggregation_bucket_size: 'hour' })[0], /^aggregation_bucket_size=/);
      for (const name of ['breakdown_type', 'aggregation_interval', 'metric']) {
        assert.match(problems({ ...ok, [name]: 'fortnight' })[0], new RegExp(`^${name}=`));
      }
      assert.match(problems({ ...ok, timezone: 'UTC' })[0], /timezone: not a query parameter/);
      const repeated = toSearchParams(ok);
      repeated.append('metric', 'credits');
      repeated.append('metric', 'credits');
      assert.match(queryProblems(CHARACTER_STATS_PATH, 'get', repeated)[0], /metric: sent 2 times/);
      assert.throws(() => queryProblems('/v1/nothing', 'get', repeated), /no operation/);
    });
  });

  describe('fake API responses', () => {
    for (const metric of METRICS) {
      it(`character-stats 200 conforms for metric ${metric} at every interval`, async () => {
        for (const aggregation_interval of AGGREGATION_INTERVALS) {
          await assertConformingExchange({ start_unix: START, end_unix: NOW, metric, aggregation_interval });
        }
      });
    }

    it('character-stats 200 conforms for every breakdown, with and without workspace metrics', async () => {
      for (const breakdown_type of BREAKDOWN_TYPES) {
        await assertConformingExchange({ start_unix: START, end_unix: NOW, breakdown_type, include_workspace_metrics: true });
        if (!WORKSPACE_ONLY_BREAKDOWNS.has(breakdown_type)) {
          await assertConformingExchange({ start_unix: START, end_unix: NOW, breakdown_type, include_workspace_metrics: false });
        }
      }
    });

    it('character-stats 200 conforms with bucket sizes, non-additive metrics and empty windows', async () => {
      for (const aggregation_bucket_size of [60, 3600, 7 * 86_400]) {
        await assertConformingExchange({ start_unix: NOW - 3 * DAY, end_unix: NOW, aggregation_bucket_size, metric: 'ttfb_p95', breakdown_type: 'model' });
      }
      await assertConformingExchange({ start_unix: NOW - 2 * 3_600_000, end_unix: NOW, aggregation_bucket_size: 1, metric: 'credits' });
      await assertConformingExchange({ start_unix: NOW + DAY, end_unix: NOW + 2 * DAY });
      await assertConformingExchange({ start_unix: NOW + DAY, end_unix: NOW + 2 * DAY, breakdown_type: 'voice' });
      await assertConformingExchange({ start_unix: 1685574000, end_unix: 1688165999 });
    });

    it('subscription 200 conforms at any point of the period and any limit', async () => {
      const moments = [Date.UTC(2026, 7, 17, 8, 14, 26), Date.UTC(2026, 7, 16, 23), Date.UTC(2026, 1, 28, 12), NOW];
      for (const [i, moment] of moments.entries()) {
        const other = await startFakeApi({ seed: i, now: () => moment, characterLimit: [1, 10_000, 100_000, 2_000_000][i] });
        try {
          const { status, body } = await call(new URL(SUBSCRIPTION_PATH, other.url), other.validKey);
          assert.equal(status, 200);
          assert.deepEqual(schemaProblems('ExtendedSubscriptionResponseModel', body), []);
        } finally {
          await other.close();
        }
      }
    });

    it('subscription 200 conforms with every option of the fake: fractions, overage, periods, extensions, a reset tomorrow', async () => {
      const variants = [
        { usedFraction: 0 },
        { usedFraction: 0.91 },
        { usedFraction: 1.12, maxCreditLimitExtension: 'unlimited' as const, currency: 'eur' },
        { usedFraction: 1, maxCreditLimitExtension: 50_000, canExtendCharacterLimit: false },
        { billingPeriod: '3_month_period' },
        { billingPeriod: '6_month_period' },
        { billingPeriod: 'annual_period', creditRefreshPeriod: 'monthly_period' },
        { nextResetMs: NOW + 86_400_000 },
      ];
      for (const variant of variants) {
        const other = await startFakeApi({ seed: 3, now: () => NOW, ...variant });
        try {
          const { status, body } = await call(new URL(SUBSCRIPTION_PATH, other.url), other.validKey);
          assert.equal(status, 200);
          assert.deepEqual(schemaProblems('ExtendedSubscriptionResponseModel', body), [], JSON.stringify(variant));
        } finally {
          await other.close();
        }
      }
    });

    it('every 422 body conforms to HTTPValidationError', async () => {
      const invalid = [...ILL_TYPED, ...REFUSED_BY_SERVICE];
      for (const params of invalid) {
        const { status, body } = await call(new URL(`${CHARACTER_STATS_PATH}?${toSearchParams(params)}`, api.url));
        assert.equal(status, 422, JSON.stringify(params));
        assert.deepEqual(schemaProblems('HTTPValidationError', body), [], JSON.stringify(body));
        assert.ok((body as { detail: unknown[] }).detail.length > 0);
      }
    });
  });

  describe('client requests', () => {
    /** Every combination the extension can send: each known enum value, bucket size or not, workspace on/off/unset. */
    function clientQueries(): UsageQuery[] {
      const queries: UsageQuery[] = [];
      const base = { startUnix: START, endUnix: NOW };
      for (const includeWorkspaceMetrics of [undefined, false, true]) {
        for (const aggregationBucketSize of [undefined, 3600]) {
          for (const breakdownType of BREAKDOWN_TYPES) {
            if (WORKSPACE_ONLY_BREAKDOWNS.has(breakdownType) && includeWorkspaceMetrics !== true) {
              continue;
            }
            queries.push({ ...base, includeWorkspaceMetrics, aggregationBucketSize, breakdownType });
          }
          for (const aggregationInterval of AGGREGATION_INTERVALS) {
            queries.push({ ...base, includeWorkspaceMetrics, aggregationBucketSize, aggregationInterval });
          }
          for (const metric of METRICS) {
            queries.push({ ...base, includeWorkspaceMetrics, aggregationBucketSize, metric });
          }
        }
      }
      queries.push(base);
      return queries;
    }

    it('buildCharacterStatsUrl builds queries the contract accepts, for every combination', () => {
      const queries = clientQueries();
      assert.ok(queries.length > 100);
      for (const query of queries) {
        const url = buildCharacterStatsUrl('https://api.elevenlabs.io', query);
        assert.equal(url.pathname, CHARACTER_STATS_PATH);
        assert.deepEqual(queryProblems(CHARACTER_STATS_PATH, 'get', url.searchParams), [], `${JSON.stringify(query)} -> ${url}`);
      }
    });

    it('the fake answers what the client builds with conforming bodies', async () => {
      for (const query of clientQueries().filter((_, i) => i % 4 === 0)) {
        const url = buildCharacterStatsUrl(api.url, query);
        const { status, body } = await call(url);
        assert.equal(status, 200, `${url}: ${JSON.stringify(body)}`);
        assert.deepEqual(schemaProblems('UsageCharactersResponseModel', body), []);
      }
    });

    it('of all requests the fake received here, exactly the deliberately ill-typed ones break the contract', () => {
      const received = api.requests.filter((r) => r.path === CHARACTER_STATS_PATH);
      assert.ok(received.length > 50);
      const breaking = received
        .map((r) => new URLSearchParams(r.query))
        .filter((query) => queryProblems(CHARACTER_STATS_PATH, 'get', query).length > 0)
        .map(String);
      assert.deepEqual(breaking, ILL_TYPED.map((params) => String(toSearchParams(params))));
    });
  });
});
