import * as assert from 'node:assert/strict';
import { formatExact, formatPercent, formatShort } from '../../../src/shared/locale/numberFormats';
import { setDisplayLocale } from '../../../src/shared/locale/displayLocale';

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

describe('number formats in the display language', () => {
  const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');
  afterEach(() => setDisplayLocale('en'));

  it('groups and writes decimals as each language does, exact figures and short ones', () => {
    assert.equal(formatExact(1234567.5, 'de'), '1.234.567,5');
    assert.equal(plain(formatExact(1234567.5, 'fr')), '1 234 567,5');
    assert.equal(formatExact(1234567, 'ja'), '1,234,567');
    assert.equal(plain(formatShort(12_345, 'fr')), '12,3 k');
    assert.equal(formatShort(12_345, 'ja'), '1.2万');
    assert.equal(formatShort(2_500_000, 'pt-BR').replace(/\u00a0/g, ' '), '2,5 mi');
  });

  it('writes percentages with the language\'s sign and spacing, one decimal below 10%', () => {
    assert.equal(plain(formatPercent(0.42, 'de')), '42 %');
    assert.equal(plain(formatPercent(0.004, 'fr')), '0,4 %');
    assert.equal(formatPercent(0.004, 'ja'), '0.4%');
  });

  it('follows the display language set at activation when no locale is given', () => {
    setDisplayLocale('de');
    assert.equal(formatExact(12345), '12.345');
    assert.equal(plain(formatPercent(0.915)), '92 %');
    setDisplayLocale('not a locale');
    assert.equal(formatExact(12345), '12,345');
  });
});
