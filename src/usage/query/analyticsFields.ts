// The fields a panel query has only for the successor endpoint (source "analytics"): the columns to group by and
// the filters, in the API's own shape. Read here from untrusted input (command arguments, the webview, stored
// state): a value that is not what the API takes is refused whole, never half-read.

import * as l10n from '@vscode/l10n';
import { FILTER_OPERATIONS, MAX_FILTERS, MAX_FILTER_VALUES, MAX_GROUP_BY, type ColumnFilter, type FilterValue } from '../../api/analytics/analyticsTypes';
import { isRecord } from '../../shared/isRecord';
import { humanize } from '../catalog';

/** Where a chart's figures come from: character-stats (deprecated), or its successor, the workspace analytics query. */
export const USAGE_SOURCES = ['characterStats', 'analytics'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];
export const DEFAULT_SOURCE: UsageSource = 'characterStats';

export function isUsageSource(value: unknown): value is UsageSource {
  return typeof value === 'string' && (USAGE_SOURCES as readonly string[]).includes(value);
}

/** A column's name as the API writes them ("product_type", "hashed_xi_api_key"). */
const COLUMN_TEXT = /^[a-z0-9_]{1,64}$/;
const MAX_VALUE_LENGTH = 1_000;

function isFilterValue(value: unknown): value is FilterValue {
  return value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH);
}

/** The columns to group by, or undefined when `value` is not a list of distinct column names (at most 17). */
export function parseGroupBy(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_GROUP_BY || !value.every((column) => typeof column === 'string' && COLUMN_TEXT.test(column))) {
    return undefined;
  }
  return new Set(value).size === value.length ? [...(value as string[])] : undefined;
}

/** The filters, or undefined when `value` is not a list of the API's `{ column, operation, values }` (at most 20). */
export function parseFilters(value: unknown): ColumnFilter[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_FILTERS) {
    return undefined;
  }
  const filters: ColumnFilter[] = [];
  for (const filter of value) {
    if (!isRecord(filter) || Object.keys(filter).some((key) => key !== 'column' && key !== 'operation' && key !== 'values')) {
      return undefined;
    }
    const { column, operation, values } = filter;
    if (typeof column !== 'string' || !COLUMN_TEXT.test(column) || typeof operation !== 'string' || !(FILTER_OPERATIONS as readonly string[]).includes(operation)) {
      return undefined;
    }
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_FILTER_VALUES || !values.every(isFilterValue)) {
      return undefined;
    }
    filters.push({ column, operation: operation as ColumnFilter['operation'], values: [...values] });
  }
  return filters;
}

/** How the chart names a grouped column; one this version does not know is its name made readable. Getters: see catalog.ts. */
const COLUMN_LABELS: Readonly<Record<string, string>> = {
  get product_type() { return l10n.t('Product'); },
  get model() { return l10n.t('Model'); },
  get voice_id() { return l10n.t('Voice'); },
  get user_id() { return l10n.t('User'); },
  get hashed_xi_api_key() { return l10n.t('API key'); },
  get request_source() { return l10n.t('Request source'); },
  get billing_group_id() { return l10n.t('Billing group'); },
  get reporting_workspace_id() { return l10n.t('Workspace'); },
  get fiat_currency() { return l10n.t('Currency'); },
};

export function analyticsColumnLabel(column: string): string {
  return Object.hasOwn(COLUMN_LABELS, column) ? COLUMN_LABELS[column]! : humanize(column);
}
