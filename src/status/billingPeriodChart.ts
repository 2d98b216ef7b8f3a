// The billing-period chart, on the host: the "This billing period" preset resolved from the quota (the status bar's,
// or the subscription asked for once), the period's credits by the user's own day added up into a running total,
// and where the quota stands at the reset at this pace. The figures are the tooltip's: the same quota, the same
// quotaOutlook, the same last 7 days (or the period's average), and the same words. Pure apart from the client.

import { formatInstant } from '../shared/locale/dateFormats';
import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../api/client';
import { ElevenLabsError, httpStatusWords, isElevenLabsError } from '../api/errors';
import { quoteServiceText } from '../api/serviceText';
import { UNGROUPED_SERIES, type SubscriptionQuota } from '../api/types';
import { runningTotals, type BillingPeriodFigures, type BillingPeriodProjection } from '../usage/billingPeriod';
import type { ChartData } from '../usage/chartData';
import { fetchChartData } from '../usage/query/chartQuery';
import { fetchAnalyticsChartData, isRetiredAnswer } from '../usage/query/analyticsQuery';
import { formatExact } from '../shared/locale/numberFormats';
import { asBillingPeriodQuery } from '../usage/kinds/billingPeriodKind';
import type { PanelQuery } from '../usage/query/panelQuery';
import { ZonedCalendar } from '../usage/calendar/timeZone';
import { billingPeriodWindow, type UsageWindow } from '../usage/calendar/windows';
import { PERIOD_MONTHS, quotaOutlook, type PeriodOutlook, type QuotaOutlook, type ResetOutlook } from './quotaOutlook';
import type { WordOptions } from './dateWords';
import { periodWords, projectionWords, quotaUsedWords, resetWords } from './quotaWords';
import type { UsageSnapshot } from './statusState';

/** What the status bar knows, if anything: its quota, and the last 7 days' credits that are its pace. */
export type KnownQuota = Pick<UsageSnapshot, 'quota' | 'recentCredits' | 'recentCreditsProblem'>;

/** The outlook of a quota whose period is known: its reset and its start. */
export type PeriodQuotaOutlook = QuotaOutlook & { readonly reset: ResetOutlook; readonly period: PeriodOutlook };

export type BillingPeriodResolution =
  | { readonly ok: true; readonly window: UsageWindow; readonly outlook: PeriodQuotaOutlook }
  /** What is missing to know the period, in words for the panel. */
  | { readonly ok: false; readonly missing: string };

function longDate(ms: number, calendar: ZonedCalendar, locale: string | undefined): string {
  return formatInstant(ms, 'date', calendar.zone, locale);
}

/**
 * The preset's window at `nowMs`: from the period's start (the quota's reset, the period's length earlier: the
 * tooltip's quotaOutlook) to now. Otherwise what the subscription leaves unknown.
 */
export function resolveBillingPeriod(
  quota: SubscriptionQuota,
  recent: KnownQuota['recentCredits'],
  nowMs: number,
  calendar: ZonedCalendar,
  locale?: string,
): BillingPeriodResolution {
  const outlook = quotaOutlook(quota, recent, nowMs, calendar);
  if (!outlook) {
    return {
      ok: false,
      missing: l10n.t(
        'This billing period cannot be charted: the subscription sends no credit limit (character_limit is {0}), so there is no quota to draw the period against.',
        formatExact(quota.limit, locale),
      ),
    };
  }
  const { reset, period } = outlook;
  if (!reset) {
    return {
      ok: false,
      missing: l10n.t(
        'This billing period cannot be charted: the subscription does not say when the quota resets (next_character_count_reset_unix), so the period’s start and end are not known.',
      ),
    };
  }
  if (reset.passed) {
    return {
      ok: false,
      missing: l10n.t(
        'This billing period cannot be charted: the period the subscription describes ended on {0}, and ElevenLabs has not sent the new one yet. Query again in a few minutes.',
        longDate(reset.atMs, calendar, locale),
      ),
    };
  }
  if (!period) {
    const sent = quota.creditRefreshPeriod ?? quota.billingPeriod;
    const known = Object.keys(PERIOD_MONTHS).join(', ');
    const missing =
      sent === undefined
        ? l10n.t(
            'This billing period cannot be charted: the subscription does not say how long its billing period is (billing_period, character_refresh_period), so the period’s start is not known.',
          )
        : l10n.t(
            'This billing period cannot be charted: the subscription’s credit period is “{0}”, which this version does not know (it knows {1}), so the period’s start is not known.',
            quoteServiceText(sent),
            known,
          );
    return { ok: false, missing };
  }
  if (period.startMs >= nowMs) {
    return {
      ok: false,
      missing: l10n.t(
        'This billing period cannot be charted: the subscription resets on {0}, more than one period from now, so this period has not begun.',
        longDate(reset.atMs, calendar, locale),
      ),
    };
  }
  return { ok: true, window: billingPeriodWindow(period.startMs, nowMs), outlook: outlook as PeriodQuotaOutlook };
}

