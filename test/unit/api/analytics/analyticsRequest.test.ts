// The analytics query checked before it is sent, and its body as the API names it.
import * as assert from 'node:assert/strict';
import { buildAnalyticsBody, buildAnalyticsUrl, findAnalyticsQueryProblems } from '../../../../src/api/analytics/analyticsRequest';
import type { AnalyticsQuery } from '../../../../src/api/analytics/analyticsTypes';

const START = Date.UTC(2026, 10, 1);
const QUERY: AnalyticsQuery = { startMs: START, endMs: START + 7 * 86_400_000, intervalSeconds: 86_400, timeZone: 'Asia/Kathmandu' };

function problemsOf(change: Partial<AnalyticsQuery>): string[] {
  return findAnalyticsQueryProblems({ ...QUERY, ...change }).map((p) => `${p.location}: ${p.message}`);
}

describe('analytics queries', () => {
  it('sends every field the API takes, in its names, with empty groupings and filters as null', () => {
    assert.deepEqual(buildAnalyticsBody(QUERY), { start_time: START, end_time: START + 7 * 86_400_000, interval_seconds: 86_400, group_by: null, filters: null, time_zone: 'Asia/Kathmandu' });
    const filters = [{ column: 'hashed_xi_api_key', operation: 'eq' as const, values: ['hk_1'] }];
    assert.deepEqual(buildAnalyticsBody({ ...QUERY, groupBy: ['model'], filters }), { ...buildAnalyticsBody(QUERY), group_by: ['model'], filters });
    assert.equal(buildAnalyticsUrl('https://proxy.example/eleven/').href, 'https://proxy.example/eleven/v1/workspace/analytics/query/usage-by-product-over-time');
  });

  it('accepts a query the service takes', () => {
    assert.deepEqual(problemsOf({}), []);
    assert.deepEqual(problemsOf({ groupBy: ['model', 'voice_id'], filters: [{ column: 'product_type', operation: 'in', values: ['text_to_speech', 'agents'] }] }), []);
  });

  it('names each problem with what to do', () => {
    const cases: Array<[Partial<AnalyticsQuery>, RegExp]> = [
      [{ startMs: START / 1000 }, /start_time: .*looks like seconds.*Multiply by 1000/],
      [{ startMs: Date.UTC(2019, 11, 31) }, /start_time: .*before 2020-01-01/],
      [{ endMs: START }, /end_time: The window ends before it starts/],
      [{ startMs: START + 0.5 }, /start_time: .*whole number/],
      [{ intervalSeconds: 0 }, /interval_seconds: .*at least 1/],
      [{ intervalSeconds: 1.5 }, /interval_seconds: .*whole number/],
      [{ intervalSeconds: 1, endMs: START + 3 * 86_400_000 }, /interval_seconds: The window makes about 259,202 buckets of 1 s/],
      [{ timeZone: 'Mars/Olympus_Mons' }, /time_zone: .*IANA time zone/],
      [{ timeZone: '' }, /time_zone/],
      [{ groupBy: ['model', 'model'] }, /group_by names a column twice/],
      [{ groupBy: Array.from({ length: 18 }, (_, i) => `c${i}`) }, /at most 17 columns/],
      [{ filters: [{ column: 'model', operation: 'like' as never, values: ['x'] }] }, /filters\.0\.operation: .*one of in, not_in/],
      [{ filters: [{ column: 'model', operation: 'eq', values: ['a', 'b'] }] }, /"eq" compares with one value; use "in"/],
      [{ filters: [{ column: 'model', operation: 'in', values: [] }] }, /filters\.0\.values: .*1 to 1000 values/],
      [{ filters: [{ column: '', operation: 'in', values: ['x'] }] }, /filters\.0\.column/],
      [{ filters: [{ column: 'model', operation: 'in', values: [{} as never] }] }, /filters\.0\.values\.0/],
      [{ filters: Array.from({ length: 21 }, () => ({ column: 'model', operation: 'eq' as const, values: ['x'] })) }, /at most 20 filters/],
    ];
    for (const [change, expected] of cases) {
      const problems = problemsOf(change);
      assert.ok(problems.some((p) => expected.test(p)), `${JSON.stringify(change)}: ${problems.join(' | ')}`);
    }
  });
});
