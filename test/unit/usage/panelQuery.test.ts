import * as assert from 'node:assert/strict';
import { toUsageQuery } from '../../../src/usage/query/panelQuery';
import { parseShowUsageArgs } from '../../../src/usage/query/showUsageArgs';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { presetWindow } from '../../../src/usage/calendar/windows';
import { inTimeZone } from '../helpers/timeZone';

const NOW = Date.UTC(2026, 10, 24, 12);
const KOLKATA = ZonedCalendar.for('Asia/Kolkata');
const START = Date.UTC(2026, 10, 1);
const END = Date.UTC(2026, 10, 8);

function error(args: unknown): string {
  const result = parseShowUsageArgs(args, NOW, KOLKATA);
  assert.ok(!result.ok, 'accepted');
  return result.message;
}

describe('Show Usage arguments', () => {
  it('takes the API fields in milliseconds and enum values', () => {
    const result = parseShowUsageArgs({ startUnix: START, endUnix: END, aggregationInterval: 'hour', breakdownType: 'voice', metric: 'tts_characters', includeWorkspaceMetrics: true }, NOW, KOLKATA);
    assert.deepEqual(result, { ok: true, query: { startUnix: START, endUnix: END, aggregationInterval: 'hour', breakdownType: 'voice', metric: 'tts_characters', includeWorkspaceMetrics: true } });
  });

  it('takes a preset and fills in what suits it', () => {
    // The extension host sits in another zone than the user's: the preset follows the user's.
    const result = inTimeZone('America/Los_Angeles', () => parseShowUsageArgs({ preset: 'last7Days' }, NOW, KOLKATA));
    assert.ok(result.ok);
    assert.deepEqual(result.query, {
      preset: 'last7Days',
      startUnix: Date.UTC(2026, 10, 17, 18, 30),
      endUnix: NOW,
      aggregationInterval: 'day',
      breakdownType: 'none',
      metric: 'credits',
      includeWorkspaceMetrics: false,
    });
  });

  it('turns on workspace metrics for breakdowns that need them unless told otherwise', () => {
    const result = parseShowUsageArgs({ preset: 'today', breakdownType: 'user' }, NOW, KOLKATA);
    assert.ok(result.ok && result.query.includeWorkspaceMetrics);
    assert.match(error({ preset: 'today', breakdownType: 'user', includeWorkspaceMetrics: false }), /"breakdownType": The "user" breakdown needs workspace metrics/);
  });

  it('passes a bucket size instead of an interval', () => {
    const result = parseShowUsageArgs({ startUnix: START, endUnix: END, aggregationBucketSize: 7200 }, NOW, KOLKATA);
    assert.ok(result.ok);
    assert.equal(result.query.aggregationBucketSize, 7200);
    assert.equal(result.query.aggregationInterval, undefined);
    assert.deepEqual(toUsageQuery(result.query, NOW, KOLKATA).aggregationBucketSize, 7200);
  });

  it('names the field that is wrong', () => {
    assert.match(error('last7Days'), /the argument must be an object/);
    assert.match(error({ preset: 'lastWeek' }), /"preset" must be one of today, yesterday, last7Days/);
    assert.match(error({ startUnix: START }), /"startUnix" and "endUnix" \(milliseconds\) are required/);
    assert.match(error({ preset: 'today', startUnix: START }), /either "preset" or "startUnix" and "endUnix"/);
    assert.match(error({ startUnix: 1_700_000_000, endUnix: END }), /"startUnix": start_unix is 1700000000, which looks like seconds/);
    assert.match(error({ startUnix: END, endUnix: START }), /"endUnix": The window ends before it starts/);
    assert.match(error({ preset: 'today', metric: 'Credits!' }), /"metric" must be one of the API's values/);
    assert.match(error({ preset: 'today', includeWorkspaceMetrics: 'yes' }), /"includeWorkspaceMetrics" must be true or false/);
    assert.match(error({ preset: 'today', aggregationBucketSize: 0 }), /"aggregationBucketSize": aggregation_bucket_size must be a positive whole number/);
    assert.match(error({ preset: 'today', colour: 'red' }), /unknown field "colour"/);
  });

  it('resolves presets again when the query runs, so Today stays today', () => {
    const result = parseShowUsageArgs({ preset: 'today' }, NOW, KOLKATA);
    assert.ok(result.ok);
    const tomorrow = NOW + 86_400_000;
    assert.equal(toUsageQuery(result.query, tomorrow, KOLKATA).endUnix, tomorrow);
  });

  it('reads null as "not set" in every optional field, as the API does', () => {
    const result = parseShowUsageArgs(
      { preset: 'last30Days', startUnix: null, endUnix: null, aggregationInterval: 'day', aggregationBucketSize: null, breakdownType: null, metric: null, includeWorkspaceMetrics: null },
      NOW,
      KOLKATA,
    );
    assert.deepEqual(result, {
      ok: true,
      query: { preset: 'last30Days', ...presetWindow('last30Days', NOW, KOLKATA), aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false },
    });
    const explicit = parseShowUsageArgs({ preset: null, startUnix: START, endUnix: END, aggregationInterval: null, aggregationBucketSize: 3600 }, NOW, KOLKATA);
    assert.ok(explicit.ok);
    assert.deepEqual([explicit.query.preset, explicit.query.aggregationBucketSize, explicit.query.aggregationInterval], [undefined, 3600, undefined]);
    // Null does not excuse a misspelt field, nor stand in for a required one.
    assert.match(error({ preset: 'today', aggregationBucketSise: null }), /unknown field "aggregationBucketSise"/);
    assert.match(error({ startUnix: START, endUnix: null }), /"startUnix" and "endUnix" \(milliseconds\) are required/);
  });

  it('takes "billingPeriod": the quota\u2019s credits by local day, nulls read as not set, other asks refused by name', () => {
    const asked = parseShowUsageArgs(
      { preset: 'billingPeriod', startUnix: null, endUnix: null, aggregationInterval: null, aggregationBucketSize: null, breakdownType: null, metric: null, includeWorkspaceMetrics: null },
      NOW,
      KOLKATA,
    );
    assert.ok(asked.ok);
    // The window is a placeholder (this month in the user's zone) until the host resolves the period from the quota.
    assert.deepEqual(asked.query, {
      preset: 'billingPeriod',
      ...presetWindow('thisMonth', NOW, KOLKATA),
      aggregationInterval: 'day',
      breakdownType: 'none',
      metric: 'credits',
      includeWorkspaceMetrics: true,
      utcBuckets: false,
    });
    const same = parseShowUsageArgs({ preset: 'billingPeriod', metric: 'credits', aggregationInterval: 'day', includeWorkspaceMetrics: true }, NOW, KOLKATA);
    assert.deepEqual(same, asked);
    assert.match(error({ preset: 'billingPeriod', metric: 'tts_characters' }), /"metric" cannot be "tts_characters" with "preset": "billingPeriod": it shows credits, which the quota counts\. Leave "metric" out\./);
    assert.match(error({ preset: 'billingPeriod', breakdownType: 'voice' }), /"breakdownType" cannot be "voice"/);
    assert.match(error({ preset: 'billingPeriod', aggregationBucketSize: 3600 }), /"aggregationBucketSize" cannot be 3600/);
    assert.match(error({ preset: 'billingPeriod', includeWorkspaceMetrics: false }), /"includeWorkspaceMetrics" cannot be false/);
    assert.match(error({ preset: 'billingPeriod', startUnix: START, endUnix: END }), /either "preset" or "startUnix" and "endUnix"/);
    assert.match(error({ preset: 'billingPeriods' }), /"preset" must be one of .*last12Months, billingPeriod; got "billingPeriods"/);
  });
});
