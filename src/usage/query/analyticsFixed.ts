// What the analytics source fixes in a query, as a kind of chart fixes its fields (usage/kinds/chartKind.ts): the
// toolbar shows these controls locked with the reason, and a query read from it keeps them.

import * as l10n from '@vscode/l10n';
import type { FixedField } from '../kinds/chartKind';

/** The label in the display language: read when shown, as a constant is made before activation sets the language. */
export function analyticsLabel(): string {
  return l10n.t('Workspace credits (analytics)');
}

/** The reasons are getters, so that each read gives them in the display language. */
export const ANALYTICS_FIXED: readonly FixedField[] = [
  { field: 'metric', value: 'credits', get why() { return l10n.t('it reports credits only'); } },
  { field: 'breakdownType', value: 'none', get why() { return l10n.t('it groups by its own columns (the groupBy argument)'); } },
  { field: 'includeWorkspaceMetrics', value: true, get why() { return l10n.t('it reports the whole workspace'); } },
  { field: 'utcBuckets', value: false, get why() { return l10n.t('the service makes its buckets in your own days and hours'); } },
];
