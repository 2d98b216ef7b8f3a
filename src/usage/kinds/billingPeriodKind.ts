// "This billing period": the quota's credits since the period began, by the user's own days, as a running total
// against the limit. Its window cannot be resolved from the clock and the calendar alone: the period comes from
// the subscription (its reset and its length), which the host asks for when the query runs
// (src/status/billingPeriodChart.ts). Until then its window is the one it resolved to last, or this calendar
// month, which a monthly period overlaps.

import * as l10n from '@vscode/l10n';
import { billingPeriodWindow, presetWindow } from '../calendar/windows';
import type { PanelQuery } from '../query/panelQuery';
import { withFixedFields, type ChartKind, type FixedField } from './chartKind';

export const BILLING_PERIOD_PRESET = 'billingPeriod';
/** The label in the display language: read when shown, as a constant is made before activation sets the language. */
export function billingPeriodLabel(): string {
  return l10n.t('This billing period');
}

/** What the quota counts: the workspace's credits, by the user's own days, as one total. The reasons are getters. */
const FIXED: readonly FixedField[] = [
  { field: 'metric', value: 'credits', get why() { return l10n.t('it shows credits, which the quota counts'); } },
  { field: 'aggregationInterval', value: 'day', get why() { return l10n.t('it adds up your own days'); } },
  { field: 'aggregationBucketSize', value: undefined, get why() { return l10n.t('it adds up your own days'); } },
  { field: 'breakdownType', value: 'none', get why() { return l10n.t('it shows one running total, as the quota counts it'); } },
  { field: 'includeWorkspaceMetrics', value: true, get why() { return l10n.t('it counts the workspace’s credits, as the quota does'); } },
  { field: 'utcBuckets', value: false, get why() { return l10n.t('it adds up your own days'); } },
];

export const billingPeriodKind: ChartKind = {
  id: 'billingPeriod',
  presets: [BILLING_PERIOD_PRESET],
  takesCustomWindows: false,
  windowFromHost: true,
  presetLabel: () => billingPeriodLabel(),
  presetDescription: (_preset, window, dateRange) =>
    window
      ? l10n.t('{0}: credits against the quota, and where they lead by the reset', dateRange(window))
      : l10n.t('Credits since the period began, against the quota, and where they lead by the reset'),
  fixed: FIXED,
  title: () => l10n.t('ElevenLabs: {0}', billingPeriodLabel()),
  presetWindow: (_preset, nowMs, calendar, known) => (known ? billingPeriodWindow(known.startUnix, nowMs) : presetWindow('thisMonth', nowMs, calendar)),
  // The period's start comes with the subscription, when the query runs; until then it ends now.
  resolve: (query, nowMs) => asBillingPeriodQuery({ ...query, endUnix: Math.max(nowMs, query.startUnix + 1) }),
};

/** The query as the billing-period chart draws it, whatever fields it came with (its window is kept). */
export function asBillingPeriodQuery(query: PanelQuery): PanelQuery {
  return withFixedFields({ ...query, preset: BILLING_PERIOD_PRESET }, FIXED);
}
