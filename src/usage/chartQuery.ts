// One chart query: the panel's query resolved in the user's zone, sent to the API, and the answer shaped for
// the chart. A query whose answer no chart could show is refused before anything is sent.

import type { ElevenLabsClient } from '../api/client';
import { ElevenLabsError } from '../api/errors';
import { approximateBucketCount, MAX_GRID_LENGTH } from './buckets';
import { shapeUsage, type ChartData } from './chartData';
import { toUsageQuery, type PanelQuery } from './panelQuery';
import { ZonedCalendar } from './timeZone';

/** The query's data, shaped; rejects with an ElevenLabsError (kind invalidQuery when it is too large to draw). */
export async function fetchChartData(
  client: Pick<ElevenLabsClient, 'getCharacterStats'>,
  query: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
): Promise<ChartData> {
  const usageQuery = toUsageQuery(query, nowMs, ZonedCalendar.for(timeZone));
  const buckets = approximateBucketCount(usageQuery);
  if (buckets > MAX_GRID_LENGTH) {
    throw new ElevenLabsError(
      'invalidQuery',
      `This query makes about ${buckets.toLocaleString('en-US')} buckets; a chart shows at most ${MAX_GRID_LENGTH.toLocaleString('en-US')}. Choose larger buckets or a shorter window.`,
    );
  }
  const usage = await client.getCharacterStats(usageQuery, { signal });
  return shapeUsage(usage, usageQuery, timeZone);
}
