import * as assert from 'node:assert/strict';
import { ElevenLabsError } from '../../../src/api/errors';
import { parseSubscriptionResponse, parseUsageResponse } from '../../../src/api/parse';

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
    assert.match(shapeError({ time: [1], usage: { All: ['3'] } }), /value 0 of series "All" is text, expected a number/);
    assert.match(shapeError({ time: [1], usage: { All: 5 } }), /series "All" is number/);
  });
});

describe('gaps and sizes in a usage answer', () => {
  it('reads null and numbers too large to be one (1e999) as gaps, not as a refused answer', () => {
    const parsed = parseUsageResponse(JSON.parse('{"time":[1,2,3],"usage":{"ttfb":[120,null,1e999],"All":[null,null,4]}}'));
    assert.deepEqual(parsed.series, [
      { name: 'ttfb', values: [120, null, null] },
      { name: 'All', values: [null, null, 4] },
    ]);
  });

  function sizeError(body: unknown, bounds: { maxLabels: number; maxSeries: number }): ElevenLabsError {
    try {
      parseUsageResponse(body, bounds);
    } catch (error) {
      assert.ok(error instanceof ElevenLabsError);
      return error;
    }
    assert.fail('parsed');
  }

  it('refuses more labels than the query can hold, and more series than it reads, each with its own message', () => {
    const labels = sizeError({ time: Array.from({ length: 170 }, (_, i) => i), usage: {} }, { maxLabels: 169, maxSeries: 10 });
    assert.equal(labels.kind, 'tooLarge');
    assert.match(labels.message, /ElevenLabs sent 170 time labels for a window that holds at most 169 buckets/);
    const usage = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`voice ${i}`, [1]]));
    const series = sizeError({ time: [1], usage }, { maxLabels: 169, maxSeries: 10 });
    assert.equal(series.kind, 'tooLarge');
    assert.match(series.message, /ElevenLabs sent 11 series in one answer; it reads at most 10, so the extension did not read the answer\. Choose a breakdown with fewer series/);
    assert.doesNotThrow(() => parseUsageResponse({ time: [1], usage: Object.fromEntries(Object.entries(usage).slice(1)) }, { maxLabels: 1, maxSeries: 10 }));
  });

  it('refuses a series name longer than any voice, model or user has', () => {
    assert.match(sizeError({ time: [1], usage: { ['x'.repeat(1001)]: [1] } }, { maxLabels: 1, maxSeries: 1 }).message, /a series name of 1,001 characters/);
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
      billing_period: 'annual_period',
      character_refresh_period: 'monthly_period',
      currency: 'eur',
      current_overage: { amount: '12.50', currency: 'eur' },
      can_extend_character_limit: true,
      max_credit_limit_extension: 50000,
    });
    assert.deepEqual(quota, {
      tier: 'creator',
      used: 1234,
      limit: 100000,
      resetsAtMs: 1767225600000,
      status: 'active',
      billingPeriod: 'annual_period',
      creditRefreshPeriod: 'monthly_period',
      currency: 'eur',
      currentOverage: { amount: '12.50', currency: 'eur' },
      canExtendLimit: true,
      limitExtension: 50000,
    });
  });

  it('reads "unlimited" and 0 (usage-based billing off) as the limit extension', () => {
    const body = { character_count: 1, character_limit: 2 };
    assert.equal(parseSubscriptionResponse({ ...body, max_credit_limit_extension: 'unlimited' }).limitExtension, 'unlimited');
    assert.equal(parseSubscriptionResponse({ ...body, max_credit_limit_extension: 0 }).limitExtension, 0);
  });

  it('passes values of the open enums it does not know through untouched', () => {
    const quota = parseSubscriptionResponse({
      character_count: 1,
      character_limit: 2,
      status: 'hibernating',
      billing_period: '2_week_period',
      character_refresh_period: 'weekly_period',
      currency: 'jpy',
      current_overage: { amount: '300', currency: 'jpy' },
    });
    assert.deepEqual(
      [quota.status, quota.billingPeriod, quota.creditRefreshPeriod, quota.currency, quota.currentOverage],
      ['hibernating', '2_week_period', 'weekly_period', 'jpy', { amount: '300', currency: 'jpy' }],
    );
  });

  it('leaves a quota field it cannot read undefined instead of failing the quota', () => {
    const quota = parseSubscriptionResponse({
      character_count: 10,
      character_limit: 20,
      billing_period: null,
      character_refresh_period: 3,
      currency: null,
      current_overage: { amount: 12.5, currency: 'usd' },
      can_extend_character_limit: 'yes',
      max_credit_limit_extension: 'a lot',
    });
    assert.deepEqual(
      [quota.used, quota.limit, quota.billingPeriod, quota.creditRefreshPeriod, quota.currency, quota.currentOverage, quota.canExtendLimit, quota.limitExtension],
      [10, 20, undefined, undefined, undefined, undefined, undefined, undefined],
    );
    assert.equal(parseSubscriptionResponse({ character_count: 1, character_limit: 2, max_credit_limit_extension: -5 }).limitExtension, undefined);
  });

  it('accepts a null reset, refuses a missing count', () => {
    const quota = parseSubscriptionResponse({ character_count: 1, character_limit: 2, next_character_count_reset_unix: null });
    assert.equal(quota.resetsAtMs, undefined);
    assert.equal(quota.status, 'unknown');
    assert.throws(() => parseSubscriptionResponse({ character_limit: 2 }), /"character_count" is missing/);
  });
});
