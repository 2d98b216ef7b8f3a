// What the analytics source fixes in a query, as a kind of chart fixes its fields (usage/kinds/chartKind.ts): the
// toolbar shows these controls locked with the reason, and a query read from it keeps them.

import type { FixedField } from '../kinds/chartKind';

export const ANALYTICS_LABEL = 'Workspace credits (analytics)';

export const ANALYTICS_FIXED: readonly FixedField[] = [
  { field: 'metric', value: 'credits', why: 'it reports credits only' },
  { field: 'breakdownType', value: 'none', why: 'it groups by its own columns (the groupBy argument)' },
  { field: 'includeWorkspaceMetrics', value: true, why: 'it reports the whole workspace' },
  { field: 'utcBuckets', value: false, why: 'the service makes its buckets in your own days and hours' },
];
