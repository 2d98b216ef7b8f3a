// How a chart's query becomes requests. The service may refuse or time out on very large answers, so no request
// asks for more than MAX_BUCKETS_PER_REQUEST buckets: longer windows are cut into parts at bucket boundaries,
// fetched at most two at a time, and put back together only when every part has come (a chart is never drawn
// with a part missing).

import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../../api/client';
import { ElevenLabsError } from '../../api/errors';
import type { UsageQuery, UsageSeries } from '../../api/types';
import { bucketGrid } from '../calendar/buckets';

export const MAX_BUCKETS_PER_REQUEST = 10_000;
/** Requests in flight at once for one chart: enough to overlap, few enough to be polite. */
export const MAX_PARTS_IN_FLIGHT = 2;

/**
 * The requests for fine buckets of `fineMs` over the window, for summing into local periods. The fine grid is
 * the UTC multiples of `fineMs` (the zone's offsets are multiples of it, so its boundaries are local ones too);
 * a window that starts between two of them first gets one request for that stretch alone, as one figure.
 */
export function fineParts(base: UsageQuery, fineMs: number, maxBuckets = MAX_BUCKETS_PER_REQUEST): UsageQuery[] {
  const { startUnix, endUnix } = base;
  const { aggregationInterval: _interval, aggregationBucketSize: _size, ...rest } = base;
  const parts: UsageQuery[] = [];
  const aligned = Math.ceil(startUnix / fineMs) * fineMs;
  if (aligned > startUnix) {
    parts.push({ ...rest, startUnix, endUnix: Math.min(aligned - 1, endUnix), aggregationInterval: 'cumulative' });
  }
  for (let from = aligned; from <= endUnix; from += maxBuckets * fineMs) {
    parts.push({ ...rest, startUnix: from, endUnix: Math.min(from + maxBuckets * fineMs - 1, endUnix), aggregationBucketSize: fineMs / 1000 });
  }
  return parts;
}

/**
 * The requests for the API's own buckets: one, or several cut at the bucket grid's boundaries (each part's first
 * bucket then starts on a boundary, as it would in one answer). A grid that cannot be known (an interval this
 * version does not know, one too long to build) stays one request.
 */
export function apiParts(query: UsageQuery, maxBuckets = MAX_BUCKETS_PER_REQUEST): UsageQuery[] {
  const grid = query.aggregationInterval === 'cumulative' && query.aggregationBucketSize === undefined ? undefined : bucketGrid(query);
  if (!grid || grid.length <= maxBuckets) {
    return [query];
  }
  const parts: UsageQuery[] = [];
  for (let first = 0; first < grid.length; first += maxBuckets) {
    const next = grid[first + maxBuckets];
    parts.push({ ...query, startUnix: grid[first]!, endUnix: next === undefined ? query.endUnix : next - 1 });
  }
  return parts;
}

/**
 * Fetches every part, at most MAX_PARTS_IN_FLIGHT at a time, and gives the answers in the parts' order. The
 * first failure stops the rest (their requests are cancelled) and is what rejects: never a partial result.
 */
export async function fetchParts(
  client: Pick<ElevenLabsClient, 'getCharacterStats'>,
  parts: readonly UsageQuery[],
  signal: AbortSignal,
  onPartDone?: (done: number, total: number) => void,
): Promise<UsageSeries[]> {
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  if (signal.aborted) {
    stop.abort();
  }
  signal.addEventListener('abort', abort, { once: true });
  const answers = new Array<UsageSeries>(parts.length);
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < parts.length && failure === undefined && !stop.signal.aborted) {
      const index = next++;
      try {
        answers[index] = await client.getCharacterStats(parts[index]!, { signal: stop.signal });
        onPartDone?.(++done, parts.length);
      } catch (error) {
        // The first failure is the one to report; the cancellations it causes in the other worker are not.
        if (failure === undefined) {
          failure = error;
          stop.abort();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(MAX_PARTS_IN_FLIGHT, parts.length) }, worker));
  } finally {
    signal.removeEventListener('abort', abort);
  }
  // A cancel wins over the failures it caused; either way no answer with holes goes on.
  if (signal.aborted) {
    throw new ElevenLabsError('cancelled', l10n.t('The request was cancelled.'));
  }
  if (failure !== undefined) {
    throw failure;
  }
  return answers;
}
