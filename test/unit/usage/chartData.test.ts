import * as assert from 'node:assert/strict';
import type { UsageQuery, UsageSeries } from '../../../src/api/types';
import { apiBucketCuts, approximateBucketCount, bucketEnds, bucketGrid, MAX_GRID_LENGTH } from '../../../src/usage/calendar/buckets';
import { decimateMinMax, decimationGroupSize } from '../../../src/usage/decimate';
import { bucketTotal, shapeUsage } from '../../../src/usage/chartData';
import { csvField, toCsv } from '../../../src/usage/exportFormats';

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

describe('bucket ends', () => {
  it('ends each bucket at its next boundary, and the last one where the window ends', () => {
    const end = Date.UTC(2026, 10, 5, 12); // the window ends at noon (inclusive: …59.999 before it)
    const q = { ...query, endUnix: end - 1 };
    const grid = bucketGrid(q)!;
    assert.deepEqual(bucketEnds(grid, q), [Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 4), Date.UTC(2026, 10, 5), end]);
    const weeks = { ...query, aggregationInterval: 'week', endUnix: Date.UTC(2026, 10, 20) - 1 };
    assert.deepEqual(bucketEnds(bucketGrid(weeks)!, weeks), [Date.UTC(2026, 10, 9), Date.UTC(2026, 10, 16), Date.UTC(2026, 10, 20)]);
    const sized = { ...query, aggregationBucketSize: 36 * 3600 };
    assert.deepEqual(bucketEnds(bucketGrid(sized)!, sized), [start + 1.5 * DAY, start + 3 * DAY]);
    const whole = { ...query, aggregationInterval: 'cumulative' };
    assert.deepEqual(bucketEnds([start], whole), [query.endUnix + 1]);
  });

  it('reads the usual step for labels off any known grid', () => {
    const odd = { ...query, aggregationInterval: 'fortnight', endUnix: start + 10 * DAY };
    assert.deepEqual(bucketEnds([start, start + 2 * DAY, start + 4 * DAY], odd), [start + 2 * DAY, start + 4 * DAY, start + 6 * DAY]);
  });
});

describe('buckets the window cuts short', () => {
  it('marks the first API bucket when the window starts between boundaries, and the last when it ends early', () => {
    const grid = bucketGrid(query)!;
    assert.deepEqual(apiBucketCuts(grid, bucketEnds(grid, query), query), ['start', null, null, 'end']);
    const midnights = { ...query, startUnix: Date.UTC(2026, 10, 2), endUnix: Date.UTC(2026, 10, 4) - 1 };
    const whole = bucketGrid(midnights)!;
    assert.deepEqual(apiBucketCuts(whole, bucketEnds(whole, midnights), midnights), [null, null], 'whole UTC days');
    const sized = { ...query, endUnix: start + 2.5 * DAY, aggregationBucketSize: 86_400 };
    const steps = bucketGrid(sized)!;
    assert.deepEqual(apiBucketCuts(steps, bucketEnds(steps, sized), sized), [null, null, 'end'], 'sizes run from the start');
    const once = { ...query, aggregationInterval: 'cumulative' };
    assert.deepEqual(apiBucketCuts([start], bucketEnds([start], once), once), [null], 'the whole window is never cut');
    const unknown = { ...query, aggregationInterval: 'fortnight' };
    assert.deepEqual(apiBucketCuts([start], bucketEnds([start], unknown), unknown), [null], 'unknown intervals are not guessed');
  });
});

describe('decimating a long line', () => {
  it('keeps the low and the high of each group, in time order, and a gap where a group has no value', () => {
    // Groups of three: [5, 1, 9] keeps 1 and 9; [3, -, -] keeps 3; [-, 2, 2] keeps the first 2; [2] keeps it.
    const values = [5, 1, 9, 3, null, null, null, 2, 2, 2];
    assert.deepEqual(decimateMinMax(values, 3).map((p) => p.index), [1, 2, 3, 7, 9]);
    assert.ok(decimateMinMax(values, 3).every((p) => !p.gap));
    // The high before the low keeps time order.
    assert.deepEqual(decimateMinMax([9, 5, 1], 3).map((p) => p.index), [0, 2]);
    assert.deepEqual(decimateMinMax([null, null, 4], 2), [{ index: 0, gap: true }, { index: 2, gap: false }]);
    assert.equal(decimationGroupSize(100_000, 2000), 100);
    assert.equal(decimationGroupSize(1999, 2000), 2);
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

  it('takes a latency of 0 for no request in that bucket: a gap, left out of the mean and the peak', () => {
    // A model nobody used that day: the API answers 0 ms, which no request can take.
    const usage: UsageSeries = {
      time: [start, Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 4), Date.UTC(2026, 10, 5)],
      series: [
        { name: 'eleven_v3', values: [100, 0, 300, 0] },
        { name: 'eleven_sts_v2', values: [0, 0, 0, 0] },
      ],
    };
    const mean = shapeUsage(usage, { ...query, metric: 'ttfb_avg' }, 'UTC');
    assert.deepEqual(mean.series.find((s) => s.name === 'eleven_v3')!.values, [100, null, 300, null]);
    assert.equal(mean.series.find((s) => s.name === 'eleven_v3')!.total, 200, 'the mean of the buckets with requests');
    assert.deepEqual(mean.series.find((s) => s.name === 'eleven_sts_v2')!.values, [null, null, null, null]);
    assert.equal(mean.series.find((s) => s.name === 'eleven_sts_v2')!.total, null, 'no data at all');
    const p95 = shapeUsage(usage, { ...query, metric: 'ttfb_p95' }, 'UTC');
    assert.deepEqual(p95.series.find((s) => s.name === 'eleven_v3')!.values, [100, null, 300, null]);
    // Counts and peaks of concurrency keep their zeros: nothing running at once is a value.
    const concurrency = shapeUsage(usage, { ...query, metric: 'concurrency' }, 'UTC');
    assert.deepEqual(concurrency.series.find((s) => s.name === 'eleven_v3')!.values, [100, 0, 300, 0]);
    assert.deepEqual(shapeUsage(usage, query, 'UTC').series.find((s) => s.name === 'eleven_v3')!.values, [100, 0, 300, 0]);
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
      '\ufeffstart (America/Los_Angeles),end (America/Los_Angeles),start_unix_ms,end_unix_ms,bucket,Rachel,"\'=HYPERLINK(""x"")",Total\r\n' +
        `2026-11-02T07:30:00.000-08:00,2026-11-02T16:00:00.000-08:00,${start},${Date.UTC(2026, 10, 3)},"UTC day, cut at the start",1,3,4\r\n` +
        `2026-11-02T16:00:00.000-08:00,2026-11-03T16:00:00.000-08:00,${Date.UTC(2026, 10, 3)},${Date.UTC(2026, 10, 4)},UTC day,2,4,6\r\n`,
    );
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('-1'), "'-1");
  });
});
