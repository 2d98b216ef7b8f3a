// Chart data to draw, compile and tabulate in tests, as usage/chartData.ts shapes it: `buckets` buckets of `step`
// from `start` (a Monday, 2 Nov 2026 00:00 UTC, by default), one series per name, each value from `value` and each
// total combined as the metric combines. The API's own buckets unless `description` says otherwise.
import type { PartialBucket } from '../../../src/usage/calendar/buckets';
import type { BucketDescription, ChartData } from '../../../src/usage/chartData';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ChartDataInput {
  readonly buckets: number;
  readonly names: readonly string[];
  readonly combine?: ChartData['combine'];
  /** One bucket for the whole window (give `buckets: 1` and the window as `step` for a single figure). */
  readonly cumulative?: boolean;
  readonly step?: number;
  readonly start?: number;
  readonly metric?: { metric: string; metricLabel: string; unit: string };
  /** Series `s`'s value in bucket `b`; by default (s + 1) × 10 plus b mod 4. */
  readonly value?: (series: number, bucket: number) => number | null;
  readonly filledBuckets?: number;
  readonly missingValues?: number;
  readonly foldedSeries?: number;
  readonly timeZone?: string;
  readonly description?: BucketDescription;
  readonly partial?: readonly PartialBucket[];
}

export function makeChartData(input: ChartDataInput): ChartData {
  const { buckets, names, combine = 'sum', cumulative = false, step = DAY, start = Date.UTC(2026, 10, 2), timeZone = 'UTC' } = input;
  const value = input.value ?? ((s: number, b: number) => (s + 1) * 10 + (b % 4));
  const time = Array.from({ length: buckets }, (_, i) => start + i * step);
  const series = names.map((name, s) => {
    const values = time.map((_, b) => value(s, b));
    const present = values.filter((v): v is number => v !== null);
    const sum = present.reduce((a, b) => a + b, 0);
    const total = present.length === 0 ? null : combine === 'sum' ? sum : combine === 'mean' ? sum / present.length : present.reduce((a, b) => Math.max(a, b));
    return { name, values, total };
  });
  const metric =
    input.metric ?? (combine === 'sum' ? { metric: 'credits', metricLabel: 'Credits', unit: 'credits' } : { metric: 'ttfb_avg', metricLabel: 'Time to first byte (mean)', unit: 'ms' });
  const endUnix = start + buckets * step - 1;
  const description: BucketDescription =
    input.description ??
    (cumulative
      ? { kind: 'api', reason: 'whole', interval: 'cumulative' }
      : step === HOUR || step === DAY
        ? { kind: 'api', reason: 'asked', interval: step === HOUR ? 'hour' : 'day' }
        : { kind: 'api', reason: 'size', bucketSeconds: step / 1000 });
  return {
    time,
    ends: time.map((t) => Math.min(t + step, endUnix + 1)),
    partial: input.partial ?? time.map(() => null),
    buckets: description,
    series,
    ...metric,
    combine,
    cumulative,
    filledBuckets: input.filledBuckets ?? 0,
    missingValues: input.missingValues ?? 0,
    foldedSeries: input.foldedSeries ?? 0,
    startUnix: start,
    endUnix,
    timeZone,
  };
}

/** Daily credits for the first two UTC days of 1970, as the API asked for them, with these series. */
export function twoDaysOfCredits(series: ChartData['series']): ChartData {
  return { ...makeChartData({ buckets: 2, names: [], start: 0 }), series };
}
