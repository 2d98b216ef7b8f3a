// The one series of an answer without a breakdown. Character-stats names it "All" (its own key, not a word for
// people); the successor's rows, ungrouped, are given that name too. People read it in the display language.

import * as l10n from '@vscode/l10n';
import type { ChartData } from './chartData';
import type { PanelQuery } from './query/panelQuery';
import { UNGROUPED_SERIES } from '../api/types';

/** Whether the query asks for no breakdown: its answer is the one series, `UNGROUPED_SERIES`. */
export function isUngrouped(query: Pick<PanelQuery, 'source' | 'breakdownType' | 'groupBy'>): boolean {
  return query.source === 'analytics' ? (query.groupBy ?? []).length === 0 : query.breakdownType === 'none';
}

/** The chart with its ungrouped series named for people; any other series as they are. */
export function withUngroupedLabel(data: ChartData): ChartData {
  return data.series.length === 1 && data.series[0]!.name === UNGROUPED_SERIES
    ? { ...data, series: [{ ...data.series[0]!, name: l10n.t('All usage'), sentAs: UNGROUPED_SERIES }] }
    : data;
}