/**
 * Whether the status bar's quota is the one to use: it has one, of a period that has not ended. (One whose reset
 * has passed belongs to the last period: the subscription is asked for the new one.)
 */
function current(quota: SubscriptionQuota | undefined, nowMs: number): quota is SubscriptionQuota {
  return quota !== undefined && (quota.resetsAtMs === undefined || quota.resetsAtMs > nowMs);
}

/** Failures of the workspace's usage that the key owner's own may get past (a member's key, not an admin's). */
function refusedTheWorkspace(error: unknown): error is ElevenLabsError {
  return isElevenLabsError(error) && (error.kind === 'unauthorized' || error.kind === 'missingPermissions' || error.kind === 'validation');
}

export interface BillingPeriodFetchOptions {
  /** The user's locale, for the figures and dates in the words (the tooltip's). */
  readonly locale?: string;
  /** Told as each part of a query of several parts arrives. */
  readonly onPartDone?: (done: number, total: number) => void;
  /**
   * Whether the credits come from the successor whatever source the query names: the user chose it
   * (elevenlabsUsage.source), or the status bar found character-stats retired. Without it, and unless the query
   * names the successor, character-stats is asked, and its successor only if it answers as retired.
   */
  readonly successorPreferred?: boolean;
}

/**
 * The chart data of the billing period at `nowMs`, with its figures (ChartData.billingPeriod). The quota is the
 * status bar's when it has a current one; else the subscription is asked for, once (no retries: the panel has a
 * Retry). Rejects with an ElevenLabsError: the client's, or kind invalidQuery saying what the subscription leaves
 * unknown.
 */
export async function fetchBillingPeriodChart(
  client: Pick<ElevenLabsClient, 'getCharacterStats' | 'getSubscription' | 'queryUsageOverTime'>,
  known: KnownQuota | undefined,
  query: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
  options: BillingPeriodFetchOptions = {},
): Promise<ChartData> {
  const calendar = ZonedCalendar.for(timeZone);
  const { locale } = options;
  let quota = known?.quota;
  if (!current(quota, nowMs)) {
    try {
      quota = await client.getSubscription({ signal, maxRetries: 0 });
    } catch (error) {
      if (isElevenLabsError(error) && error.kind === 'missingPermissions') {
        // As the tooltip says it: the period comes with the quota, which this key may not read.
        const permission = error.permission ?? 'user_read';
        throw new ElevenLabsError(
          error.kind,
          l10n.t(
            'This billing period cannot be charted: this key lacks the “{0}” permission, which the quota needs. Enable it for this key in ElevenLabs (Developers → API Keys), then Retry.',
            quoteServiceText(permission),
          ),
          { permission, ...(error.status !== undefined ? { status: error.status } : {}) },
        );
      }
      throw error;
    }
  }
  const resolved = resolveBillingPeriod(quota!, known?.recentCredits, nowMs, calendar, locale);
  if (!resolved.ok) {
    throw new ElevenLabsError('invalidQuery', resolved.missing);
  }
  const periodQuery = asBillingPeriodQuery({ ...query, ...resolved.window });
  // Credits come from both; the successor's where the query or the user asks for it, or character-stats is gone.
  const fetched = query.source === 'analytics' || options.successorPreferred ? await successorPeriod(client, periodQuery, nowMs, timeZone, signal) : await characterStatsPeriod(client, periodQuery, nowMs, timeZone, signal, options);
  return withBillingPeriod(fetched.data, quota!, resolved.outlook, known, { scope: fetched.scope, scopeNote: fetched.scopeNote, nowMs, calendar, locale });
}

/** The period's credits by day, whose they are, and a note for the chart where they are not what it asked for. */
interface PeriodCredits {
  readonly data: ChartData;
  readonly scope: BillingPeriodFigures['scope'];
  /** Why they are not the workspace's, or why they came from the successor. */
  readonly scopeNote?: string | undefined;
}

/** From the successor: the workspace's credits by local day, in one request (it has no other scope). */
async function successorPeriod(client: Pick<ElevenLabsClient, 'queryUsageOverTime'>, periodQuery: PanelQuery, nowMs: number, timeZone: string, signal: AbortSignal): Promise<PeriodCredits> {
  return { data: await fetchAnalyticsChartData(client, { ...periodQuery, source: 'analytics' }, nowMs, timeZone, signal), scope: 'workspace' };
}

