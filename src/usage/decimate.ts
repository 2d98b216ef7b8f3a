// Fewer points for a long line, with its shape kept: a line cannot show more points than the plot has pixel
// columns, so beyond a limit each group of buckets is drawn from its lowest and its highest value (peaks and
// dips stay where they were), and a group without any value leaves a gap. The table and the exports keep every
// bucket; only the chart's line is drawn from these.

/** A bucket to draw: its index, or a gap that starts at it (a whole group without data). */
export interface DecimatedPoint {
  readonly index: number;
  readonly gap: boolean;
}

/** How many buckets make one group when `length` buckets are drawn as at most `maxPoints` points. */
export function decimationGroupSize(length: number, maxPoints: number): number {
  return Math.ceil(length / Math.max(1, Math.floor(maxPoints / 2)));
}

/**
 * The buckets of `values` to draw, in time order: per group of `groupSize` buckets the one with the lowest and
 * the one with the highest value (once when they are the same bucket), or a gap where the group has no value.
 */
export function decimateMinMax(values: ReadonlyArray<number | null | undefined>, groupSize: number): DecimatedPoint[] {
  const points: DecimatedPoint[] = [];
  for (let first = 0; first < values.length; first += groupSize) {
    let low = -1;
    let high = -1;
    for (let i = first; i < Math.min(first + groupSize, values.length); i++) {
      const value = values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        continue;
      }
      if (low < 0 || value < (values[low] as number)) {
        low = i;
      }
      if (high < 0 || value > (values[high] as number)) {
        high = i;
      }
    }
    if (low < 0) {
      points.push({ index: first, gap: true });
    } else if (low === high) {
      points.push({ index: low, gap: false });
    } else {
      points.push({ index: Math.min(low, high), gap: false }, { index: Math.max(low, high), gap: false });
    }
  }
  return points;
}
