// The data exports of the chart panel: CSV for spreadsheets and JSON for scripts (which also carries the query
// and when it was fetched). Each bucket's start and end are given in the user's zone as ISO 8601 with the
// offset, and in UTC milliseconds; the zone's name is in the header (CSV) or a field (JSON), and each export
// says whose buckets they are (the user's local days, or the API's UTC ones) and which the window cuts short. The
// billing-period chart's exports add the running total, and the projection to the reset, marked as one.

import type { BillingPeriodFigures } from './billingPeriod';
import type { PanelQuery } from './query/panelQuery';
import { bucketTotal, type ChartData } from './chartData';
import type { PartialBucket } from './calendar/localBuckets';
import { ZonedCalendar } from './calendar/timeZone';

/** Quotes a CSV field when needed, and defuses text that a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * Excel reads a CSV file without a byte order mark in the system's legacy code page, so "Ünïcødé" or "日本語"
 * voice names would come out garbled; with it, Excel and every other reader take UTF-8.
 */
const UTF8_BOM = '\ufeff';

/**
 * The exports' words stay English whatever the display language: their column names and bucket kinds are read by
 * scripts and formulas, which must not break when the same chart is exported from another language. So the note
 * on gaps is chartData's missingValuesNote in English, not the translated one the chart and the table show.
 */
function missingValuesNote(count: number): string {
  return `${count} ${count === 1 ? 'value' : 'values'} ElevenLabs sent without a number left out`;
}

/** The billing-period CSV's column of credits used since the period began. */
export const RUNNING_TOTAL = 'running_total';
/** The bucket column of the billing-period CSV's last row. */
export const PROJECTION_ROW = 'projection at this pace to the reset, not usage';

/** "local day", "local day, cut at the start", "UTC day", "3600-second bucket", "whole window". */
function bucketKind(data: ChartData, partial: PartialBucket): string {
  const { buckets } = data;
  const kind =
    buckets.kind === 'local'
      ? `local ${buckets.unit}`
      : buckets.bucketSeconds !== undefined
        ? `${buckets.bucketSeconds}-second bucket`
        : buckets.reason === 'whole'
          ? 'whole window'
          : `UTC ${buckets.interval ?? 'day'}`;
  const cut = partial === 'both' ? ', cut at both ends' : partial ? `, cut at the ${partial}` : '';
  return `${kind}${cut}`;
}

/**
 * One row per time bucket: its start and end in the user's zone (ISO 8601 with offset) and in UTC milliseconds,
 * what kind of bucket it is, one column per series, then the bucket's total. The headers name the zone. Starts
 * with a byte order mark.
 */
export function toCsv(data: ChartData): string {
  const calendar = ZonedCalendar.for(data.timeZone);
  const combined = data.combine === 'sum' ? 'Total' : data.combine === 'mean' ? 'Mean' : 'Peak';
  // Empty cells are gaps, not zeros: a spreadsheet shows the header, so it says how many there are.
  const totalLabel = data.missingValues > 0 ? `${combined} (${missingValuesNote(data.missingValues)}: empty cells)` : combined;
  const figures = data.billingPeriod;
  const header = [
    `start (${data.timeZone})`,
    `end (${data.timeZone})`,
    'start_unix_ms',
    'end_unix_ms',
    'bucket',
    ...data.series.map((s) => s.name),
    totalLabel,
    ...(figures ? [RUNNING_TOTAL] : []),
  ]
    .map(csvField)
    .join(',');
  const rows = data.time.map((t, i) => {
    const end = data.ends[i]!;
    const cells = [calendar.isoWithOffset(t), calendar.isoWithOffset(end), String(t), String(end), csvField(bucketKind(data, data.partial[i] ?? null))];
    const running = figures ? [csvNumber(figures.runningTotal[i] ?? null)] : [];
    return [...cells, ...data.series.map((s) => csvNumber(s.values[i] ?? null)), csvNumber(bucketTotal(data, i)), ...running].join(',');
  });
  if (figures?.projection) {
    // From now to the reset: where the running total gets at this pace. Not usage, and the row says so.
    const { nowMs, resetMs } = figures;
    const cells = [calendar.isoWithOffset(nowMs), calendar.isoWithOffset(resetMs), String(nowMs), String(resetMs), csvField(PROJECTION_ROW)];
    rows.push([...cells, ...data.series.map(() => ''), '', String(Math.round(figures.projection.creditsAtReset))].join(','));
  }
  return UTF8_BOM + [header, ...rows].join('\r\n') + '\r\n';
}

export function toJson(data: ChartData, query: PanelQuery, fetchedAtMs: number): string {
  const calendar = ZonedCalendar.for(data.timeZone);
  return `${JSON.stringify(
    {
      query,
      fetchedAt: new Date(fetchedAtMs).toISOString(),
      metric: data.metric,
      unit: data.unit,
      timeZone: data.timeZone,
      buckets: data.buckets,
      time: data.time,
      end: data.ends,
      startLocal: data.time.map((t) => calendar.isoWithOffset(t)),
      endLocal: data.ends.map((t) => calendar.isoWithOffset(t)),
      partial: data.partial,
      series: data.series.map((s) => ({ name: s.name, ...(s.sentAs !== undefined ? { sentAs: s.sentAs } : {}), total: s.total, values: s.values })),
      filledBuckets: data.filledBuckets,
      missingValues: data.missingValues,
      ...(data.missingValues > 0 ? { missingValuesNote: `${missingValuesNote(data.missingValues)}: null in values, not counted in totals` } : {}),
      foldedSeries: data.foldedSeries,
      ...(data.billingPeriod ? { billingPeriod: billingPeriodJson(data.billingPeriod, calendar) } : {}),
      ...(data.notes && data.notes.length > 0 ? { notes: data.notes } : {}),
    },
    null,
    2,
  )}\n`;
}

/** The billing period's figures for the JSON export: instants in both forms, the projection marked as one. */
function billingPeriodJson(figures: BillingPeriodFigures, calendar: ZonedCalendar): Record<string, unknown> {
  const { projection } = figures;
  return {
    start: figures.startMs,
    startLocal: calendar.isoWithOffset(figures.startMs),
    reset: figures.resetMs,
    resetLocal: calendar.isoWithOffset(figures.resetMs),
    now: figures.nowMs,
    nowLocal: calendar.isoWithOffset(figures.nowMs),
    limit: figures.limit,
    used: figures.used,
    scope: figures.scope,
    runningTotal: figures.runningTotal,
    words: figures.words,
    projection: projection
      ? {
          note: 'A projection at this pace to the reset, not usage.',
          creditsAtReset: projection.creditsAtReset,
          fractionAtReset: projection.fractionAtReset,
          runsOut: projection.runsOutAtMs ?? null,
          runsOutLocal: projection.runsOutAtMs === undefined ? null : calendar.isoWithOffset(projection.runsOutAtMs),
          creditsPerDay: projection.creditsPerDay,
          basis: projection.basis,
          headline: projection.headline,
          pace: projection.pace,
        }
      : null,
  };
}
