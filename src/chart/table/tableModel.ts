// The accessible table of the chart's data: one row per bucket (local time), one column per series and, with
// several, a column that combines them the way the metric combines; a footer row with each series' total. Pure: the
// webview turns it into DOM with textContent, tests read it directly.

import { bucketTotal, combine, missingValuesNote, type ChartData } from '../../usage/chartData';
import { formatExact } from '../../usage/numberFormat';
import { labelWithUnit } from '../../usage/catalog';
import { withRunningTotal } from './billingPeriodTable';
import { bucketLabels } from '../bucketLabels';
import { capitalize } from '../../shared/capitalize';
import type { TableModel } from './tableShape';

export type { TableModel } from './tableShape';

const NO_DATA = '\u2013';

function cell(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? NO_DATA : formatExact(value);
}

/** The caption's words on the buckets: whose calendar and which zone. */
function bucketsInWords(data: ChartData): string {
  if (data.cumulative) {
    return ', whole window';
  }
  return data.buckets.kind === 'local'
    ? `, per ${data.buckets.unit} in ${data.timeZone}`
    : `, per bucket (the API buckets in UTC; times are in ${data.timeZone})`;
}

/**
 * Local periods are named as a calendar names them ("Mon 23 Nov 2026, from 07:01"); the API's buckets by their
 * start, which `formatTime` writes in the data's zone (the webview passes an Intl formatter for that zone).
 */
export function buildTableModel(data: ChartData, formatTime: (ms: number) => string): TableModel {
  const combined = data.combine === 'sum' ? 'Total' : data.combine === 'mean' ? 'Mean of series' : 'Peak of series';
  const footerHeader = data.combine === 'sum' ? 'Total' : data.combine === 'mean' ? 'Mean' : 'Peak';
  const names = data.series.map((s) => s.name);
  const { buckets } = data;
  const firstColumn = data.cumulative ? 'Window' : buckets.kind === 'local' ? `${capitalize(buckets.unit)} (${data.timeZone})` : `Bucket start (${data.timeZone})`;
  // One series is its own total: a column combining it would repeat it ("All", then "Total" with the same figures).
  const combines = data.series.length !== 1;
  const columns = [firstColumn, ...names, ...(combines ? [combined] : [])];
  const gaps = data.missingValues > 0 ? ` (${missingValuesNote(data.missingValues)}: \u201c${NO_DATA}\u201d)` : '';
  const caption = `${labelWithUnit(data)}${bucketsInWords(data)}${gaps}`;
  const labels = buckets.kind === 'local' ? bucketLabels(data) : undefined;

  const rows = data.cumulative
    ? [
        {
          header: `${formatTime(data.startUnix)} \u2013 ${formatTime(data.endUnix)}`,
          cells: [...data.series.map((s) => cell(s.total)), ...(combines ? [cell(combine(data.series.map((s) => s.total), data.combine))] : [])],
        },
      ]
    : data.time.map((t, i) => ({
        header: labels ? labels[i]!.full : formatTime(t),
        cells: [...data.series.map((s) => cell(s.values[i])), ...(combines ? [cell(bucketTotal(data, i))] : [])],
      }));

  const bucketTotals = data.time.map((_, i) => bucketTotal(data, i));
  const grand = data.cumulative ? combine(data.series.map((s) => s.total), data.combine) : combine(bucketTotals, data.combine);
  const footer = { header: footerHeader, cells: [...data.series.map((s) => cell(s.total)), ...(combines ? [cell(grand)] : [])] };
  const model = { caption, columns, rows, footer };
  return data.billingPeriod ? withRunningTotal(model, data.billingPeriod, formatTime) : model;
}
