import * as assert from 'node:assert/strict';
import { numberLocale } from '../../../src/chart/spec/vegaLocale';

describe('Vega\'s number locale, made from Intl for the display language', () => {
  it('groups and separates decimals as German, French and English do', () => {
    assert.deepEqual(numberLocale('de'), { decimal: ',', thousands: '.', grouping: [3], currency: ['', ''] });
    assert.equal(numberLocale('fr').decimal, ',');
    assert.match(numberLocale('fr').thousands, /^[\u202f\u00a0 ]$/);
    assert.deepEqual(numberLocale('en'), { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] });
  });
});
