import * as assert from 'node:assert/strict';
import { numberLocale, timeLocale } from '../../../src/chart/spec/vegaLocale';

describe('Vega\'s number and time locale, made from Intl for the display language', () => {
  it('groups and separates decimals as German, French and English do', () => {
    assert.deepEqual(numberLocale('de'), { decimal: ',', thousands: '.', grouping: [3], currency: ['', ''] });
    assert.equal(numberLocale('fr').decimal, ',');
    assert.match(numberLocale('fr').thousands, /^[\u202f\u00a0 ]$/);
    assert.deepEqual(numberLocale('en'), { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] });
  });

  it('names days from Sunday and months from January, short and long, with the language\'s day periods', () => {
    const de = timeLocale('de');
    assert.equal(de.days[0], 'Sonntag');
    assert.equal(de.shortMonths[11], 'Dez');
    const ja = timeLocale('ja');
    assert.equal(ja.months[0], '1月');
    assert.deepEqual(ja.periods, ['午前', '午後']);
    assert.deepEqual(timeLocale('en').periods, ['AM', 'PM']);
  });
});
