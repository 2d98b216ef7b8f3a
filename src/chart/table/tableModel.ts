// The accessible table of the chart's data: one row per bucket (local time), one column per series and, with
// several, a column that combines them the way the metric combines; a footer row with each series' total. Pure: the
// webview turns it into DOM with textContent, tests read it directly.

import * as l10n from '@vscode/l10n';
import { bucketTotal, combine, missingValuesNote, type ChartData } from '../../usage/chartData';
import { formatExact } from '../../shared/locale/numberFormats';
import { labelWithUnit } from '../../usage/catalog';
import { withRunningTotal } from './billingPeriodTable';
import { bucketLabels } from '../bucketLabels';
import type { LocalUnit } from '../../usage/calendar/localBuckets';
import type { TableModel } from './tableShape';

export type { TableModel } from './tableShape';

const NO_DATA = '\u2013';

function cell(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? NO_DATA : formatExact(value);
}

/** The caption: what `label` counts, and the caption's words on the buckets (whose calendar and which zone). */
function bucketsInWords(data: ChartData, label: string): string {
  if (data.cumulative) {
    return l10n.t('{0}, whole window', label);
  }
  if (data.buckets.kind !== 'local') {
    return l10n.t('{0}, per bucket (the API buckets in UTC; times are in {1})', label, data.timeZone);
  }
  switch (data.buckets.unit) {
    case 'hour':
      return l10n.t('{0}, per hour in {1}', label, data.timeZone);
    case 'day':
      return l10n.t('{0}, per day in {1}', label, data.timeZone);
    case 'week':
      return l10n.t('{0}, per week in {1}', label, data.timeZone);
    case 'month':
      return l10n.t('{0}, per month in {1}', label, data.timeZone);
  }
}

/** The first column's header for local buckets: "Day (Asia/Kolkata)". */
function unitColumn(unit: LocalUnit, timeZone: string): string {
  switch (unit) {
    case 'hour':
      return l10n.t('Hour ({0})', timeZone);
    case 'day':
      return l10n.t('Day ({0})', timeZone);
    case 'week':
      return l10n.t('Week ({0})', timeZone);
    case 'month':
      return l10n.t('Month ({0})', timeZone);
  }
}

/**
 * Local periods are named as a calendar names them ("Mon 23 Nov 2026, from 07:01"); the API's buckets by their
 * start, which `formatTime` writes in the data's zone (the webview passes an Intl formatter for that zone).
 */
export function buildTableModel(data: ChartData, formatTime: (ms: number) => string): TableModel {
  const combined = data.combine === 'sum' ? l10n.t('Total') : data.combine === 'mean' ? l10n.t('Mean of series') : l10n.t('Peak of series');
  const footerHeader = data.combine === 'sum' ? l10n.t('Total') : data.combine === 'mean' ? l10n.t('Mean') : l10n.t('Peak');
  const names = data.series.map((s) => s.name);
  const { buckets } = data;
  const firstColumn = data.cumulative ? l10n.t('Window') : buckets.kind === 'local' ? unitColumn(buckets.unit, data.timeZone) : l10n.t('Bucket start ({0})', data.timeZone);
  // One series is its own total: a column combining it would repeat it ("All", then "Total" with the same figures).
  const combines = data.series.length !== 1;
  const columns = [firstColumn, ...names, ...(combines ? [combined] : [])];
  const described = bucketsInWords(data, labelWithUnit(data));
  // The sign an empty cell shows, quoted as the language quotes.
  const caption = data.missingValues > 0 ? l10n.t('{0} ({1}: “{2}”)', described, missingValuesNote(data.missingValues), NO_DATA) : described;
  const labels = buckets.kind === 'local' ? bucketLabels(data) : undefined;

  const rows = data.cumulative
    ? [
        {
          header: l10n.t('{0} – {1}', formatTime(data.startUnix), formatTime(data.endUnix)),
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
