// One chart query from the successor endpoint (source "analytics"): the panel's query resolved in the user's zone
// and sent as one request whose buckets the service aligns to the user's own days or hours (time_zone), then
// shaped like character-stats' data, so that the chart, the table and the exports need nothing of their own.
// Weeks and months are local days added up here (the service's 7-day buckets count from 1970, a Thursday), and a
// whole-window figure is the sum of its days. It reports credits, for the whole workspace; a query for anything
// else is refused before anything is sent, saying where that figure comes from.

import { formatExact } from '../../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../../api/client';
import { ElevenLabsError, httpStatusWords, isElevenLabsError } from '../../api/errors';
import type { RequestOptions } from '../../api/client';
import type { AnalyticsQuery, AnalyticsSeries } from '../../api/analytics/analyticsTypes';
import { noGroupValue } from '../../api/analytics/analyticsParse';
import { MAX_GRID_LENGTH } from '../calendar/buckets';
import { metricInfo } from '../catalog';
import { otherSeriesName, shapeLocal, shapeUsage, type ChartData } from '../chartData';
import { isLocalUnit, sumIntoLocalPeriods } from '../calendar/localBuckets';
import { ZonedCalendar } from '../calendar/timeZone';
import { grandTotal } from '../totals';
import { toUsageQuery, type PanelQuery } from './panelQuery';
import { UNGROUPED_SERIES, type UsageQuery } from '../../api/types';

/** The one figure the successor reports. */
export const ANALYTICS_METRIC = 'credits';

const HOUR_S = 3_600;
const DAY_S = 86_400;

/** Why a query cannot come from the analytics source, or undefined when it can. */
export function analyticsRefusal(query: Pick<PanelQuery, 'metric' | 'includeWorkspaceMetrics' | 'breakdownType'>): string | undefined {
  if (query.metric !== ANALYTICS_METRIC) {
    return l10n.t('Workspace credits (analytics) reports credits only; {0} come from character stats. Choose the Character stats source for them.', metricInfo(query.metric).label);
  }
  if (!query.includeWorkspaceMetrics) {
    return l10n.t('Workspace credits (analytics) reports the whole workspace. To see one API key’s credits, filter on hashed_xi_api_key.');
  }
  if (query.breakdownType !== 'none') {
    return l10n.t('Workspace credits (analytics) groups by its own columns: use groupBy (e.g. ["model"]) rather than a breakdown.');
  }
  return undefined;
}

/** The request a panel query makes of the successor, and the window it covers (UTC ms, end exclusive). */
export function toAnalyticsQuery(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): AnalyticsQuery {
  return analyticsRequestOf(query, toUsageQuery(query, nowMs, calendar), calendar);
}

/** The successor's request for a panel query already resolved to `usage` (its window and buckets). */
function analyticsRequestOf(query: PanelQuery, usage: UsageQuery, calendar: ZonedCalendar): AnalyticsQuery {
  const interval = usage.aggregationInterval;
  const intervalSeconds = usage.aggregationBucketSize ?? (interval === 'hour' ? HOUR_S : DAY_S);
  return {
    startMs: usage.startUnix,
    endMs: usage.endUnix + 1,
    intervalSeconds,
    timeZone: calendar.zone,
    ...(query.groupBy && query.groupBy.length > 0 ? { groupBy: query.groupBy } : {}),
    ...(query.filters && query.filters.length > 0 ? { filters: query.filters } : {}),
  };
}

