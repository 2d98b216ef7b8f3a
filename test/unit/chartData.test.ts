import * as assert from 'node:assert/strict';
import type { UsageQuery, UsageSeries } from '../../src/api/types';
import { approximateBucketCount, bucketGrid, MAX_GRID_LENGTH } from '../../src/usage/buckets';
import { bucketTotal, shapeUsage } from '../../src/usage/chartData';
import { csvField, toCsv } from '../../src/usage/exportFormats';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 2, 15, 30); // a Monday, mid-afternoon UTC
const query: UsageQuery = { startUnix: start, endUnix: start + 3 * DAY, aggregationInterval: 'day', metric: 'credits' };

describe('bucket grids', () => {
  it('labels the first bucket with the window start, then UTC boundaries', () => {
    assert.deepEqual(bucketGrid(query), [start, Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 4), Date.UTC(2026, 10, 5)]);
    assert.deepEqual(bucketGrid({ ...query, aggregationInterval: 'week', endUnix: start + 15 * DAY }), [start, Date.UTC(2026, 10, 9), Date.UTC(2026, 10, 16)]);
    assert.deepEqual(bucketGrid({ ...query, aggregationInterval: 'month', endUnix: Date.UTC(2027, 1, 2) }), [start, Date.UTC(2026, 11, 1), Date.UTC(2027, 0, 1), Date.UTC(2027, 1, 1)]);
    assert.deepEqual(bucketGrid({ ...query, aggregationBucketSize: 86400 }), [start, start + DAY, start + 2 * DAY]);
    assert.deepEqual(bucketGrid({ ...query, aggregationInterval: 'cumulative' }), [start]);
    assert.equal(bucketGrid({ ...query, aggregationInterval: 'fortnight' }), undefined);
  });
});

describe('bucket counts before a query is sent', () => {
  it('never counts fewer buckets than the query makes', () => {
    for (const q of [query, { ...query, aggregationInterval: 'hour' }, { ...query, aggregationInterval: 'week', endUnix: start + 60 * DAY }, { ...query, aggregationInterval: 'month', endUnix: start + 400 * DAY }, { ...query, aggregationBucketSize: 3600 }]) {
      assert.ok(approximateBucketCount(q) >= bucketGrid(q)!.length, JSON.stringify(q));
    }
    assert.equal(approximateBucketCount({ ...query, aggregationInterval: 'cumulative' }), 1);
  });

  it('flags a year of one-minute buckets as more than a chart can show', () => {
    assert.ok(approximateBucketCount({ startUnix: start, endUnix: start + 365 * DAY, aggregationBucketSize: 60 }) > MAX_GRID_LENGTH);
  });
});

describe('shaping usage for the chart', () => {
  it('fills buckets the service left out with 0 for counts and says how many', () => {
    const usage: UsageSeries = { time: [start, Date.UTC(2026, 10, 4)], series: [{ name: 'All', values: [5, 7] }] };
    const data = shapeUsage(usage, query, 'UTC');
    assert.deepEqual(data.time, bucketGrid(query));
    assert.deepEqual(data.series[0]!.values, [5, 0, 7, 0]);
    assert.equal(data.series[0]!.total, 12);
    assert.equal(data.filledBuckets, 2);
    assert.equal(data.unit, 'credits');
  });

  it('leaves missing buckets empty for averages, and averages the total', () => {
    const usage: UsageSeries = { time: [start, Date.UTC(2026, 10, 4)], series: [{ name: 'All', values: [100, 300] }] };
    const data = shapeUsage(usage, { ...query, metric: 'ttfb_avg' }, 'UTC');
    assert.deepEqual(data.series[0]!.values, [100, null, 300, null]);
    assert.equal(data.series[0]!.total, 200);
    assert.equal(data.unit, 'ms');
  });

  it('keeps labels off the grid as they came, sorted', () => {
    const usage: UsageSeries = { time: [start + 5, start + 1], series: [{ name: 'All', values: [2, 1] }] };
    const data = shapeUsage(usage, query, 'UTC');
    assert.deepEqual(data.time, [start + 1, start + 5]);
    assert.deepEqual(data.series[0]!.values, [1, 2]);
    assert.equal(data.filledBuckets, 0);
  });

  it('combines the values of a repeated label instead of keeping one of them', () => {
    const usage: UsageSeries = { time: [start, start, Date.UTC(2026, 10, 3), start], series: [{ name: 'All', values: [1, 2, 10, 3] }] };
    const data = shapeUsage(usage, query, 'UTC');
    assert.deepEqual(data.time, bucketGrid(query));
    assert.deepEqual(data.series[0]!.values, [6, 10, 0, 0]);
    const peaks = shapeUsage({ time: [start + 7, start + 7], series: [{ name: 'All', values: [4, 9] }] }, { ...query, metric: 'concurrency' }, 'UTC');
    assert.deepEqual(peaks.time, [start + 7], 'off the grid, a repeated label still appears once');
    assert.deepEqual(peaks.series[0]!.values, [9]);
  });

  it('keeps the nine largest series and folds the rest into Other', () => {
    const series = Array.from({ length: 12 }, (_, i) => ({ name: `voice ${i}`, values: [i + 1, 0, 0, 0] }));
    const data = shapeUsage({ time: bucketGrid(query)!, series }, query, 'UTC');
    assert.equal(data.series.length, 10);
    assert.deepEqual(data.series.map((s) => s.name), ['voice 3', 'voice 4', 'voice 5', 'voice 6', 'voice 7', 'voice 8', 'voice 9', 'voice 10', 'voice 11', 'Other']);
    assert.deepEqual(data.series[9]!.values, [1 + 2 + 3, 0, 0, 0]);
    assert.equal(data.foldedSeries, 3);
    assert.equal(bucketTotal(data, 0), 78);
  });

  it('marks cumulative answers', () => {
    const data = shapeUsage({ time: [start], series: [{ name: 'All', values: [9] }] }, { ...query, aggregationInterval: 'cumulative' }, 'UTC');
    assert.equal(data.cumulative, true);
    assert.deepEqual(data.series[0]!.values, [9]);
  });

  it('writes CSV with one row per bucket in the user\u2019s zone, a total column, and defused formulas', () => {
    const usage: UsageSeries = { time: [start, Date.UTC(2026, 10, 3)], series: [{ name: 'Rachel', values: [1, 2] }, { name: '=HYPERLINK("x")', values: [3, 4] }] };
    const csv = toCsv(shapeUsage(usage, { ...query, endUnix: Date.UTC(2026, 10, 4) }, 'America/Los_Angeles'));
    assert.equal(
      csv,
      '\ufeffstart (America/Los_Angeles),start_unix_ms,Rachel,"\'=HYPERLINK(""x"")",Total\r\n' +
        `2026-11-02T07:30:00.000-08:00,${start},1,3,4\r\n` +
        `2026-11-02T16:00:00.000-08:00,${Date.UTC(2026, 10, 3)},2,4,6\r\n`,
    );
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('-1'), "'-1");
  });
});
