// A usage question in the chart panel's terms (PanelQuery), its shape read from untrusted input (the webview,
// stored state, globalState), and turned into the API's UsageQuery. Calendar presets resolve in the user's zone
// each time a query runs, so "Today" stays today; which presets exist, and how each kind of chart resolves its
// window, is the kinds' (src/usage/kinds), which check the preset on top of this shape.

import type { UsageQuery } from '../../api/types';
import type { ZonedCalendar } from '../calendar/timeZone';
import { isWindowPreset, presetWindow } from '../calendar/windows';
import { isRecord } from '../../shared/isRecord';
import type { ColumnFilter } from '../../api/analytics/analyticsTypes';
import { isUsageSource, parseFilters, parseGroupBy, type UsageSource } from './analyticsFields';
import { isAccountIdText } from '../../shared/accountIdText';

export const DEFAULT_METRIC = 'credits';
export const DEFAULT_BREAKDOWN = 'none';

/** A usage question in the panel's terms. A preset window is recomputed each time the query runs. */
export interface PanelQuery {
  /** A preset of one of the kinds of chart (src/usage/kinds/chartKinds.ts). */
  readonly preset?: string;
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
  /** Where the figures come from; left out, character-stats. */
  readonly source?: UsageSource;
  /** For the analytics source: the columns whose values name the series (its breakdown). */
  readonly groupBy?: readonly string[];
  /** For the analytics source: the API's filters, `{ column, operation, values }`. */
  readonly filters?: readonly ColumnFilter[];
  /**
   * Whose figures: the id of one of the user's accounts (status/accounts/accounts.ts). Set by the host when the
   * chart opens, and kept by it: a query the page sends back cannot change it.
   */
  readonly account?: string;
  /**
   * Accounts side by side: the ids of two or more of the user's accounts, one series each, same window and metric
   * (usage/comparedAccounts.ts). Set by the host like `account`, which it then leaves out.
   */
  readonly compare?: readonly string[];
}

/** The most accounts a chart compares: one series each, as many as a chart has series. */
export const MAX_COMPARED_ACCOUNTS = 10;

const ENUM_TEXT = /^[a-z0-9_]{1,64}$/;
/** A preset's name as the kinds write them ("last7Days", "billingPeriod"). */
const PRESET_TEXT = /^[A-Za-z0-9]{1,32}$/;

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 8.64e15;
}

/**
 * A PanelQuery's shape from untrusted input, or undefined. Enum texts are open but must look like enum values;
 * the preset is checked against the kinds by parsePanelQuery (src/usage/kinds/chartKinds.ts).
 */
export function parsePanelQueryShape(value: unknown): PanelQuery | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { preset, startUnix, endUnix, aggregationInterval, aggregationBucketSize, breakdownType, metric, includeWorkspaceMetrics, utcBuckets, source, account } = value;
  if (preset !== undefined && !(typeof preset === 'string' && PRESET_TEXT.test(preset))) {
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
  if ((source !== undefined && !isUsageSource(source)) || (account !== undefined && !isAccountIdText(account))) {
    return undefined;
  }
  const compare = value['compare'];
  if (compare !== undefined && !isComparedAccounts(compare)) {
    return undefined;
  }
  const groupBy = value['groupBy'] === undefined ? undefined : parseGroupBy(value['groupBy']);
  const filters = value['filters'] === undefined ? undefined : parseFilters(value['filters']);
  if ((value['groupBy'] !== undefined && !groupBy) || (value['filters'] !== undefined && !filters)) {
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
    ...(source !== undefined ? { source } : {}),
    ...(groupBy !== undefined ? { groupBy } : {}),
    ...(filters !== undefined ? { filters } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(compare !== undefined ? { compare: [...compare] } : {}),
  };
}

/** Two to ten different account ids. */
function isComparedAccounts(value: unknown): value is readonly string[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.length <= MAX_COMPARED_ACCOUNTS &&
    value.every(isAccountIdText) &&
    new Set(value).size === value.length
  );
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