/** The chart data of an analytics query (its window resolved in `timeZone`). Rejects with the client's errors. */
export async function fetchAnalyticsChartData(
  client: Pick<ElevenLabsClient, 'queryUsageOverTime'>,
  query: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
): Promise<ChartData> {
  const refusal = analyticsRefusal(query);
  if (refusal) {
    throw new ElevenLabsError('invalidQuery', refusal);
  }
  const calendar = ZonedCalendar.for(timeZone);
  const usageQuery = toUsageQuery(query, nowMs, calendar);
  const interval = usageQuery.aggregationInterval;
  if (usageQuery.aggregationBucketSize === undefined && !isLocalUnit(interval) && interval !== 'cumulative') {
    throw new ElevenLabsError('invalidQuery', l10n.t('Workspace credits (analytics) has no "{0}" buckets: choose hour, day, week, month or cumulative, or a bucket size.', String(interval)));
  }
  const request = analyticsRequestOf(query, usageQuery, calendar);
  const buckets = Math.ceil((request.endMs - request.startMs) / (request.intervalSeconds * 1000));
  if (buckets > MAX_GRID_LENGTH) {
    throw new ElevenLabsError(
      'invalidQuery',
      l10n.t('This query makes about {0} buckets; a chart shows at most {1}. Choose larger buckets or a shorter window.', formatExact(buckets), formatExact(MAX_GRID_LENGTH)),
    );
  }
  const sent = await client.queryUsageOverTime(request, wallClockReader(calendar), { signal });
  // A quiet window has no rows at all; without a grouping it is still the one series, at 0, as character-stats sends it.
  const answer = sent.series.length === 0 && !request.groupBy ? { ...sent, series: [{ name: UNGROUPED_SERIES, values: sent.time.map(() => 0) }] } : sent;
  const window = { startUnix: request.startMs, endExclusive: request.endMs };
  if (usageQuery.aggregationBucketSize !== undefined) {
    return shapeUsage(answer, usageQuery, timeZone, 'size', answer.missingValues);
  }
  if (interval === 'cumulative') {
    return shapeUsage(wholeWindow(answer, request.startMs), usageQuery, timeZone, 'whole', answer.missingValues);
  }
  const unit = isLocalUnit(interval) ? interval : 'day';
  return shapeLocal(sumIntoLocalPeriods([answer], window, unit, calendar), usageQuery, timeZone, unit);
}

/** Every series' buckets added up into one figure for the window, labelled with its start. */
function wholeWindow(answer: AnalyticsSeries, startMs: number): AnalyticsSeries {
  return {
    ...answer,
    time: answer.time.length === 0 ? [] : [startMs],
    series: answer.series.map((s) => ({ name: s.name, values: [s.values.reduce<number>((sum, v) => sum + (v ?? 0), 0)] })),
  };
}

/**
 * The values of `column` a chart shows as its series, where its query grouped by that column alone (for the
 * picker to name them when the user filters on it); none otherwise. "Other" is not a value.
 */
export function valuesOnScreen(query: PanelQuery | undefined, data: ChartData | undefined, column: string): string[] {
  if (query?.source !== 'analytics' || query.groupBy?.length !== 1 || query.groupBy[0] !== column || !data) {
    return [];
  }
  const notValues = new Set([otherSeriesName(), otherSeriesName(data.foldedSeries), noGroupValue()]);
  return data.series.map((s) => s.name).filter((name) => !notValues.has(name));
}

/** How the client reads a time the answer writes without an offset: on the wall clock of the query's zone. */
function wallClockReader(calendar: ZonedCalendar): (wallClockMs: number) => number {
  return (wall) => calendar.instantOfWallClockAsUtc(wall);
}

/** An answer that says an endpoint is gone: HTTP 404 (FastAPI's answer for a route that no longer exists) or 410. */
export function isRetiredAnswer(error: unknown): error is ElevenLabsError {
  return isElevenLabsError(error) && (error.status === 404 || error.status === 410);
}

/**
 * What a character-stats chart says when the endpoint answers as retired: what it was, and where its credits are
 * now. Its other metrics came only from it; nothing is asked of the successor behind the user's back.
 */
export function retiredCharacterStatsError(error: ElevenLabsError, query: Pick<PanelQuery, 'metric'>): ElevenLabsError {
  const what =
    query.metric === ANALYTICS_METRIC
      ? l10n.t('Its successor has the workspace’s credits: run "ElevenLabs: Show Usage" and choose "Workspace credits (analytics)", or set elevenlabsUsage.source to "analytics".')
      : l10n.t('{0} came only from it; its successor has the workspace’s credits ("Workspace credits (analytics)" in "ElevenLabs: Show Usage").', metricInfo(query.metric).label);
  return new ElevenLabsError(error.kind, l10n.t('ElevenLabs no longer serves character stats: it answered as for a retired endpoint{0}. {1}', httpStatusWords(error), what), {
    ...(error.status !== undefined ? { status: error.status } : {}),
  });
}

/**
 * The workspace's credits in [startMs, endMs) from the successor, asked in day buckets of the user's zone: today's
 * for the status bar and the key check once character-stats is retired, the last 7 days' for the pace.
 */
export async function successorCredits(
  client: Pick<ElevenLabsClient, 'queryUsageOverTime'>,
  startMs: number,
  endMs: number,
  calendar: ZonedCalendar,
  options: RequestOptions = {},
): Promise<number> {
  return grandTotal(await client.queryUsageOverTime({ startMs, endMs, intervalSeconds: 86_400, timeZone: calendar.zone }, wallClockReader(calendar), options));
}
