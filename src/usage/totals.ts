import type { UsageSeries } from '../api/types';

/** The sum of every value of every series: a window's total for additive metrics. */
export function grandTotal(usage: UsageSeries): number {
  let sum = 0;
  for (const series of usage.series) {
    for (const value of series.values) {
      sum += value;
    }
  }
  return sum;
}
