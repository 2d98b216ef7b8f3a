import type { UsageSeries } from '../api/types';

/** The sum of every value of every series: a window's total for additive metrics. Gaps (null) add nothing. */
export function grandTotal(usage: UsageSeries): number {
  let sum = 0;
  for (const series of usage.series) {
    for (const value of series.values) {
      if (value !== null) {
        sum += value;
      }
    }
  }
  return sum;
}

/** How many values the answers left without a number (null): gaps, said so where the figures are shown. */
export function missingValues(answers: ReadonlyArray<Pick<UsageSeries, 'series'>>): number {
  let count = 0;
  for (const answer of answers) {
    for (const series of answer.series) {
      for (const value of series.values) {
        if (value === null) {
          count++;
        }
      }
    }
  }
  return count;
}
