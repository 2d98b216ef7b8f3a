// What comparing accounts fixes in a query, as a kind of chart fixes its fields (usage/kinds/chartKind.ts): the
// toolbar shows the breakdown locked with the reason (usage/comparedAccounts.ts asks each account without one).

import * as l10n from '@vscode/l10n';
import type { FixedField } from '../kinds/chartKind';

/** The label in the display language: read when shown, as a constant is made before activation sets the language. */
export function compareLabel(): string {
  return l10n.t('Accounts compared');
}

export const COMPARE_FIXED: readonly FixedField[] = [
  {
    field: 'breakdownType',
    value: 'none',
    get why() {
      return l10n.t('each account is one series');
    },
  },
];
