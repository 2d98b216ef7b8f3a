import * as assert from 'node:assert/strict';
import { ElevenLabsError } from '../../src/api/errors';
import { parseSubscriptionResponse, parseUsageResponse } from '../../src/api/parse';

function shapeError(body: unknown): string {
  try {
    parseUsageResponse(body);
  } catch (error) {
    assert.ok(error instanceof ElevenLabsError, `not our error: ${String(error)}`);
    assert.equal(error.kind, 'badShape');
    return error.message;
  }
  assert.fail('parsed');
}

describe('usage response parsing', () => {
  it('reads the official example', () => {
    const parsed = parseUsageResponse({ time: [1738252091000, 1739404800000], usage: { All: [49, 1053] } });
    assert.deepEqual(parsed, { time: [1738252091000, 1739404800000], series: [{ name: 'All', values: [49, 1053] }] });
  });

  it('keeps series whose names it has never seen, and an empty result', () => {
    const parsed = parseUsageResponse({ time: [1], usage: { 'a brand new product': [3], '': [4] } });
    assert.deepEqual(parsed.series.map((s) => s.name), ['a brand new product', '']);
    assert.deepEqual(parseUsageResponse({ time: [], usage: {} }), { time: [], series: [] });
  });

  it('says which series does not line up with the time axis', () => {
    assert.match(shapeError({ time: [1, 2, 3], usage: { Rachel: [1, 2] } }), /series "Rachel" has 2 values for 3 time labels/);
  });

  it('names missing and mistyped fields', () => {
    assert.match(shapeError(null), /expected an object with "time" and "usage", got null/);
    assert.match(shapeError([]), /got a list/);
    assert.match(shapeError({ usage: {} }), /"time" is missing/);
    assert.match(shapeError({ time: [1, '2'], usage: {} }), /time label 1 is text/);
    assert.match(shapeError({ time: [1], usage: [] }), /"usage" is a list/);
    assert.match(shapeError({ time: [1], usage: { All: [null] } }), /value 0 of series "All" is null, expected a number/);
    assert.match(shapeError({ time: [1], usage: { All: 5 } }), /series "All" is number/);
  });
});

describe('subscription response parsing', () => {
  it('reads the quota and converts the reset time from seconds', () => {
    const quota = parseSubscriptionResponse({
      tier: 'creator',
      character_count: 1234,
      character_limit: 100000,
      next_character_count_reset_unix: 1767225600,
      status: 'active',
      billing_period: 'monthly_period',
    });
    assert.deepEqual(quota, {
      tier: 'creator',
      used: 1234,
      limit: 100000,
      resetsAtMs: 1767225600000,
      status: 'active',
      billingPeriod: 'monthly_period',
    });
  });

  it('accepts unknown statuses and a null reset, refuses a missing count', () => {
    const quota = parseSubscriptionResponse({ character_count: 1, character_limit: 2, next_character_count_reset_unix: null, status: 'hibernating' });
    assert.equal(quota.status, 'hibernating');
    assert.equal(quota.resetsAtMs, undefined);
    assert.throws(() => parseSubscriptionResponse({ character_limit: 2 }), /"character_count" is missing/);
  });
});
