// A usage question in the chart panel's terms (PanelQuery), read from untrusted input (the webview, stored
// state, globalState), and turned into the API's UsageQuery. Presets resolve in the user's zone each time a query
// runs, so "Today" stays today. The billing-period preset is resolved by the host from the subscription (its
// window here is the one it resolved to last).

import type { UsageQuery } from '../../api/types';
import type { ZonedCalendar } from '../calendar/timeZone';
import { BILLING_PERIOD_PRESET, isChartPreset, isWindowPreset, presetWindow, type ChartPreset } from '../calendar/windows';
import { isRecord } from '../../shared/isRecord';

export const DEFAULT_METRIC = 'credits';
export const DEFAULT_BREAKDOWN = 'none';

/** A usage question in the panel's terms. A preset window is recomputed each time the query runs. */
export interface PanelQuery {
  readonly preset?: ChartPreset;
  /** The window (UTC ms). For a preset, the one it resolved to last. */
  readonly startUnix: number;
  readonly endUnix: number;
  readonly aggregationInterval?: string;
  readonly aggregationBucketSize?: number;
  readonly breakdownType: string;
  readonly metric: string;
  readonly includeWorkspaceMetrics: boolean;
  /**
   * The API's own UTC buckets instead of the user's local hours, days, weeks and months. Left out, the setting
   * elevenlabsUsage.chart.buckets decides when the query runs.
   */
  readonly utcBuckets?: boolean;
}

const ENUM_TEXT = /^[a-z0-9_]{1,64}$/;


function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 8.64e15;
}

/** A PanelQuery from untrusted input, or undefined. Enum texts are open but must look like enum values. */
export function parsePanelQuery(value: unknown): PanelQuery | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { preset, startUnix, endUnix, aggregationInterval, aggregationBucketSize, breakdownType, metric, includeWorkspaceMetrics, utcBuckets } = value;
  if (preset !== undefined && !isChartPreset(preset)) {
    return undefined;
  }
  if (!isTimestamp(startUnix) || !isTimestamp(endUnix)) {
    return undefined;
  }
  if (aggregationInterval !== undefined && !(typeof aggregationInterval === 'string' && ENUM_TEXT.test(aggregationInterval))) {
    return undefined;
  }
  if (
    aggregationBucketSize !== undefined &&
    !(typeof aggregationBucketSize === 'number' && Number.isInteger(aggregationBucketSize) && aggregationBucketSize > 0)
  ) {
    return undefined;
  }
  if (typeof breakdownType !== 'string' || !ENUM_TEXT.test(breakdownType) || typeof metric !== 'string' || !ENUM_TEXT.test(metric)) {
    return undefined;
  }
  if (typeof includeWorkspaceMetrics !== 'boolean' || (utcBuckets !== undefined && typeof utcBuckets !== 'boolean')) {
    return undefined;
  }
  return {
    ...(preset !== undefined ? { preset } : {}),
    startUnix,
    endUnix,
    ...(aggregationInterval !== undefined ? { aggregationInterval } : {}),
    ...(aggregationBucketSize !== undefined ? { aggregationBucketSize } : {}),
    breakdownType,
    metric,
    includeWorkspaceMetrics,
    ...(utcBuckets !== undefined ? { utcBuckets } : {}),
  };
}

/**
 * The billing-period chart shows what the quota counts: the workspace's credits, by the user's own days, with no
 * breakdown (its window is the period's, resolved from the subscription when the query runs).
 */
export function asBillingPeriodQuery(query: PanelQuery): PanelQuery {
  const { aggregationBucketSize: _size, ...rest } = query;
  return {
    ...rest,
    preset: BILLING_PERIOD_PRESET,
    aggregationInterval: 'day',
    breakdownType: 'none',
    metric: 'credits',
    includeWorkspaceMetrics: true,
    utcBuckets: false,
  };
}

/** The API query for a panel query at `nowMs`: presets are resolved again, so "Today" stays today. */
export function toUsageQuery(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): UsageQuery {
  const window = isWindowPreset(query.preset) ? presetWindow(query.preset, nowMs, calendar) : { startUnix: query.startUnix, endUnix: query.endUnix };
  return {
    ...window,
    includeWorkspaceMetrics: query.includeWorkspaceMetrics,
    breakdownType: query.breakdownType,
    ...(query.aggregationBucketSize !== undefined
      ? { aggregationBucketSize: query.aggregationBucketSize }
      : { aggregationInterval: query.aggregationInterval ?? 'day' }),
    metric: query.metric,
  };
}

/** The same query with its window moved to `nowMs` (for presets), as stored after a run. */
export function withResolvedWindow(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): PanelQuery {
  if (query.preset === BILLING_PERIOD_PRESET) {
    // The period's start comes with the subscription, when the query runs; until then it ends now.
    return asBillingPeriodQuery({ ...query, endUnix: Math.max(nowMs, query.startUnix + 1) });
  }
  if (!query.preset) {
    return query;
  }
  return { ...query, ...presetWindow(query.preset, nowMs, calendar) };
}
