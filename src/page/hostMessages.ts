// Host → webview messages, checked before use. The host is trusted, but a malformed message (a version skew
// after an update, a bug) should leave the panel as it was rather than throw halfway through a render.

import { parseCompiledChart } from '../chart/drawn/compiledChart';
import type { ChartDrawing, HostMessage } from './protocol';
import { parseBillingPeriod } from '../usage/billingPeriod';
import { parsePanelQuery } from '../usage/kinds/chartKinds';
import { MAX_NOTES, MAX_NOTE_LENGTH, type BucketDescription, type ChartData, type ChartSeries } from '../usage/chartData';
import { isLocalUnit, type PartialBucket } from '../usage/calendar/localBuckets';
import { MAX_GRID_LENGTH } from '../usage/calendar/buckets';
import { isValidTimeZone } from '../usage/calendar/timeZone';
import { isRecord } from '../shared/isRecord';

/** Series and buckets beyond these are refused (the host folds to ten series; grids stop at 200,000). */
const MAX_SERIES = 50;
/** The same limit the host refuses queries beyond (a larger answer could only come from a broken host). */
const MAX_BUCKETS = MAX_GRID_LENGTH;


/** A zone name this browser's Intl knows (formatting with an unknown one would throw mid-render). */
function isTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && isValidTimeZone(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function parseSeries(value: unknown, length: number): ChartSeries | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string' || !Array.isArray(value['values'])) {
    return undefined;
  }
  const values = value['values'] as unknown[];
  if (values.length !== length || !values.every((v) => v === null || isFiniteNumber(v))) {
    return undefined;
  }
  const total = value['total'];
  if (total !== null && !isFiniteNumber(total)) {
    return undefined;
  }
  return { name: value['name'], values: values as Array<number | null>, total };
}

function isPartial(value: unknown): value is PartialBucket {
  return value === null || value === 'start' || value === 'end' || value === 'both';
}

const API_BUCKET_REASONS = ['asked', 'notAdditive', 'size', 'whole', 'unknown'] as const;

/** How the buckets were made; an interval is an open enum value, so only its form is checked. */
function parseBuckets(value: unknown): BucketDescription | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  if (value['kind'] === 'local') {
    return isLocalUnit(value['unit']) ? { kind: 'local', unit: value['unit'] } : undefined;
  }
  const { kind, reason, interval, bucketSeconds } = value;
  if (kind !== 'api' || !(API_BUCKET_REASONS as readonly unknown[]).includes(reason)) {
    return undefined;
  }
  if (interval !== undefined && !(typeof interval === 'string' && /^[a-z0-9_]{1,64}$/.test(interval))) {
    return undefined;
  }
  if (bucketSeconds !== undefined && !(isFiniteNumber(bucketSeconds) && bucketSeconds > 0)) {
    return undefined;
  }
  return {
    kind: 'api',
    reason: reason as (typeof API_BUCKET_REASONS)[number],
    ...(interval !== undefined ? { interval } : {}),
    ...(bucketSeconds !== undefined ? { bucketSeconds } : {}),
  };
}

