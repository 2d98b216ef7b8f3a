// UTC bucket arithmetic for the fake's time axis. The real service has no time-zone parameter, so every
// calendar interval here is UTC: hour, day, ISO week (Monday 00:00) and calendar month.

import type { KnownAggregationInterval } from '../../src/api/types';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** How buckets are cut: a calendar interval, or fixed-size buckets counted from the window start. */
export type Bucketing =
  | { readonly kind: 'interval'; readonly interval: KnownAggregationInterval }
  | { readonly kind: 'size'; readonly sizeMs: number; readonly originMs: number };

/** Start of the bucket containing timeMs. For `cumulative` every instant falls in one bucket, keyed 0. */
export function bucketStart(timeMs: number, bucketing: Bucketing): number {
  if (bucketing.kind === 'size') {
    return bucketing.originMs + Math.floor((timeMs - bucketing.originMs) / bucketing.sizeMs) * bucketing.sizeMs;
  }
  switch (bucketing.interval) {
    case 'hour':
      return Math.floor(timeMs / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor(timeMs / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(timeMs / DAY_MS) * DAY_MS;
      const daysSinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      return day - daysSinceMonday * DAY_MS;
    }
    case 'month': {
      const date = new Date(timeMs);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
    case 'cumulative':
      return 0;
  }
}

/** Start of the bucket after the one starting at `start` (used only to list empty buckets for a dense axis). */
export function nextBucketStart(start: number, bucketing: Bucketing): number {
  if (bucketing.kind === 'size') {
    return start + bucketing.sizeMs;
  }
  switch (bucketing.interval) {
    case 'hour':
      return start + HOUR_MS;
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
    case 'cumulative':
      return Number.POSITIVE_INFINITY;
  }
}
