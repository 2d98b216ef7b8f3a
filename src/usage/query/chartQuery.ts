// One chart query: the panel's query resolved in the user's zone, sent to the API in as many parts as its size
// needs, and the answers shaped for the chart. Counts by hour, day, week or month come in the user's own
// calendar (fine UTC buckets summed into local periods); averages and peaks, bucket sizes, whole-window figures
// and the user's choice of UTC buckets keep the API's buckets. A query whose answer no chart could show, or that
// would take more requests than is polite, is refused before anything is sent.

import { formatExact } from '../../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../../api/client';
import { ElevenLabsError } from '../../api/errors';
import { MAX_SERIES_PER_ANSWER } from '../../api/parse';
import type { UsageQuery, UsageSeries } from '../../api/types';
import { approximateBucketCount, MAX_GRID_LENGTH } from '../calendar/buckets';
import { metricInfo } from '../catalog';
import { shapeLocal, shapeUsage, type ChartData, type SparseSeries } from '../chartData';
import { fineBucketMs, isLocalUnit, LARGEST_FINE_BUCKET_MS, sumIntoLocalPeriods, type LocalUnit } from '../calendar/localBuckets';
import { toUsageQuery, type PanelQuery } from './panelQuery';
import { apiParts, fetchParts, fineParts } from './requestPlan';
import { ZonedCalendar } from '../calendar/timeZone';
import { missingValues } from '../totals';
import { withProductLabels } from '../productNames';

export interface ChartFetchOptions {
  /** The API's own UTC buckets even where local ones could be made (the user's choice). */
  readonly utcBuckets: boolean;
  /** Told as each part of a query of several parts arrives. */
  readonly onPartDone?: (done: number, total: number) => void;
}

/** A query of more buckets than a chart shows: the API's own, or fine ones of `fine.minutes` to add up into `fine.unit`s. */
function tooMany(count: number, fine?: { readonly minutes: number; readonly unit: LocalUnit }): ElevenLabsError {
  const about = formatExact(count);
  const most = formatExact(MAX_GRID_LENGTH);
  return new ElevenLabsError('invalidQuery', fine === undefined ? l10n.t('This query makes about {0} buckets; a chart shows at most {1}. Choose larger buckets or a shorter window.', about, most) : tooManyFine(about, fine.minutes, fine.unit, most));
}

function tooManyFine(about: string, minutes: number, unit: LocalUnit, most: string): string {
  switch (unit) {
    case 'hour':
      return l10n.t('This query makes about {0} {1}-minute buckets to add up into your hours; a chart shows at most {2}. Choose larger buckets or a shorter window.', about, minutes, most);
    case 'day':
      return l10n.t('This query makes about {0} {1}-minute buckets to add up into your days; a chart shows at most {2}. Choose larger buckets or a shorter window.', about, minutes, most);
    case 'week':
      return l10n.t('This query makes about {0} {1}-minute buckets to add up into your weeks; a chart shows at most {2}. Choose larger buckets or a shorter window.', about, minutes, most);
    case 'month':
      return l10n.t('This query makes about {0} {1}-minute buckets to add up into your months; a chart shows at most {2}. Choose larger buckets or a shorter window.', about, minutes, most);
  }
}

/** The local unit the query's buckets can be made in, or undefined when they stay the API's. */
function localUnitOf(query: UsageQuery, options: ChartFetchOptions): LocalUnit | undefined {
  const interval = query.aggregationInterval;
  return !options.utcBuckets && query.aggregationBucketSize === undefined && isLocalUnit(interval) && metricInfo(query.metric).combine === 'sum'
    ? interval
    : undefined;
}

/**
 * The most values the parts of one query may make once merged (a series a part lacks still gets a row as long as
 * the window): about 160 MB. A year of quarter hours by 570 voices; the chart folds more than a few dozen anyway.
 */
export const MAX_MERGED_VALUES = 20_000_000;

function tooManySeries(series: number, labels: number, limits: { readonly maxSeries: number; readonly maxValues: number }): ElevenLabsError {
  return new ElevenLabsError(
    'tooLarge',
    l10n.t(
      'ElevenLabs sent {0} or more series across the parts of this query, {1} buckets long, more than the extension reads ({2} series, {3} values), so it did not read the answer. Choose a breakdown with fewer series (or none), or a shorter window.',
      formatExact(series),
      formatExact(labels),
      formatExact(limits.maxSeries),
      formatExact(limits.maxValues),
    ),
  );
}

