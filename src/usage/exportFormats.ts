// The data exports of the chart panel: CSV for spreadsheets and JSON for scripts (which also carries the query
// and when it was fetched). Each bucket's start is given in the user's zone as ISO 8601 with its offset, and in
// UTC milliseconds exactly as the API labels it; the zone's name is in the header (CSV) or a field (JSON).

import type { PanelQuery } from './panelQuery';
import { bucketTotal, type ChartData } from './chartData';
import { ZonedCalendar } from './timeZone';

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
 * One row per time bucket: its start in the user's zone (ISO 8601 with offset) and in UTC milliseconds, one
 * column per series, then the bucket's total. The first column's header names the zone. Starts with a BOM.
 */
export function toCsv(data: ChartData): string {
  const calendar = ZonedCalendar.for(data.timeZone);
  const totalLabel = data.combine === 'sum' ? 'Total' : data.combine === 'mean' ? 'Mean' : 'Peak';
  const header = [`start (${data.timeZone})`, 'start_unix_ms', ...data.series.map((s) => s.name), totalLabel].map(csvField).join(',');
  const rows = data.time.map((t, i) =>
    [calendar.isoWithOffset(t), String(t), ...data.series.map((s) => csvNumber(s.values[i] ?? null)), csvNumber(bucketTotal(data, i))].join(','),
  );
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
      time: data.time,
      timeLocal: data.time.map((t) => calendar.isoWithOffset(t)),
      series: data.series.map((s) => ({ name: s.name, total: s.total, values: s.values })),
      filledBuckets: data.filledBuckets,
      foldedSeries: data.foldedSeries,
    },
    null,
    2,
  )}\n`;
}
