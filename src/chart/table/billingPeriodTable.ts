// The billing-period chart's table: the days and their credits as for any chart, plus the running total since the
// period began, and a last row with where the quota stands at the reset at this pace, marked as a projection.

import * as l10n from '@vscode/l10n';
import type { BillingPeriodFigures } from '../../usage/billingPeriod';
import { formatExact, formatPercent } from '../../shared/locale/numberFormats';
import type { TableModel } from './tableShape';

const NO_DATA = '\u2013';

/** The table of any chart, with the running total beside each day and the projection after the last. */
export function withRunningTotal(model: TableModel, figures: BillingPeriodFigures, formatTime: (ms: number) => string): TableModel {
  const rows = model.rows.map((row, i) => ({ header: row.header, cells: [...row.cells, formatExact(figures.runningTotal[i] ?? 0)] }));
  const projection = figures.projection;
  if (projection) {
    rows.push({
      header: l10n.t('At the reset, {0}: a projection at this pace ({1} of the quota), not usage', formatTime(figures.resetMs), formatPercent(projection.fractionAtReset)),
      cells: [...model.columns.slice(1).map(() => NO_DATA), formatExact(Math.round(projection.creditsAtReset))],
    });
  }
  return {
    caption: projection
      ? l10n.t('{0}, with the running total since the period began; the last row is a projection', model.caption)
      : l10n.t('{0}, with the running total since the period began', model.caption),
    // Translated at each call: the display language is set after this module loads.
    columns: [...model.columns, l10n.t('Running total')],
    rows,
    // The running total's last day is the period's total, which the footer gives already: not said twice.
    footer: { header: model.footer.header, cells: [...model.footer.cells, ''] },
  };
}