/**
 * The answers of several parts as one: labels in order, and for a series a part did not have, `absent` (0 for
 * counts, null for averages and peaks) at that part's labels. Linear in the values: each part's series are looked
 * up by name in a map, never searched.
 */
export function mergeAnswers(
  answers: readonly UsageSeries[],
  absent: number | null,
  limits: { readonly maxSeries: number; readonly maxValues: number } = { maxSeries: MAX_SERIES_PER_ANSWER, maxValues: MAX_MERGED_VALUES },
): SparseSeries {
  if (answers.length === 1) {
    return answers[0]!;
  }
  const time = answers.flatMap((a) => a.time);
  const merged = new Map<string, Array<number | null>>();
  let offset = 0;
  for (const answer of answers) {
    for (const { name, values } of answer.series) {
      let row = merged.get(name);
      if (!row) {
        if (merged.size >= limits.maxSeries || (merged.size + 1) * time.length > limits.maxValues) {
          // Each part is within its bounds, but their names together are not: refused before rows of the whole
          // window are made for them (20 parts of 5,000 new names each would be a billion values).
          throw tooManySeries(merged.size + 1, time.length, limits);
        }
        row = new Array<number | null>(time.length).fill(absent);
        merged.set(name, row);
      }
      for (let i = 0; i < values.length; i++) {
        row[offset + i] = values[i]!;
      }
    }
    offset += answer.time.length;
  }
  return { time, series: [...merged].map(([name, values]) => ({ name, values })) };
}

/** The query's data, shaped; rejects with an ElevenLabsError (kind invalidQuery when it is too large to draw). */
export async function fetchChartData(
  client: Pick<ElevenLabsClient, 'getCharacterStats'>,
  query: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
  options: ChartFetchOptions = { utcBuckets: false },
): Promise<ChartData> {
  const data = await fetchShapedData(client, query, nowMs, timeZone, signal, options);
  return query.breakdownType === 'product_type' ? withProductLabels(data) : data;
}

async function fetchShapedData(
  client: Pick<ElevenLabsClient, 'getCharacterStats'>,
  query: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
  options: ChartFetchOptions,
): Promise<ChartData> {
  const calendar = ZonedCalendar.for(timeZone);
  const usageQuery = toUsageQuery(query, nowMs, calendar);
  const unit = localUnitOf(usageQuery, options);
  if (unit) {
    const window = { startUnix: usageQuery.startUnix, endExclusive: usageQuery.endUnix + 1 };
    // Even in hour buckets (the largest fine size) too many: refused before the zone's offset changes are looked
    // for, a walk through every day of the window that would hold up the extension host for a window of centuries.
    const fewestFine = Math.ceil((window.endExclusive - window.startUnix) / LARGEST_FINE_BUCKET_MS);
    if (fewestFine > MAX_GRID_LENGTH) {
      throw tooMany(fewestFine, { minutes: LARGEST_FINE_BUCKET_MS / 60_000, unit });
    }
    const fineMs = fineBucketMs(calendar, window.startUnix, window.endExclusive);
    const fineCount = Math.ceil((window.endExclusive - window.startUnix) / fineMs);
    if (fineCount > MAX_GRID_LENGTH) {
      throw tooMany(fineCount, { minutes: fineMs / 60_000, unit });
    }
    const answers = await fetchParts(client, fineParts(usageQuery, fineMs), signal, options.onPartDone);
    return shapeLocal(sumIntoLocalPeriods(answers, window, unit, calendar), usageQuery, timeZone, unit);
  }
  const buckets = approximateBucketCount(usageQuery);
  if (buckets > MAX_GRID_LENGTH) {
    throw tooMany(buckets);
  }
  const answers = await fetchParts(client, apiParts(usageQuery), signal, options.onPartDone);
  const interval = usageQuery.aggregationInterval;
  const reason = options.utcBuckets ? 'asked' : isLocalUnit(interval) ? 'notAdditive' : interval === 'cumulative' ? 'whole' : 'unknown';
  const absent = metricInfo(usageQuery.metric).combine === 'sum' ? 0 : null;
  return shapeUsage(mergeAnswers(answers, absent), usageQuery, timeZone, reason, missingValues(answers));
}
