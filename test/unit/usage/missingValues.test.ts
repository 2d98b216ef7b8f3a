// `null` (or a non-finite number) in a usage array is a gap, not a refused answer (issue 17): an averaged metric
// of an empty bucket is where real services send one. What the user reads of it, from the answer to the table,
// the chart's subtitle and the exports: "–" in the cell, left out of sums, means and peaks, and said so.
import * as assert from 'node:assert/strict';
import type { UsageQuery, UsageSeries } from '../../../src/api/types';
import { subtitleLines } from '../../../src/chart/spec/chartWords';
import { buildTableModel } from '../../../src/chart/table/tableModel';
import { fetchChartData } from '../../../src/usage/query/chartQuery';
import { toCsv, toJson } from '../../../src/usage/exportFormats';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';

const HOUR = 3_600_000;
/** 09:00 in Adelaide (UTC+10:30 in December): an offset of half an hour, so local hours are not UTC's. */
const NOW = Date.UTC(2026, 11, 4, 22, 30);
const ZONE = 'Australia/Adelaide';

/** Answers every query with the given values on its own hourly grid (as the service would), nulls and all. */
function answering(valuesBySeries: Record<string, ReadonlyArray<number | null>>) {
  const asked: UsageQuery[] = [];
  return {
    asked,
    getCharacterStats: async (query: UsageQuery): Promise<UsageSeries> => {
      asked.push(query);
      const step = (query.aggregationBucketSize ?? 3600) * 1000;
      const length = Math.max(...Object.values(valuesBySeries).map((v) => v.length));
      const time = Array.from({ length }, (_, i) => query.startUnix - (query.startUnix % step) + i * step);
      return { time, series: Object.entries(valuesBySeries).map(([name, values]) => ({ name, values: [...values] })) } as UsageSeries;
    },
  };
}

const threeHours = (metric: string): PanelQuery => ({
  startUnix: NOW - 3 * HOUR,
  endUnix: NOW - 1,
  aggregationInterval: 'hour',
  breakdownType: 'none',
  metric,
  includeWorkspaceMetrics: false,
  utcBuckets: true,
});

const formatTime = (ms: number) => new Date(ms).toISOString();

describe('null values in an answer are gaps, said so', () => {
  it('an average latency with an empty bucket: "–" in the table, the mean of the numbers, a note under it and in the exports', async () => {
    const client = answering({ All: [120, null, 80] });
    const data = await fetchChartData(client, threeHours('ttfb_avg'), NOW, ZONE, new AbortController().signal, { utcBuckets: true });
    assert.equal(data.missingValues, 1);
    const table = buildTableModel(data, formatTime);
    assert.deepEqual(table.rows.map((r) => r.cells[0]), ['120', '\u2013', '80']);
    assert.match(table.caption, /1 value ElevenLabs sent without a number left out: \u201c\u2013\u201d/);
    assert.equal(table.footer.cells[0], '100', 'the mean of 120 and 80, the gap left out');
    assert.ok(subtitleLines(data).some((line) => line.includes('1 value ElevenLabs sent without a number left out')), subtitleLines(data).join(' | '));

    const csv = toCsv(data);
    assert.match(csv.split('\n')[0]!, /1 value ElevenLabs sent without a number left out: empty cells/);
    const json = JSON.parse(toJson(data, threeHours('ttfb_avg'), NOW));
    assert.equal(json.missingValues, 1);
    assert.match(json.missingValuesNote, /^1 value ElevenLabs sent without a number left out: null in values, not counted in totals$/);
  });

  it('characters in the user\u2019s own days with nulls among the fine buckets: the day adds up the numbers', async () => {
    const query: PanelQuery = { ...threeHours('tts_characters'), utcBuckets: false, aggregationInterval: 'day', startUnix: NOW - 9 * HOUR };
    const client = answering({ All: [1000, null, 200, 34, null] });
    const data = await fetchChartData(client, query, NOW, ZONE, new AbortController().signal);
    assert.equal(data.buckets.kind, 'local');
    assert.equal(data.missingValues, 2);
    const table = buildTableModel(data, formatTime);
    assert.equal(table.footer.cells.at(-1), '1,234');
    assert.match(table.caption, /2 values ElevenLabs sent without a number left out/);
  });

  it('no note when every value is a number', async () => {
    const data = await fetchChartData(answering({ All: [1, 2, 3] }), threeHours('ttfb_avg'), NOW, ZONE, new AbortController().signal, { utcBuckets: true });
    assert.equal(data.missingValues, 0);
    assert.doesNotMatch(buildTableModel(data, formatTime).caption, /without a number/);
    assert.equal(JSON.parse(toJson(data, threeHours('ttfb_avg'), NOW)).missingValuesNote, undefined);
  });
});
