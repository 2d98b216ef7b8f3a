import * as assert from 'node:assert/strict';
import { ElevenLabsError } from '../../../src/api/errors';
import { assertValidQuery, buildCharacterStatsUrl, buildSubscriptionUrl, findQueryProblems } from '../../../src/api/query';
import type { UsageQuery } from '../../../src/api/types';

const START = Date.UTC(2026, 10, 1);
const END = Date.UTC(2026, 10, 8);
const base: UsageQuery = { startUnix: START, endUnix: END };

function messages(query: UsageQuery): string[] {
  return findQueryProblems(query).map((p) => `${p.location}: ${p.message}`);
}

describe('usage query validation', () => {
  it('accepts a plain window in milliseconds', () => {
    assert.deepEqual(findQueryProblems(base), []);
  });

  it('says a timestamp in seconds looks like seconds and gives the value in milliseconds', () => {
    const [problem] = messages({ startUnix: 1685574000, endUnix: END });
    assert.match(problem!, /^start_unix: .*looks like seconds.*Multiply by 1000 \(1685574000000\)/);
  });

  it('refuses a window that ends before it starts, and an empty one', () => {
    assert.deepEqual(messages({ startUnix: END, endUnix: START }), [
      'end_unix: The window ends before it starts: end_unix must be later than start_unix.',
    ]);
    assert.equal(findQueryProblems({ startUnix: START, endUnix: START }).length, 1);
  });

  it('refuses fractional, negative and non-number timestamps', () => {
    assert.match(messages({ startUnix: START + 0.5, endUnix: END })[0]!, /whole number of milliseconds/);
    assert.match(messages({ startUnix: -1, endUnix: END })[0]!, /must not be negative/);
    assert.match(messages({ startUnix: Number.NaN, endUnix: END })[0]!, /must be a number/);
    assert.match(messages({ startUnix: '1700000000000' as unknown as number, endUnix: END })[0]!, /must be a number/);
  });

  for (const breakdownType of ['user', 'api_keys', 'all_api_keys']) {
    it(`requires workspace metrics for the ${breakdownType} breakdown`, () => {
      assert.match(messages({ ...base, breakdownType })[0]!, /needs workspace metrics: set include_workspace_metrics to true/);
      assert.deepEqual(findQueryProblems({ ...base, breakdownType, includeWorkspaceMetrics: true }), []);
    });
  }

  it('takes a positive whole number of seconds as bucket size', () => {
    assert.deepEqual(findQueryProblems({ ...base, aggregationBucketSize: 3600 }), []);
    for (const bad of [0, -60, 1.5, Number.POSITIVE_INFINITY]) {
      assert.match(messages({ ...base, aggregationBucketSize: bad })[0]!, /^aggregation_bucket_size: .*positive whole number of seconds/);
    }
  });

  it('lets enum values it does not know pass, but not empty ones', () => {
    assert.deepEqual(findQueryProblems({ ...base, metric: 'carbon_grams', breakdownType: 'moon_phase', aggregationInterval: 'fortnight' }), []);
    assert.match(messages({ ...base, metric: ' ' })[0]!, /^metric: /);
  });

  it('reports every problem at once and throws one invalidQuery error', () => {
    const query: UsageQuery = { startUnix: 1, endUnix: 2, breakdownType: 'user', aggregationBucketSize: 0 };
    assert.equal(findQueryProblems(query).length, 4);
    assert.throws(() => assertValidQuery(query), (error: unknown) => {
      assert.ok(error instanceof ElevenLabsError);
      assert.equal(error.kind, 'invalidQuery');
      assert.equal(error.issues.length, 4);
      return true;
    });
  });
});

describe('request URLs', () => {
  it('carries all seven parameters under the API names', () => {
    const url = buildCharacterStatsUrl('https://api.elevenlabs.io/', {
      startUnix: START,
      endUnix: END,
      includeWorkspaceMetrics: true,
      breakdownType: 'voice',
      aggregationInterval: 'hour',
      aggregationBucketSize: 7200,
      metric: 'tts_characters',
    });
    assert.equal(url.origin + url.pathname, 'https://api.elevenlabs.io/v1/usage/character-stats');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      start_unix: String(START),
      end_unix: String(END),
      include_workspace_metrics: 'true',
      breakdown_type: 'voice',
      aggregation_interval: 'hour',
      aggregation_bucket_size: '7200',
      metric: 'tts_characters',
    });
  });

  it('leaves out what the caller left out so the service defaults apply', () => {
    const url = buildCharacterStatsUrl('http://127.0.0.1:9999', base);
    assert.deepEqual([...url.searchParams.keys()], ['start_unix', 'end_unix']);
  });

  it('keeps a path prefix of the base URL', () => {
    assert.equal(buildSubscriptionUrl('https://proxy.example.com/eleven/').toString(), 'https://proxy.example.com/eleven/v1/user/subscription');
  });
});
