// The billing-period chart's table: the days and their credits as for any chart, plus the running total since the
// period began, and a last row with where the quota stands at the reset at this pace, marked as a projection.

import type { BillingPeriodFigures } from '../../usage/billingPeriod';
import { formatExact, formatPercent } from '../../usage/numberFormat';
import type { TableModel } from './tableShape';

export const RUNNING_TOTAL_COLUMN = 'Running total';

const NO_DATA = '\u2013';

/** The table of any chart, with the running total beside each day and the projection after the last. */
export function withRunningTotal(model: TableModel, figures: BillingPeriodFigures, formatTime: (ms: number) => string): TableModel {
  const rows = model.rows.map((row, i) => ({ header: row.header, cells: [...row.cells, formatExact(figures.runningTotal[i] ?? 0)] }));
  const projection = figures.projection;
  if (projection) {
    rows.push({
      header: `At the reset, ${formatTime(figures.resetMs)}: a projection at this pace (${formatPercent(projection.fractionAtReset)} of the quota), not usage`,
      cells: [...model.columns.slice(1).map(() => NO_DATA), formatExact(Math.round(projection.creditsAtReset))],
    });
  }
  return {
    caption: `${model.caption}, with the running total since the period began${projection ? '; the last row is a projection' : ''}`,
    columns: [...model.columns, RUNNING_TOTAL_COLUMN],
    rows,
    // The running total's last day is the period's total, which the footer gives already: not said twice.
    footer: { header: model.footer.header, cells: [...model.footer.cells, ''] },
  };
}
