import * as assert from 'node:assert/strict';
import { breakdownInfo, metricInfo } from '../../../src/usage/catalog';

describe('catalog of enum values', () => {
  it('describes known values', () => {
    assert.deepEqual(metricInfo('tts_characters'), { label: 'TTS characters', unit: 'characters', combine: 'sum', description: 'Characters of text turned into speech' });
    assert.equal(breakdownInfo('user').needsWorkspaceMetrics, true);
  });

  it('gives values it does not know a readable fallback, including names of Object.prototype', () => {
    for (const value of ['carbon_grams', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const metric = metricInfo(value);
      assert.equal(typeof metric.label, 'string', value);
      assert.equal(metric.unit, value);
      assert.equal(metric.combine, 'sum');
      assert.equal(breakdownInfo(value).needsWorkspaceMetrics, false, value);
    }
    assert.equal(metricInfo('constructor').label, 'Constructor');
  });
});
