// The quota as something to plan with: the period's start from its reset, the pace, and the projection to the
// reset, for each billing period, at the edges of the calendar (the 31st, DST changes) and of the quota (0%, 100%,
// overage), with and without the last 7 days. Expected figures are worked out by hand in the comments.
import * as assert from 'node:assert/strict';
import type { SubscriptionQuota } from '../../../src/api/types';
import { calendarDaysBetween, periodStartMs, quotaOutlook, recentWindowStart, resetsIn, type RecentCredits } from '../../../src/status/quotaOutlook';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { inTimeZone } from '../helpers/timeZone';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UTC = ZonedCalendar.for('UTC');

function quota(overrides: Partial<SubscriptionQuota> = {}): SubscriptionQuota {
  return {
    tier: 'creator',
    used: 50_000,
    limit: 100_000,
    resetsAtMs: Date.UTC(2026, 11, 7, 8, 14, 26),
    status: 'active',
    billingPeriod: 'monthly_period',
    creditRefreshPeriod: 'monthly_period',
    ...overrides,
  };
}

/** `perDay` credits a day over the 7 days before `nowMs` (168 hours: no DST change in UTC). */
function recent(nowMs: number, perDay: number, scope: RecentCredits['scope'] = 'workspace'): RecentCredits {
  return { credits: perDay * 7, startMs: nowMs - 7 * DAY, endMs: nowMs, days: 7, scope };
}

function outlook(q: SubscriptionQuota, r: RecentCredits | undefined, nowMs: number, calendar = UTC) {
  // The process's own zone is far from every zone used here: only the calendar may count.
  const result = inTimeZone('Pacific/Kiritimati', () => quotaOutlook(q, r, nowMs, calendar));
  assert.ok(result, 'an outlook');
  return result;
}