/**
 * From character-stats: the workspace's credits, or its owner's where the key is refused the workspace's; from
 * the successor where character-stats answers as retired (404 or 410), saying so.
 */
async function characterStatsPeriod(
  client: Pick<ElevenLabsClient, 'getCharacterStats' | 'queryUsageOverTime'>,
  periodQuery: PanelQuery,
  nowMs: number,
  timeZone: string,
  signal: AbortSignal,
  options: BillingPeriodFetchOptions,
): Promise<PeriodCredits> {
  const fetchOptions = { utcBuckets: false, ...(options.onPartDone ? { onPartDone: options.onPartDone } : {}) };
  try {
    return { data: await fetchChartData(client, periodQuery, nowMs, timeZone, signal, fetchOptions), scope: 'workspace' };
  } catch (error) {
    if (signal.aborted) {
      throw error;
    }
    if (isRetiredAnswer(error)) {
      const fromSuccessor = await successorPeriod(client, periodQuery, nowMs, timeZone, signal);
      return { ...fromSuccessor, scopeNote: l10n.t('Credits from the workspace analytics endpoint: character-stats answered as retired{0}', httpStatusWords(error)) };
    }
    if (!refusedTheWorkspace(error)) {
      throw error;
    }
    // The quota counts the whole workspace, which a member's key may not read: its owner's own credits are the next
    // best running total, and the chart says so.
    const data = await fetchChartData(client, { ...periodQuery, includeWorkspaceMetrics: false }, nowMs, timeZone, signal, fetchOptions);
    return { data, scope: 'owner', scopeNote: l10n.t('Your own credits: ElevenLabs refused this key the workspace’s usage{0}, which the quota counts', httpStatusWords(error)) };
  }
}

/**
 * The data with the period's figures: the running total of its buckets, the quota and the projection in the
 * tooltip's words. A period without usage still gets a series (of zeros), so that the limit and the projection
 * are drawn.
 */
export function withBillingPeriod(
  data: ChartData,
  quota: SubscriptionQuota,
  outlook: PeriodQuotaOutlook,
  known: Pick<KnownQuota, 'recentCredits' | 'recentCreditsProblem'> | undefined,
  context: WordOptions & { readonly scope: BillingPeriodFigures['scope']; readonly scopeNote?: string | undefined },
): ChartData {
  const series = data.series.length > 0 ? data.series : [{ name: UNGROUPED_SERIES, values: data.time.map(() => 0), total: 0 }];
  const runningTotal = runningTotals(series, data.time.length);
  const { nowMs, locale } = context;
  const notes: string[] = [];
  if (context.scopeNote) {
    notes.push(context.scopeNote);
  }
  const counted = runningTotal[runningTotal.length - 1] ?? 0;
  // The quota is the subscription's own count; the usage figures may lag it or leave something out. A difference
  // worth a pixel is said, and the projection starts from the quota's figure, as the tooltip's does.
  if (Math.abs(counted - quota.used) > Math.max(1, quota.limit * 0.005)) {
    notes.push(
      l10n.t(
        'The quota counts {0} credits; the usage figures add up to {1}, and the projection starts from the quota’s figure',
        formatExact(quota.used, locale),
        formatExact(counted, locale),
      ),
    );
  }
  let projection: BillingPeriodProjection | undefined;
  if (outlook.projection) {
    const words = projectionWords(outlook.projection, { recentCredits: known?.recentCredits, recentCreditsProblem: known?.recentCreditsProblem }, context);
    projection = {
      creditsAtReset: outlook.projection.fractionAtReset * quota.limit,
      fractionAtReset: outlook.projection.fractionAtReset,
      ...(outlook.projection.runsOutAtMs !== undefined ? { runsOutAtMs: outlook.projection.runsOutAtMs } : {}),
      creditsPerDay: outlook.projection.creditsPerDay,
      basis: outlook.projection.basis,
      headline: words.headline,
      ...(words.runsOut !== undefined ? { runsOut: words.runsOut } : {}),
      pace: words.pace,
    };
  }
  const billingPeriod: BillingPeriodFigures = {
    startMs: outlook.period.startMs,
    resetMs: outlook.reset.atMs,
    nowMs,
    limit: quota.limit,
    used: quota.used,
    runningTotal,
    scope: context.scope,
    words: {
      quota: quotaUsedWords(quota, locale),
      reset: resetWords(outlook.reset, context),
      pace: periodWords(outlook.period, outlook.usedFraction),
      notes,
    },
    ...(projection ? { projection } : {}),
  };
  return { ...data, series, billingPeriod };
}
