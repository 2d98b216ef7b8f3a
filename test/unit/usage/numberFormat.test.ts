import * as assert from 'node:assert/strict';
import { formatExact, formatPercent, formatShort } from '../../../src/usage/numberFormat';

describe('number formats', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [12345, '12.3k'],
    [99_960, '100k'],
    [123_456, '123k'],
    [999_499, '999k'],
    [999_960, '1M'],
    [1_234_567, '1.2M'],
    [2_500_000_000, '2.5B'],
    [-12345, '-12.3k'],
    [12.6, '13'],
    [9_999, '10k'],
    [1e12, '1T'],
  ];
  for (const [value, expected] of cases) {
    it(`shortens ${value} to ${expected}`, () => assert.equal(formatShort(value), expected));
  }

  it('gives exact figures with grouping', () => {
    assert.equal(formatExact(12345), '12,345');
    assert.equal(formatExact(1234.567), '1,234.57');
    assert.equal(formatExact(12345, 'de-DE'), '12.345');
  });

  it('shows percentages without hiding small ones', () => {
    assert.equal(formatPercent(0.8), '80%');
    assert.equal(formatPercent(0.004), '0.4%');
    assert.equal(formatPercent(0), '0%');
  });
});