function near(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('quota outlook: the period, the pace and the projection', () => {
  describe('the period, from the reset and its length', () => {
    it('monthly: the same UTC time a month before the reset', () => {
      assert.equal(periodStartMs(Date.UTC(2026, 11, 7, 8, 14, 26), 1), Date.UTC(2026, 10, 7, 8, 14, 26));
      assert.equal(periodStartMs(Date.UTC(2027, 0, 17, 8, 0), 1), Date.UTC(2026, 11, 17, 8, 0), 'across the new year');
    });

    it('quarterly, half-yearly and annual: 3, 6 and 12 months before', () => {
      const reset = Date.UTC(2027, 0, 17, 8, 14, 26);
      assert.equal(periodStartMs(reset, 3), Date.UTC(2026, 9, 17, 8, 14, 26));
      assert.equal(periodStartMs(reset, 6), Date.UTC(2026, 6, 17, 8, 14, 26));
      assert.equal(periodStartMs(reset, 12), Date.UTC(2026, 0, 17, 8, 14, 26));
    });

    it('a period that starts on the 31st: its reset on a shorter month\u2019s last day leads back to the 31st', () => {
      // Anchored on Jan 31: renews Feb 28, Mar 31, Apr 30.
      assert.equal(periodStartMs(Date.UTC(2027, 1, 28, 8), 1), Date.UTC(2027, 0, 31, 8), 'Jan 31 to Feb 28');
      assert.equal(periodStartMs(Date.UTC(2027, 2, 31, 8), 1), Date.UTC(2027, 1, 28, 8), 'Feb 28 to Mar 31');
      assert.equal(periodStartMs(Date.UTC(2027, 4, 31, 8), 1), Date.UTC(2027, 3, 30, 8), 'Apr 30 to May 31');
      assert.equal(periodStartMs(Date.UTC(2027, 3, 30, 8), 3), Date.UTC(2027, 0, 31, 8), 'quarterly: Jan 31 to Apr 30');
      assert.equal(periodStartMs(Date.UTC(2028, 1, 29, 8), 12), Date.UTC(2027, 1, 28, 8), 'annual, into a leap February');
      // A reset that is not a month's last day keeps its own day.
      assert.equal(periodStartMs(Date.UTC(2027, 2, 30, 8), 1), Date.UTC(2027, 1, 28, 8), 'an anchor on the 30th: Feb 28 to Mar 30');
    });

    it('takes the credits\u2019 refresh period over the billing period, and knows none it was not told of', () => {
      const now = Date.UTC(2026, 10, 22, 8, 14, 26);
      // Billed yearly, credits monthly: the quota's period is the month Nov 7 to Dec 7.
      const monthlyCredits = outlook(quota({ billingPeriod: 'annual_period', creditRefreshPeriod: 'monthly_period' }), undefined, now);
      assert.equal(monthlyCredits.period?.startMs, Date.UTC(2026, 10, 7, 8, 14, 26));
      near(monthlyCredits.period?.elapsedFraction, 0.5, 'half of the 30 days gone');
      const billingOnly = outlook(quota({ billingPeriod: '3_month_period', creditRefreshPeriod: undefined }), undefined, now);
      assert.equal(billingOnly.period?.startMs, Date.UTC(2026, 8, 7, 8, 14, 26));
      const unknown = outlook(quota({ creditRefreshPeriod: 'weekly_period' }), undefined, now);
      assert.equal(unknown.period, undefined, 'an unknown period has no start to measure from');
      assert.equal(unknown.projection, undefined, 'and without the last 7 days there is no pace');
      assert.equal(outlook(quota({ creditRefreshPeriod: 'weekly_period' }), recent(now, 1000), now).projection?.basis, 'recentDays', 'the last 7 days need no start');
    });
  });

  describe('"Resets in N days", in the user\u2019s days', () => {
    it('counts local calendar days, not 24-hour spans', () => {
      const tokyo = ZonedCalendar.for('Asia/Tokyo');
      // 23:00 on Dec 6 in Tokyo; the reset at 08:14 UTC on Dec 7 is 17:14 on Dec 7 there: tomorrow, 18 hours away.
      assert.equal(calendarDaysBetween(Date.UTC(2026, 11, 6, 14), Date.UTC(2026, 11, 7, 8, 14, 26), tokyo), 1);
      // 01:00 on Dec 7 in Tokyo: today.
      assert.equal(calendarDaysBetween(Date.UTC(2026, 11, 6, 16), Date.UTC(2026, 11, 7, 8, 14, 26), tokyo), 0);
      assert.deepEqual([resetsIn(0), resetsIn(1), resetsIn(7)], ['today', 'tomorrow', 'in 7 days']);
    });

    it('across the end of DST: 26 hours from 23:30 on Oct 31 to 00:30 on Nov 2 in New York are two days', () => {
      const newYork = ZonedCalendar.for('America/New_York');
      const lateOct31 = Date.UTC(2026, 10, 1, 3, 30); // 23:30 EDT on Oct 31
      const earlyNov2 = Date.UTC(2026, 10, 2, 5, 30); // 00:30 EST on Nov 2
      assert.equal(earlyNov2 - lateOct31, 26 * HOUR);
      assert.equal(calendarDaysBetween(lateOct31, earlyNov2, newYork), 2);
      assert.equal(outlook(quota({ resetsAtMs: earlyNov2 }), undefined, lateOct31, newYork).reset?.daysAway, 2);
    });
  });

  describe('the pace and the projection to the reset', () => {
    // Now is 13 days before the reset on Dec 7: Nov 24, 08:14:26 UTC, 17 of the period's 30 days gone.
    const reset = Date.UTC(2026, 11, 7, 8, 14, 26);
    const now = reset - 13 * DAY;

    it('monthly, from the last 7 days: 50,000 used + 5,000 a day for 13 days = 115%, out in 10 days', () => {
      const o = outlook(quota(), recent(now, 5000), now);
      near(o.usedFraction, 0.5, 'used');
      near(o.period?.elapsedFraction, 17 / 30, 'period gone');
      assert.equal(o.projection?.basis, 'recentDays');
      assert.equal(o.projection?.scope, 'workspace');
      near(o.projection?.creditsPerDay, 5000, 'credits a day');
      near(o.projection?.fractionAtReset, 1.15, 'at the reset');
      near(o.projection?.runsOutAtMs, now + 10 * DAY, 'runs out');
    });

    it('with no 7-day data, from the period\u2019s average: 51,000 in 17 days is 3,000 a day, 90% by the reset', () => {
      const o = outlook(quota({ used: 51_000 }), undefined, now);
      assert.equal(o.projection?.basis, 'periodAverage');
      near(o.projection?.creditsPerDay, 3000, 'credits a day');
      near(o.projection?.fractionAtReset, 0.9, '51,000 + 13 × 3,000');
      assert.equal(o.projection?.runsOutAtMs, undefined, 'it does not run out');
    });

    it('quarterly: 45 of 92 days gone (Oct 17 to Jan 17), 60,000 used at 2,000 a day = 154% by the reset', () => {
      const quarterReset = Date.UTC(2027, 0, 17, 8, 14, 26);
      const quarterNow = Date.UTC(2026, 11, 1, 8, 14, 26);
      const o = outlook(quota({ used: 60_000, resetsAtMs: quarterReset, billingPeriod: '3_month_period', creditRefreshPeriod: '3_month_period' }), recent(quarterNow, 2000), quarterNow);
      assert.equal(o.period?.startMs, Date.UTC(2026, 9, 17, 8, 14, 26));
      near(o.period?.elapsedFraction, 45 / 92, 'Oct 17 to Dec 1 of Oct 17 to Jan 17');
      near(o.projection?.fractionAtReset, (60_000 + 47 * 2000) / 100_000, '47 days left');
      near(o.projection?.runsOutAtMs, quarterNow + 20 * DAY, '40,000 left at 2,000 a day');
    });

    it('annual: from the period\u2019s average, 73 of 365 days gone with 20% used is on pace for 100%', () => {
      const yearReset = Date.UTC(2027, 2, 5, 0, 0);
      const yearNow = Date.UTC(2026, 4, 17, 0, 0); // Mar 5 + 73 days
      const o = outlook(quota({ used: 20_000, resetsAtMs: yearReset, billingPeriod: 'annual_period', creditRefreshPeriod: 'annual_period' }), undefined, yearNow);
      assert.equal(o.period?.startMs, Date.UTC(2026, 2, 5));
      near(o.period?.elapsedFraction, 73 / 365, 'period gone');
      near(o.projection?.fractionAtReset, 1, 'the same pace fills the quota exactly at the reset');
      assert.equal(o.projection?.runsOutAtMs, undefined, 'exactly full is not running out');
    });

    it('in a period that started on the 31st: Jan 31 to Feb 28 is 28 days, so 14 days in is half', () => {
      const febReset = Date.UTC(2027, 1, 28, 8);
      const o = outlook(quota({ resetsAtMs: febReset }), undefined, Date.UTC(2027, 1, 14, 8));
      near(o.period?.elapsedFraction, 0.5, 'half the period gone');
      near(o.projection?.fractionAtReset, 1, '50% in half the period: 100% at the reset');
    });

    it('across a DST change: the last 7 days are 167 hours long, and the pace is per real hour', () => {
      // New York, DST began on March 8, 2026. Noon on March 10 (EDT) back to noon on March 3 (EST) is 167 hours;
      // 167,000 credits in them is 1,000 an hour, 23,857 a local day. The reset 100 hours on adds 100,000.
      const newYork = ZonedCalendar.for('America/New_York');
      const noon = Date.UTC(2026, 2, 10, 16);
      const start = recentWindowStart(noon, newYork);
      assert.equal(start, Date.UTC(2026, 2, 3, 17), 'the same local time 7 days before');
      const last7: RecentCredits = { credits: 167_000, startMs: start, endMs: noon, days: 7, scope: 'workspace' };
      const o = outlook(quota({ used: 10_000, limit: 1_000_000, resetsAtMs: noon + 100 * HOUR }), last7, noon, newYork);
      near(o.projection?.creditsPerDay, 167_000 / 7, 'credits a local day');
      near(o.projection?.fractionAtReset, (10_000 + 100_000) / 1_000_000, 'a real hour at a time');
    });

    it('at 0%: no credits used and none in the last 7 days project to 0%, and nothing runs out', () => {
      const fromRecent = outlook(quota({ used: 0 }), recent(now, 0), now);
      assert.equal(fromRecent.usedFraction, 0);
      assert.equal(fromRecent.projection?.fractionAtReset, 0);
      assert.equal(fromRecent.projection?.runsOutAtMs, undefined);
      const fromAverage = outlook(quota({ used: 0 }), undefined, now);
      assert.equal(fromAverage.projection?.fractionAtReset, 0);
    });

    it('at 100%: used up, no date it runs out (it has), and the pace says how far past it goes', () => {
      const o = outlook(quota({ used: 100_000 }), recent(now, 1000), now);
      assert.equal(o.usedFraction, 1);
      assert.equal(o.overCredits, 0);
      near(o.projection?.fractionAtReset, 1.13, '100,000 + 13 × 1,000');
      assert.equal(o.projection?.runsOutAtMs, undefined);
    });

    it('in overage: how far over, with the projection going on past 100%', () => {
      const o = outlook(quota({ used: 112_000, limitExtension: 50_000 }), recent(now, 1000), now);
      near(o.usedFraction, 1.12, 'used');
      assert.equal(o.overCredits, 12_000);
      near(o.projection?.fractionAtReset, 1.25, '112,000 + 13,000');
      assert.equal(o.projection?.runsOutAtMs, undefined);
    });

    it('with an "unlimited" extension the figures are the same: the quota is the limit, not the extension', () => {
      const capped = outlook(quota({ used: 90_000, limitExtension: 0 }), recent(now, 2000), now);
      const unlimited = outlook(quota({ used: 90_000, limitExtension: 'unlimited' }), recent(now, 2000), now);
      assert.deepEqual(unlimited, capped);
      near(unlimited.projection?.runsOutAtMs, now + 5 * DAY, '10,000 left at 2,000 a day');
    });

    it('past the reset, or without one, draws no pace from figures of an ended or unknown period', () => {
      const ended = outlook(quota(), recent(now, 1000), reset + HOUR);
      assert.equal(ended.reset?.passed, true);
      assert.equal(ended.period, undefined);
      assert.equal(ended.projection, undefined);
      const noReset = outlook(quota({ resetsAtMs: undefined }), recent(now, 1000), now);
      assert.deepEqual([noReset.reset, noReset.period, noReset.projection], [undefined, undefined, undefined]);
      assert.equal(inTimeZone('UTC', () => quotaOutlook(quota({ limit: 0 }), undefined, now, UTC)), undefined, 'no limit, nothing to measure');
    });
  });
});
