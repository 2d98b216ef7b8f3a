// What comparing accounts fixes in a query, as a kind of chart fixes its fields (usage/kinds/chartKind.ts): the
// toolbar shows the breakdown locked with the reason (usage/comparedAccounts.ts asks each account without one).

import type { FixedField } from '../kinds/chartKind';

export const COMPARE_LABEL = 'Accounts compared';

export const COMPARE_FIXED: readonly FixedField[] = [{ field: 'breakdownType', value: 'none', why: 'each account is one series' }];
