// The one series of a query without a breakdown: the API calls it "All" (its key, in English whatever the
// user's language); the chart, its table and the exports name it in the display language, from either source.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { fetchPanelData } from '../../../src/status/panelData';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { startFakeApi } from '../../fake-api/server';
import { inShippedLanguage } from '../helpers/shippedLanguage';
import { toJson } from '../../../src/usage/exportFormats';

const NOW = Date.UTC(2026, 11, 7, 6);
const WEEK: PanelQuery = { startUnix: NOW - 7 * 86_400_000, endUnix: NOW, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true };

describe('the series of a query without a breakdown', () => {
  it('is named in the display language, from character stats and from the successor, its figures unchanged', async () => {
    const api = await startFakeApi({ now: () => NOW });
    try {
      const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey });
      const chart = (query: PanelQuery) => fetchPanelData(query, { client, nowMs: NOW, timeZone: 'Asia/Kathmandu', signal: new AbortController().signal });
      const english = await chart(WEEK);
      assert.deepEqual(english.series.map((s) => s.name), ['All usage']);
      assert.ok((english.series[0]!.total ?? 0) > 0, 'the fake has usage in the week');
      const german = await inShippedLanguage('de', () => chart(WEEK));
      assert.deepEqual(german.series.map((s) => [s.name, s.total]), [['Gesamte Nutzung', english.series[0]!.total]]);
      // Scripts read the JSON export the same in every language: the API's name beside the shown one.
      const exported = JSON.parse(toJson(german, WEEK, NOW)) as { series: Array<{ name: string; sentAs?: string }> };
      assert.deepEqual(exported.series.map((s) => [s.name, s.sentAs]), [['Gesamte Nutzung', 'All']]);
      const japanese = await inShippedLanguage('ja', () => chart({ ...WEEK, source: 'analytics' }));
      assert.deepEqual(japanese.series.map((s) => s.name), ['すべての使用量']);
      // A breakdown's series keep the names the API gives them.
      const byVoice = await chart({ ...WEEK, breakdownType: 'voice' });
      assert.ok(byVoice.series.length > 1 && !byVoice.series.some((s) => s.name === 'All usage'), byVoice.series.map((s) => s.name).join(', '));
    } finally {
      await api.close();
    }
  });
});
