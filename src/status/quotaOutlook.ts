// The quota as something to plan with: when it resets (in the user's days), how much of the billing period has
// gone next to how much of the quota is used, and where the current pace leads by the reset. Pure: the status
// bar's tooltip and the quota alerts word what this works out.

import * as l10n from '@vscode/l10n';
import type { SubscriptionQuota } from '../api/types';
import type { ZonedCalendar } from '../usage/calendar/timeZone';

const DAY_MS = 86_400_000;

/** Months in each billing or credit-refresh period the contract names. */
export const PERIOD_MONTHS: Readonly<Record<string, number>> = {
  monthly_period: 1,
  '3_month_period': 3,
  '6_month_period': 6,
  annual_period: 12,
};

/** How many local days "this pace" looks back over. */
export const RECENT_DAYS = 7;

/** Credits over the last RECENT_DAYS local days, up to the moment they were asked for. */
export interface RecentCredits {
  readonly credits: number;
  /** The same local time RECENT_DAYS days before `endMs` (167 or 169 hours before it across a DST change). */
  readonly startMs: number;
  readonly endMs: number;
  readonly days: number;
  /**
   * Whose credits: the workspace's, which is what the quota counts, or the key owner's own when the key may not
   * read the workspace's usage.
   */
  readonly scope: 'workspace' | 'owner';
}

export interface ResetOutlook {
  readonly atMs: number;
  /** Local calendar days from today to the reset's day: 0 today, 1 tomorrow. */
  readonly daysAway: number;
  /** The reset time has passed: the figures belong to a period that has ended. */
  readonly passed: boolean;
}

export interface PeriodOutlook {
  readonly startMs: number;
  readonly endMs: number;
  /** How much of the period has gone, 0 to 1. */
  readonly elapsedFraction: number;
}

export interface Projection {
  /** What "this pace" is: the last RECENT_DAYS days, or the period's own average so far. */
  readonly basis: 'recentDays' | 'periodAverage';
  /** For `recentDays`: whose credits they are. */
  readonly scope?: 'workspace' | 'owner';
  /** The pace as people read it: credits per local day. */
  readonly creditsPerDay: number;
  /** Quota use at the reset if the pace holds (1 = the whole quota). */
  readonly fractionAtReset: number;
  /** When the quota runs out at this pace, if that is before the reset and it has not run out yet. */
  readonly runsOutAtMs: number | undefined;
}

export interface QuotaOutlook {
  /** Quota used, 0 to 1 and beyond in overage. */
  readonly usedFraction: number;
  /** Credits used past the limit; 0 within it. */
  readonly overCredits: number;
  readonly reset: ResetOutlook | undefined;
  /** Undefined when the period's length or its end is not known. */
  readonly period: PeriodOutlook | undefined;
  /** Undefined when there is no pace to go by, or no reset to project to. */
  readonly projection: Projection | undefined;
}

/**
 * Months in the period the quota is counted over: the credits' refresh period (an annual plan may refresh its
 * credits monthly), else the billing period when the refresh period is not sent. Undefined for a period this
 * version does not know (the enums are open).
 */
export function quotaPeriodMonths(quota: SubscriptionQuota): number | undefined {
  const period = quota.creditRefreshPeriod ?? quota.billingPeriod;
  return period !== undefined && Object.hasOwn(PERIOD_MONTHS, period) ? PERIOD_MONTHS[period] : undefined;
}

function daysInUtcMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The start of the period that ends at `resetMs`: the same UTC time of day, `months` earlier. Subscriptions renew
 * on their anchor's day of the month, moved to the last day in shorter months (an anchor on the 31st renews on
 * Feb 28 and Apr 30). A reset on a month's last day may therefore come from a later anchor, and is taken as one
 * (the 31st): a period that started on Jan 31 and resets on Feb 28 starts on Jan 31, not Jan 28. An anchor on the
 * 28th to 30th reset on the last day of a shorter month is then placed up to three days early, which the pace
 * shows as a few points; the service sends no start to do better with.
 */
export function periodStartMs(resetMs: number, months: number): number {
  const reset = new Date(resetMs);
  const year = reset.getUTCFullYear();
  const month = reset.getUTCMonth();
  const day = reset.getUTCDate();
  const anchorDay = day === daysInUtcMonth(year, month) ? 31 : day;
  const first = new Date(Date.UTC(year, month - months, 1));
  const startYear = first.getUTCFullYear();
  const startMonth = first.getUTCMonth();
  return Date.UTC(
    startYear,
    startMonth,
    Math.min(anchorDay, daysInUtcMonth(startYear, startMonth)),
    reset.getUTCHours(),
    reset.getUTCMinutes(),
    reset.getUTCSeconds(),
    reset.getUTCMilliseconds(),
  );
}

