// The geometry of the service's buckets. Labels: the first bucket with the window start, then each UTC boundary
// of the interval (hour, day, ISO week from Monday, calendar month) or each bucket-size step from the start;
// used to find the buckets the service left out because they were empty. Ends: where each bucket stops, which
// the chart, the table and the exports read (the last one is cut by the window's end).

import type { UsageQuery } from '../../api/types';

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

/**
 * Where each bucket ends (exclusive, UTC ms): its interval's next boundary or its size, never past the window
 * (whose end is inclusive, so a bucket cut by it ends one millisecond after). For labels off any known grid,
 * the next label, and for the last one the most common step.
 */
export function bucketEnds(time: readonly number[], query: UsageQuery): number[] {
  const windowEnd = query.endUnix + 1;
  const interval = query.aggregationInterval ?? 'day';
  const step = query.aggregationBucketSize !== undefined ? query.aggregationBucketSize * 1000 : undefined;
  const gaps = time.slice(1).map((t, i) => t - time[i]!);
  const fallbackStep = mostCommon(gaps) ?? Math.max(1, windowEnd - (time[time.length - 1] ?? windowEnd));
  return time.map((start, i) => {
    let end: number | undefined;
    if (step !== undefined) {
      end = start + step;
    } else if (interval === 'cumulative') {
      end = windowEnd;
    } else {
      end = nextBoundary(start, interval) ?? time[i + 1] ?? start + fallbackStep;
    }
    return Math.max(start + 1, Math.min(end, windowEnd));
  });
}

/** Where the window cuts a bucket: at its start (the first), its end (the last), both, or nowhere. */
export type PartialBucket = 'start' | 'end' | 'both' | null;

/**
 * Which of the API's buckets the window cuts: the first when the window starts between two boundaries of its
 * interval, the last when the window ends before the next one (or before a whole bucket size). A cumulative
 * answer is the window itself, never cut; an unknown interval's buckets cannot be told, so none is marked.
 */
export function apiBucketCuts(time: readonly number[], ends: readonly number[], query: UsageQuery): PartialBucket[] {
  const interval = query.aggregationInterval ?? 'day';
  const step = query.aggregationBucketSize !== undefined ? query.aggregationBucketSize * 1000 : undefined;
  return time.map((start, i) => {
    if (step === undefined && (interval === 'cumulative' || nextBoundary(start, interval) === undefined)) {
      return null;
    }
    const fullEnd = step !== undefined ? start + step : nextBoundary(start, interval)!;
    const cutAtStart = i === 0 && step === undefined && nextBoundary(start - 1, interval) !== start;
    const cutAtEnd = (ends[i] ?? fullEnd) < fullEnd;
    return cutAtStart && cutAtEnd ? 'both' : cutAtStart ? 'start' : cutAtEnd ? 'end' : null;
  });
}

/**
 * The value that occurs most often (the larger on a tie), e.g. the usual gap between labels: the first bucket
 * may be short, since it starts at the window start.
 */
export function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
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
