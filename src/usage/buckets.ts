// The bucket labels a query should produce, as the service labels them: the first bucket with the window
// start, then each UTC boundary of the interval (hour, day, ISO week from Monday, calendar month) or each
// bucket-size step from the start. Used to find the buckets the service left out because they were empty.

import type { UsageQuery } from '../api/types';

/** Grids longer than this are not built (the chart would not show them either). */
export const MAX_GRID_LENGTH = 200_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function nextBoundary(t: number, interval: string): number | undefined {
  const d = new Date(t);
  switch (interval) {
    case 'hour':
      return Math.floor(t / HOUR) * HOUR + HOUR;
    case 'day':
      return Math.floor(t / DAY) * DAY + DAY;
    case 'week': {
      const dayStart = Math.floor(t / DAY) * DAY;
      const daysSinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
      return dayStart + (7 - daysSinceMonday) * DAY;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    default:
      return undefined;
  }
}

/** The expected labels, ascending, or undefined when they cannot be known (an unknown interval, too many). */
export function bucketGrid(query: UsageQuery): number[] | undefined {
  const { startUnix, endUnix } = query;
  if (query.aggregationBucketSize !== undefined) {
    const step = query.aggregationBucketSize * 1000;
    if ((endUnix - startUnix) / step > MAX_GRID_LENGTH) {
      return undefined;
    }
    const grid: number[] = [];
    for (let t = startUnix; t < endUnix; t += step) {
      grid.push(t);
    }
    return grid;
  }
  const interval = query.aggregationInterval ?? 'day';
  if (interval === 'cumulative') {
    return [startUnix];
  }
  const grid: number[] = [startUnix];
  for (let t = nextBoundary(startUnix, interval); t !== undefined && t < endUnix; t = nextBoundary(t, interval)) {
    if (grid.length >= MAX_GRID_LENGTH) {
      return undefined;
    }
    grid.push(t);
  }
  return nextBoundary(startUnix, interval) === undefined ? undefined : grid;
}

const APPROXIMATE_STEP_MS: Readonly<Record<string, number>> = {
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 28 * DAY,
};

/**
 * About how many buckets a query makes (never fewer than it really makes), to refuse before sending one whose
 * answer no chart could show. Unknown intervals count as days.
 */
export function approximateBucketCount(query: UsageQuery): number {
  if (query.aggregationBucketSize === undefined && query.aggregationInterval === 'cumulative') {
    return 1;
  }
  const step =
    query.aggregationBucketSize !== undefined
      ? query.aggregationBucketSize * 1000
      : APPROXIMATE_STEP_MS[query.aggregationInterval ?? 'day'] ?? DAY;
  return Math.ceil((query.endUnix - query.startUnix) / step) + 1;
}