/** Local calendar days from the day of `fromMs` to the day of `toMs` (negative when before), in the user's zone. */
export function calendarDaysBetween(fromMs: number, toMs: number, calendar: ZonedCalendar): number {
  const from = calendar.wallClock(fromMs);
  const to = calendar.wallClock(toMs);
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

/** "today", "tomorrow", "in 7 days": how far away a reset `daysAway` local days ahead is. */
export function resetsIn(daysAway: number): string {
  if (daysAway <= 0) {
    return l10n.t('today');
  }
  return daysAway === 1 ? l10n.t('tomorrow') : l10n.t('in {0} days', daysAway);
}

/** The start of the window of RECENT_DAYS local days ending at `nowMs`: the same local time that many days ago. */
export function recentWindowStart(nowMs: number, calendar: ZonedCalendar): number {
  const local = calendar.wallClock(nowMs);
  return calendar.instant({ ...local, day: local.day - RECENT_DAYS }).ms;
}

function resetOutlook(quota: SubscriptionQuota, nowMs: number, calendar: ZonedCalendar): ResetOutlook | undefined {
  if (quota.resetsAtMs === undefined) {
    return undefined;
  }
  return { atMs: quota.resetsAtMs, daysAway: calendarDaysBetween(nowMs, quota.resetsAtMs, calendar), passed: quota.resetsAtMs <= nowMs };
}

function periodOutlook(quota: SubscriptionQuota, nowMs: number): PeriodOutlook | undefined {
  const months = quotaPeriodMonths(quota);
  if (months === undefined || quota.resetsAtMs === undefined) {
    return undefined;
  }
  const startMs = periodStartMs(quota.resetsAtMs, months);
  const elapsed = (nowMs - startMs) / (quota.resetsAtMs - startMs);
  return { startMs, endMs: quota.resetsAtMs, elapsedFraction: Math.min(1, Math.max(0, elapsed)) };
}

/** Credits per millisecond and per local day, from the last days when known, else from the period so far. */
function pace(
  quota: SubscriptionQuota,
  recent: RecentCredits | undefined,
  period: PeriodOutlook | undefined,
  nowMs: number,
): Pick<Projection, 'basis' | 'scope' | 'creditsPerDay'> & { perMs: number } | undefined {
  if (recent && recent.endMs > recent.startMs && recent.days > 0) {
    // Usage happens in real time: a window across a DST change is an hour shorter or longer, and its rate is per
    // real millisecond. People read it per day of their calendar.
    return { basis: 'recentDays', scope: recent.scope, creditsPerDay: recent.credits / recent.days, perMs: recent.credits / (recent.endMs - recent.startMs) };
  }
  if (period && nowMs > period.startMs) {
    const perMs = quota.used / (nowMs - period.startMs);
    return { basis: 'periodAverage', creditsPerDay: perMs * DAY_MS, perMs };
  }
  return undefined;
}

/**
 * Where the quota stands at `nowMs` and where this pace leads by the reset. Undefined when the quota has no
 * limit to measure against.
 */
export function quotaOutlook(
  quota: SubscriptionQuota,
  recent: RecentCredits | undefined,
  nowMs: number,
  calendar: ZonedCalendar,
): QuotaOutlook | undefined {
  if (!(quota.limit > 0)) {
    return undefined;
  }
  const reset = resetOutlook(quota, nowMs, calendar);
  // Past the reset the figures are the old period's: no pace or projection is drawn from them.
  const period = reset?.passed ? undefined : periodOutlook(quota, nowMs);
  let projection: Projection | undefined;
  const rate = reset && !reset.passed ? pace(quota, recent, period, nowMs) : undefined;
  if (reset && rate) {
    const projected = quota.used + rate.perMs * (reset.atMs - nowMs);
    const runsOut = quota.used < quota.limit && rate.perMs > 0 && projected > quota.limit;
    projection = {
      basis: rate.basis,
      ...(rate.scope ? { scope: rate.scope } : {}),
      creditsPerDay: rate.creditsPerDay,
      fractionAtReset: projected / quota.limit,
      runsOutAtMs: runsOut ? nowMs + (quota.limit - quota.used) / rate.perMs : undefined,
    };
  }
  return {
    usedFraction: quota.used / quota.limit,
    overCredits: Math.max(0, quota.used - quota.limit),
    reset,
    period,
    projection,
  };
}
