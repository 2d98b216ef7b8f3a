// The data exports of the chart panel: CSV for spreadsheets and JSON for scripts (which also carries the query
// and when it was fetched). Times are given in UTC ISO form and in milliseconds, exactly as the API labels them.

import type { PanelQuery } from '../protocol';
import { bucketTotal, type ChartData } from './chartData';

/** Quotes a CSV field when needed, and defuses text that a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

/** One row per time bucket: time (ISO UTC and ms), one column per series, then the bucket's total. */
export function toCsv(data: ChartData): string {
  const totalLabel = data.combine === 'sum' ? 'Total' : data.combine === 'mean' ? 'Mean' : 'Peak';
  const header = ['time_utc', 'time_unix_ms', ...data.series.map((s) => s.name), totalLabel].map(csvField).join(',');
  const rows = data.time.map((t, i) =>
    [new Date(t).toISOString(), String(t), ...data.series.map((s) => csvNumber(s.values[i] ?? null)), csvNumber(bucketTotal(data, i))].join(','),
  );
  return [header, ...rows].join('\r\n') + '\r\n';
}

export function toJson(data: ChartData, query: PanelQuery, fetchedAtMs: number): string {
  return `${JSON.stringify(
    {
      query,
      fetchedAt: new Date(fetchedAtMs).toISOString(),
      metric: data.metric,
      unit: data.unit,
      time: data.time,
      series: data.series.map((s) => ({ name: s.name, total: s.total, values: s.values })),
      filledBuckets: data.filledBuckets,
      foldedSeries: data.foldedSeries,
    },
    null,
    2,
  )}\n`;
}
