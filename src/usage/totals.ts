import type { ElevenLabsClient, RequestOptions } from '../api/client';
import type { UsageSeries } from '../api/types';

/** Today's characters (the key owner's, one cumulative figure) in `today`: the status bar's, the key check's. */
export async function charactersIn(
  client: Pick<ElevenLabsClient, 'getCharacterStats'>,
  today: { readonly startUnix: number; readonly endUnix: number },
  options: RequestOptions = {},
): Promise<number> {
  return grandTotal(await client.getCharacterStats({ ...today, aggregationInterval: 'cumulative', metric: 'tts_characters' }, options));
}

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