export function parseChartData(value: unknown): ChartData | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { time, ends, partial, buckets, series, metric, metricLabel, unit, combine, cumulative, filledBuckets, missingValues, foldedSeries, startUnix, endUnix, timeZone, billingPeriod, notes } = value;
  if (!Array.isArray(time) || time.length > MAX_BUCKETS || !time.every(isFiniteNumber)) {
    return undefined;
  }
  for (let i = 1; i < time.length; i++) {
    if ((time[i] as number) <= (time[i - 1] as number)) {
      return undefined;
    }
  }
  // Each bucket ends after it starts (the bars and the tooltip's "To" are drawn from these).
  if (!Array.isArray(ends) || ends.length !== time.length || !ends.every((end, i) => isFiniteNumber(end) && end > (time[i] as number))) {
    return undefined;
  }
  if (!Array.isArray(partial) || partial.length !== time.length || !partial.every(isPartial)) {
    return undefined;
  }
  const description = parseBuckets(buckets);
  if (!description) {
    return undefined;
  }
  if (!Array.isArray(series) || series.length > MAX_SERIES) {
    return undefined;
  }
  const parsedSeries = series.map((s) => parseSeries(s, time.length));
  if (parsedSeries.some((s) => s === undefined)) {
    return undefined;
  }
  if (typeof metric !== 'string' || typeof metricLabel !== 'string' || typeof unit !== 'string') {
    return undefined;
  }
  if (combine !== 'sum' && combine !== 'mean' && combine !== 'max') {
    return undefined;
  }
  if (typeof cumulative !== 'boolean' || !isFiniteNumber(filledBuckets) || !isFiniteNumber(missingValues) || !isFiniteNumber(foldedSeries)) {
    return undefined;
  }
  if (!isFiniteNumber(startUnix) || !isFiniteNumber(endUnix) || !isTimeZone(timeZone)) {
    return undefined;
  }
  // The billing period's figures, when sent, must be whole: a chart drawn from half of them would mislead.
  const figures = billingPeriod === undefined ? undefined : parseBillingPeriod(billingPeriod, time.length);
  if (billingPeriod !== undefined && !figures) {
    return undefined;
  }
  if (notes !== undefined && !(Array.isArray(notes) && notes.length <= MAX_NOTES && notes.every((n) => typeof n === 'string' && n.length <= MAX_NOTE_LENGTH))) {
    return undefined;
  }
  return {
    time: time as number[],
    ends: ends as number[],
    partial: partial as PartialBucket[],
    buckets: description,
    series: parsedSeries as ChartSeries[],
    metric,
    metricLabel,
    unit,
    combine,
    cumulative,
    filledBuckets,
    missingValues,
    foldedSeries,
    startUnix,
    endUnix,
    timeZone,
    ...(figures ? { billingPeriod: figures } : {}),
    ...(notes !== undefined ? { notes: notes as string[] } : {}),
  };
}

/** Rows a compiled chart's data set may have: a row per series and bucket, at most. */
const MAX_CHART_ROWS = MAX_SERIES * MAX_BUCKETS;

/** A chart drawing (a compiled chart, or why there is none), or undefined. */
function parseDrawing(value: unknown): ChartDrawing | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  if (typeof value['chartError'] === 'string' && value['chart'] === undefined) {
    return { chartError: value['chartError'] };
  }
  const chart = parseCompiledChart(value['chart'], MAX_CHART_ROWS);
  return chart ? { chart } : undefined;
}

/** A HostMessage from whatever arrived, or undefined. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isRecord(raw) || typeof raw['type'] !== 'string') {
    return undefined;
  }
  switch (raw['type']) {
    case 'loading': {
      const query = parsePanelQuery(raw['query']);
      const timeZone = raw['timeZone'];
      return query && isTimeZone(timeZone) ? { type: 'loading', query, timeZone } : undefined;
    }
    case 'show': {
      const query = parsePanelQuery(raw['query']);
      const data = parseChartData(raw['data']);
      const fetchedAtMs = raw['fetchedAtMs'];
      const drawing = raw['drawing'] === undefined ? undefined : parseDrawing(raw['drawing']);
      if (!query || !data || !isFiniteNumber(fetchedAtMs) || (raw['drawing'] !== undefined && !drawing)) {
        return undefined;
      }
      return { type: 'show', query, data, fetchedAtMs, ...(drawing ? { drawing } : {}) };
    }
    case 'chart': {
      const fetchedAtMs = raw['fetchedAtMs'];
      const drawing = parseDrawing(raw['drawing']);
      return isFiniteNumber(fetchedAtMs) && drawing ? { type: 'chart', fetchedAtMs, drawing } : undefined;
    }
    case 'error': {
      const query = parsePanelQuery(raw['query']);
      const { message, canRetry } = raw;
      return query && typeof message === 'string' && typeof canRetry === 'boolean' ? { type: 'error', query, message, canRetry } : undefined;
    }
    case 'exportDone': {
      const message = raw['message'];
      return typeof message === 'string' ? { type: 'exportDone', message } : undefined;
    }
    default:
      return undefined;
  }
}
