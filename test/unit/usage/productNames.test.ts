// Products named for people in a breakdown by product: the fake API's own ids over HTTP become ElevenLabs' words,
// with the figures unchanged; an id this version does not know stays as sent; two spellings of one product in one
// answer keep their ids rather than read the same.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { fetchChartData } from '../../../src/usage/query/chartQuery';
import { productLabel, withProductLabels } from '../../../src/usage/productNames';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi } from '../../fake-api/server';
import { makeChartData } from '../helpers/chartData';

const NOW = Date.UTC(2026, 10, 24, 12);
const QUERY: PanelQuery = { startUnix: Date.UTC(2026, 10, 16, 18, 15), endUnix: Date.UTC(2026, 10, 23, 18, 15), aggregationInterval: 'day', breakdownType: 'product_type', metric: 'credits', includeWorkspaceMetrics: true };

describe('product names', () => {
  it('names the fake API\u2019s products as ElevenLabs does, with the same figures as the ids had', async () => {
    const api = await startFakeApi({ now: () => NOW });
    try {
      const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey });
      const signal = new AbortController().signal;
      const data = await fetchChartData(client, QUERY, NOW, 'Asia/Kathmandu', signal);
      const names = data.series.map((s) => s.name);
      assert.ok(names.includes('Text to speech') && names.includes('Agents'), names.join(', '));
      assert.ok(!names.some((n) => ['tts', 'sts', 'agents', 'sound_effects'].includes(n)), names.join(', '));
      // The figures are the fake's log by product id, under the product's name: renamed, nothing else.
      const expected = new Map<string, number>();
      for (const event of eventsBetween(QUERY.startUnix, QUERY.endUnix + 1, { seed: api.seed, now: NOW })) {
        const name = productLabel(event.dimensions.product_type);
        expected.set(name, (expected.get(name) ?? 0) + event.metrics.credits);
      }
      for (const series of data.series) {
        assert.ok(Math.abs((series.total ?? 0) - (expected.get(series.name) ?? 0)) < 1e-6, `${series.name}: ${series.total} vs ${expected.get(series.name)}`);
      }
      const byVoice = await fetchChartData(client, { ...QUERY, breakdownType: 'voice' }, NOW, 'Asia/Kathmandu', signal);
      assert.ok(!byVoice.series.some((s) => s.name === 'Text to speech'), 'other breakdowns keep their names');
    } finally {
      await api.close();
    }
  });

  it('shows an unknown product as sent, and keeps ids that would read the same', () => {
    assert.equal(productLabel('tts'), 'Text to speech');
    assert.equal(productLabel('text-to-speech'), 'Text to speech');
    assert.equal(productLabel('holograms_v9'), 'holograms_v9');
    assert.equal(productLabel('__proto__'), '__proto__');
    const both = withProductLabels(makeChartData({ buckets: 2, names: ['tts', 'text_to_speech', 'dubbing', 'Other'] }));
    assert.deepEqual(
      both.series.map((s) => s.name),
      ['tts', 'text_to_speech', 'Dubbing', 'Other'],
    );
  });
});
