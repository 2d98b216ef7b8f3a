// A billing period to chart in tests: a monthly quota that resets on Dec 17 at 08:14:26 UTC, seen at 09:00 UTC on
// Nov 24 (23:00 in Pacific/Kiritimati, UTC+14, far from the UTC the period is anchored in), and its eight local
// days of 5,000 credits (the first and the last cut short), which add up to the quota's 40,000.
import * as assert from 'node:assert/strict';
import type { SubscriptionQuota } from '../../../src/api/types';
import { resolveBillingPeriod, withBillingPeriod } from '../../../src/status/billingPeriodChart';
import type { RecentCredits } from '../../../src/status/quotaOutlook';
import type { ChartData } from '../../../src/usage/chartData';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ZONE = 'Pacific/Kiritimati';
export const KIRITIMATI = ZonedCalendar.for(ZONE);
export const NOW = Date.UTC(2026, 10, 24, 9);
export const PERIOD_START = Date.UTC(2026, 10, 17, 8, 14, 26);
export const RESET = Date.UTC(2026, 11, 17, 8, 14, 26);

export function quota(overrides: Partial<SubscriptionQuota> = {}): SubscriptionQuota {
  return { tier: 'creator', used: 40_000, limit: 100_000, resetsAtMs: RESET, status: 'active', billingPeriod: 'monthly_period', creditRefreshPeriod: 'monthly_period', ...overrides };
}

/** `perDay` credits a day over the 7 local days up to a minute before NOW (168 hours: no DST change there). */
export function week(perDay = 6000): RecentCredits {
  return { credits: perDay * 7, startMs: NOW - 60_000 - 7 * DAY, endMs: NOW - 60_000, days: 7, scope: 'workspace' };
}

/** The period's days as chart data, before its figures are added. Local midnights in Kiritimati are 10:00 UTC. */
export function periodData(): ChartData {
  const ends = [...Array.from({ length: 7 }, (_, i) => Date.UTC(2026, 10, 17 + i, 10)), NOW + 1];
  const time = [PERIOD_START, ...ends.slice(0, -1)];
  return {
    time,
    ends,
    partial: time.map((_, i) => (i === 0 ? 'start' : i === time.length - 1 ? 'end' : null)),
    buckets: { kind: 'local', unit: 'day' },
    series: [{ name: 'All', values: time.map(() => 5000), total: 40_000 }],
    metric: 'credits',
    metricLabel: 'Credits',
    unit: 'credits',
    combine: 'sum',
    cumulative: false,
    filledBuckets: 0,
    missingValues: 0,
    foldedSeries: 0,
    startUnix: PERIOD_START,
    endUnix: NOW,
    timeZone: ZONE,
  };
}

/** The period's data with its figures: 40,000 of 100,000 used, 6,000 a day, 178% by the reset, out on Dec 4. */
export function billingData(): ChartData {
  const q = quota();
  const known = { quota: q, recentCredits: week(6000) };
  const resolved = resolveBillingPeriod(q, known.recentCredits, NOW, KIRITIMATI, 'en-US');
  assert.ok(resolved.ok);
  return withBillingPeriod(periodData(), q, resolved.outlook, known, { scope: 'workspace', nowMs: NOW, calendar: KIRITIMATI, locale: 'en-US' });
}
