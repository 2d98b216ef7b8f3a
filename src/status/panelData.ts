// One entry point for a chart panel's data: a query of any kind of chart (and, for usage charts, either source),
// the client and what the status bar knows in, the chart data out. Pure apart from the client. Each kind
// (src/usage/kinds) has its host side here, keyed by its id: how its data is fetched and, where only the host
// knows it, its window now. It sits in status/, not usage/, because the billing period's figures are the status
// bar tooltip's (its quota, outlook and words).

import type { ElevenLabsClient } from '../api/client';
import type { ChartData } from '../usage/chartData';
import type { ZonedCalendar } from '../usage/calendar/timeZone';
import type { UsageWindow } from '../usage/calendar/windows';
import { chartKindOf } from '../usage/kinds/chartKinds';
import { fetchAnalyticsChartData, isRetiredAnswer, retiredCharacterStatsError } from '../usage/query/analyticsQuery';
import type { UsageSource } from '../usage/query/analyticsFields';
import { fetchChartData } from '../usage/query/chartQuery';
import type { PanelQuery } from '../usage/query/panelQuery';
import { isUngrouped, withUngroupedLabel } from '../usage/ungroupedSeries';
import { fetchBillingPeriodChart, resolveBillingPeriod, type KnownQuota } from './billingPeriodChart';

export interface PanelDataContext {
  readonly client: Pick<ElevenLabsClient, 'getCharacterStats' | 'getSubscription' | 'queryUsageOverTime'>;
  /** What the status bar knows: its quota and pace, which the billing period uses rather than asking again. */
  readonly known?: KnownQuota | undefined;
  readonly nowMs: number;
  readonly timeZone: string;
  readonly signal: AbortSignal;
  /** The user's locale, for the figures and dates in the words. */
  readonly locale?: string;
  /** Told as each part of a query of several parts arrives. */
  readonly onPartDone?: (done: number, total: number) => void;
  /** The credit figures come from the successor: the user chose it, or character-stats is retired. */
  readonly successorPreferred?: boolean;
}

/** A kind of chart, as the host runs it. */
interface HostKind {
  fetch(query: PanelQuery, context: PanelDataContext): Promise<ChartData>;
  /** A preset's window at `nowMs` where the host knows it better than the calendar; else undefined. */
  knownWindow(known: KnownQuota | undefined, nowMs: number, calendar: ZonedCalendar): UsageWindow | undefined;
}

/** Where a usage chart's figures come from, by the query's source (usage/query/analyticsFields.ts). */
const SOURCES: Readonly<Record<UsageSource, HostKind['fetch']>> = {
  characterStats: async (query, { client, nowMs, timeZone, signal, onPartDone }) => {
    try {
      return await fetchChartData(client, query, nowMs, timeZone, signal, { utcBuckets: query.utcBuckets === true, ...(onPartDone ? { onPartDone } : {}) });
    } catch (error) {
      throw isRetiredAnswer(error) && !signal.aborted ? retiredCharacterStatsError(error, query) : error;
    }
  },
  analytics: (query, { client, nowMs, timeZone, signal }) => fetchAnalyticsChartData(client, query, nowMs, timeZone, signal),
};

const HOST_KINDS: Readonly<Record<string, HostKind>> = {
  usage: {
    fetch: (query, context) => SOURCES[query.source ?? 'characterStats'](query, context),
    knownWindow: () => undefined,
  },
  billingPeriod: {
    fetch: (query, { client, known, nowMs, timeZone, signal, locale, onPartDone, successorPreferred }) =>
      fetchBillingPeriodChart(client, known, query, nowMs, timeZone, signal, {
        ...(locale !== undefined ? { locale } : {}),
        ...(onPartDone ? { onPartDone } : {}),
        successorPreferred: successorPreferred === true,
      }),
    knownWindow: (known, nowMs, calendar) => {
      const resolved = known?.quota ? resolveBillingPeriod(known.quota, known.recentCredits, nowMs, calendar) : undefined;
      return resolved?.ok ? resolved.window : undefined;
    },
  },
};

/** The host side of a query's kind; a kind listed in chartKinds.ts with no entry here is a bug, said at once. */
export function hostKindOf(query: Pick<PanelQuery, 'preset'> | undefined): HostKind {
  const { id } = chartKindOf(query);
  const host = HOST_KINDS[id];
  if (!host) {
    throw new Error(`The chart kind "${id}" has no host side in src/status/panelData.ts.`);
  }
  return host;
}

/** The chart data of a query (its window already resolved), by its kind. Rejects with the client's errors. */
export async function fetchPanelData(query: PanelQuery, context: PanelDataContext): Promise<ChartData> {
  const data = await hostKindOf(query).fetch(query, context);
  return isUngrouped(query) ? withUngroupedLabel(data) : data;
}

/** A preset's window now, where the host knows it (the billing period, from the status bar's quota). */
export function knownPresetWindow(preset: string, known: KnownQuota | undefined, nowMs: number, calendar: ZonedCalendar): UsageWindow | undefined {
  return hostKindOf({ preset }).knownWindow(known, nowMs, calendar);
}
