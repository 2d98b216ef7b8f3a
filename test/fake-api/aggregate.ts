// Turns the fake's event log into a character-stats response: `{time: [ms...], usage: {series: [numbers...]}}`.
//
// Decisions (the real service documents none of them; these mirror what its responses show):
// - Window: start_unix <= t < end_unix. The end is EXCLUSIVE, so adjacent windows [a,b) and [b,c) add up to [a,c)
//   and "today so far" is simply [local midnight, now).
// - Buckets are UTC: hour, day, ISO week starting Monday 00:00, calendar month; `cumulative` is one bucket.
//   aggregation_bucket_size (seconds) overrides the interval: buckets of that length counted from the window start.
// - Labels: a bucket is labelled with its start, except that the first bucket is labelled with the window start
//   when the window starts inside it (the official example's first label is 15:48:11 UTC, not midnight).
// - Buckets in which no selected event falls are left out (the official example jumps 13 days); pass
//   `dense: true` to get every bucket of the window with zeros instead.
// - Without include_workspace_metrics only the caller's own events count.
// - Metrics: credits, tts_characters, minutes_used, request_count and fiat_units_spent are sums (so buckets add
//   up to the cumulative value); ttfb_avg is the mean TTFB; ttfb_p95 the 95th percentile by nearest rank
//   (the smallest value with at least 95% of values <= it); concurrency the peak; concurrency_average the mean.
//   A series with no events in a bucket shows 0 there.

import type { KnownAggregationInterval, KnownBreakdownType, KnownMetric } from '../../src/api/types';
import { bucketStart, Bucketing, nextBucketStart } from './buckets';
import type { UsageEvent } from './events';

export interface AggregationRequest {
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
  readonly includeWorkspace: boolean;
  readonly breakdown: KnownBreakdownType;
  readonly interval: KnownAggregationInterval;
  /** Seconds; overrides `interval` when set. */
  readonly bucketSizeSeconds?: number | null;
  readonly metric: KnownMetric;
  /** List empty buckets too (with zeros) instead of leaving them out. */
  readonly dense?: boolean;
  /**
   * Splits every series of a breakdown into this many ("Rachel 1", "Rachel 2"...), each event going to one by its
   * time, so that a breakdown can have as many series as a large account's (default 1: the log's own names).
   */
  readonly splitSeries?: number;
}

export interface UsageCharactersResponse {
  time: number[];
  usage: Record<string, number[]>;
}

/** The series name for breakdown `none`. */
export const ALL_SERIES = 'All';
/** A dense axis never gets longer than this (a 1-second bucket over a year would be 31 million buckets). */
const MAX_DENSE_BUCKETS = 100_000;

const ADDITIVE: ReadonlySet<KnownMetric> = new Set([
  'credits',
  'tts_characters',
  'minutes_used',
  'request_count',
  'fiat_units_spent',
]);

/** Whether buckets of this metric add up to the value of the whole window. */
export function isAdditiveMetric(metric: string): boolean {
  return ADDITIVE.has(metric as KnownMetric);
}

function metricInput(event: UsageEvent, metric: KnownMetric): number {
  switch (metric) {
    case 'ttfb_avg':
    case 'ttfb_p95':
      return event.metrics.ttfb_ms;
    case 'concurrency':
    case 'concurrency_average':
      return event.metrics.concurrency;
    default:
      return event.metrics[metric];
  }
}

/** Reduces the values of one series in one bucket to the number the response shows. */
export function reduceMetric(metric: KnownMetric, values: readonly number[]): number {
  if (values.length === 0) {
    return 0;
  }
  switch (metric) {
    case 'ttfb_avg':
    case 'concurrency_average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'ttfb_p95': {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.ceil(0.95 * sorted.length) - 1];
    }
    case 'concurrency':
      return Math.max(...values);
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}

function bucketingFor(request: AggregationRequest): Bucketing {
  const size = request.bucketSizeSeconds;
  return size !== undefined && size !== null
    ? { kind: 'size', sizeMs: size * 1000, originMs: request.startMs }
    : { kind: 'interval', interval: request.interval };
}

function seriesName(event: UsageEvent, breakdown: KnownBreakdownType, split: number): string {
  if (breakdown === 'none') {
    return ALL_SERIES;
  }
  const name = event.dimensions[breakdown];
  return split > 1 ? `${name} ${(event.timeMs % split) + 1}` : name;
}

/** All bucket starts of the window, in order (for a dense axis). */
function allBucketStarts(request: AggregationRequest, bucketing: Bucketing): number[] {
  const starts: number[] = [];
  for (
    let start = bucketStart(request.startMs, bucketing);
    start < request.endMs && starts.length < MAX_DENSE_BUCKETS;
    start = nextBucketStart(start, bucketing)
  ) {
    starts.push(start);
  }
  return starts;
}

/** How many buckets the window makes, counted up to `stopAfter` (a larger answer is refused anyway). */
export function countBuckets(request: AggregationRequest, stopAfter: number): number {
  const bucketing = bucketingFor(request);
  let count = 0;
  for (let start = bucketStart(request.startMs, bucketing); start < request.endMs && count <= stopAfter; start = nextBucketStart(start, bucketing)) {
    count++;
  }
  return count;
}

/** Aggregates `events` (any superset of the window's events) as the character-stats endpoint would. */
export function aggregateUsage(events: readonly UsageEvent[], request: AggregationRequest): UsageCharactersResponse {
  const bucketing = bucketingFor(request);
  // bucket start -> series name -> metric inputs
  const buckets = new Map<number, Map<string, number[]>>();
  const names = new Set<string>();
  for (const event of events) {
    if (event.timeMs < request.startMs || event.timeMs >= request.endMs) {
      continue;
    }
    if (!request.includeWorkspace && !event.byCaller) {
      continue;
    }
    const start = bucketStart(event.timeMs, bucketing);
    const name = seriesName(event, request.breakdown, request.splitSeries ?? 1);
    names.add(name);
    let bucket = buckets.get(start);
    if (!bucket) {
      bucket = new Map();
      buckets.set(start, bucket);
    }
    let values = bucket.get(name);
    if (!values) {
      values = [];
      bucket.set(name, values);
    }
    values.push(metricInput(event, request.metric));
  }
  if (request.breakdown === 'none') {
    names.add(ALL_SERIES);
  }

  const starts = request.dense ? allBucketStarts(request, bucketing) : [...buckets.keys()].sort((a, b) => a - b);
  const sortedNames = [...names].sort();
  const usage: Record<string, number[]> = {};
  for (const name of sortedNames) {
    usage[name] = starts.map((start) => reduceMetric(request.metric, buckets.get(start)?.get(name) ?? []));
  }
  const time = starts.map((start) => Math.max(start, request.startMs));
  return { time, usage };
}
