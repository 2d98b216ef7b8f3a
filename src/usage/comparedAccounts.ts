// Accounts side by side: the same question (window, aggregation, metric) asked of each account with its own key
// and host, one after the other, and their answers made into one chart with a series per account. An account that
// does not answer (no key, a refused key, a failing host) leaves the others' figures on screen and is named in the
// chart's notes; only when none answers does the chart fail. Pure: each account's fetch is given.

import * as l10n from '@vscode/l10n';
import { describeFailure, ElevenLabsError, isElevenLabsError } from '../api/errors';
import { bucketTotal, combine, MAX_NOTE_LENGTH, type ChartData, type ChartSeries } from './chartData';
import { withFixedFields } from './kinds/chartKind';
import { chartKindOf } from './kinds/chartKinds';
import { COMPARE_FIXED } from './query/compareFixed';
import type { PanelQuery } from './query/panelQuery';
import { plural } from '../shared/locale/plural';

export interface ComparedAccount {
  readonly id: string;
  readonly name: string;
}

/** One account's answer, or what it failed with. */
export type AccountAnswer = { readonly name: string; readonly data: ChartData } | { readonly name: string; readonly error: unknown };

/** The question as one account is asked it: its id, no breakdown or grouping (its series is the account's). */
export function oneAccountQuery(query: PanelQuery, accountId: string): PanelQuery {
  const { compare: _compare, groupBy: _groupBy, account: _account, ...rest } = query;
  return withFixedFields({ ...rest, account: accountId }, COMPARE_FIXED);
}

/**
 * Asks each account in turn (one request at a time, whatever the count) and makes one chart of the answers.
 * Rejects when the run is cancelled, when the query's kind is one account's alone (the billing period is a
 * quota's), or when no account answered (with each one's reason).
 */
export async function fetchComparedAccounts(
  query: PanelQuery,
  accounts: readonly ComparedAccount[],
  fetchOne: (query: PanelQuery) => Promise<ChartData>,
  signal: AbortSignal,
  onAccountDone?: (done: number, total: number) => void,
): Promise<ChartData> {
  if (chartKindOf(query).fixed.length > 0) {
    throw new ElevenLabsError('invalidQuery', l10n.t('This chart is one account’s quota and cannot compare accounts. Run "ElevenLabs: Show Usage" and choose one account for it.'));
  }
  const answers: AccountAnswer[] = [];
  for (const account of accounts) {
    if (signal.aborted) {
      // Cancelled (or replaced) between two accounts: the next is not asked.
      throw new ElevenLabsError('cancelled', l10n.t('The query was cancelled.'));
    }
    try {
      answers.push({ name: account.name, data: await fetchOne(oneAccountQuery(query, account.id)) });
    } catch (error) {
      if (signal.aborted || (isElevenLabsError(error) && error.kind === 'cancelled')) {
        throw error;
      }
      answers.push({ name: account.name, error });
    }
    onAccountDone?.(answers.length, accounts.length);
  }
  return mergeAccountCharts(answers);
}

/** The answers as one chart: a series per account that answered, in the accounts' order; the others in the notes. */
export function mergeAccountCharts(answers: readonly AccountAnswer[]): ChartData {
  const answered = answers.filter((a): a is Extract<AccountAnswer, { data: ChartData }> => 'data' in a);
  const failed = answers.filter((a): a is Extract<AccountAnswer, { error: unknown }> => 'error' in a).map((f) => ({ name: f.name, reason: describeFailure(f.error, l10n.t('the query failed unexpectedly.')) }));
  const base = answered[0]?.data;
  if (!base) {
    // As the first account's failure (a refused key, a failing host: Retry means something), with every reason.
    const first = answers.find((a): a is Extract<AccountAnswer, { error: unknown }> => 'error' in a)?.error;
    throw new ElevenLabsError(isElevenLabsError(first) ? first.kind : 'server', l10n.t('No account answered. {0}', failed.map((f) => l10n.t('{0}: {1}', f.name, f.reason)).join(' ')));
  }
  const notes = failed.map((f) => noteOf(l10n.t('No figures from {0}: {1}', f.name, f.reason)));
  const starts = new Set(base.time);
  const series: ChartSeries[] = answered.map(({ name, data }) => {
    const own = accountValues(data);
    const values = onGrid(base.time, data, own);
    const dropped = data.time.filter((t, i) => !starts.has(t) && own[i] !== null).length;
    if (dropped > 0) {
      notes.push(
        noteOf(
          plural(
            dropped,
            l10n.t('{0}: {1} value in buckets the first account’s answer does not have left out', name, dropped),
            l10n.t('{0}: {1} values in buckets the first account’s answer does not have left out', name, dropped),
          ),
        ),
      );
    }
    return { name, values, total: combine(values, base.combine) };
  });
  return {
    ...base,
    series,
    filledBuckets: answered.reduce((sum, a) => sum + a.data.filledBuckets, 0),
    missingValues: answered.reduce((sum, a) => sum + a.data.missingValues, 0),
    foldedSeries: 0,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * One account's values per bucket: its one series (a query without a breakdown has one), or, should the service
 * send several, them combined as the metric combines (a mean of means is an approximation, and only then).
 */
function accountValues(data: ChartData): ReadonlyArray<number | null> {
  if (data.series.length === 1) {
    return data.series[0]!.values;
  }
  return data.time.map((_, i) => bucketTotal(data, i));
}

/** Values on the first answer's buckets: the same question gives the same buckets, but a bucket missing is a gap. */
function onGrid(time: readonly number[], data: ChartData, values: ReadonlyArray<number | null>): ReadonlyArray<number | null> {
  if (data.time.length === time.length && data.time.every((t, i) => t === time[i])) {
    return values;
  }
  const byStart = new Map(data.time.map((t, i) => [t, values[i] ?? null]));
  return time.map((t) => byStart.get(t) ?? null);
}

/** A note within the length the page accepts. */
function noteOf(text: string): string {
  return text.length <= MAX_NOTE_LENGTH ? text : `${text.slice(0, MAX_NOTE_LENGTH - 1)}\u2026`;
}
