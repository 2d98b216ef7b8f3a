import * as assert from 'node:assert/strict';
import { isValidTimeZone, resolveTimeZone, systemTimeZone, ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { inTimeZone } from '../helpers/timeZone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Every expectation below is written out from the zones' published rules (offsets and change times), not computed
 * with Intl, and each test runs with the process in a zone far from the one it checks (UTC+14), so that a
 * calendar that leaned on the runtime's local time would fail.
 */
function inHostFarAway<T>(block: () => T): T {
  return inTimeZone('Pacific/Kiritimati', block);
}

describe('the user\u2019s time zone', () => {
  it('resolves the setting, and falls back to the system zone with a message for a name it does not know', () => {
    assert.deepEqual(resolveTimeZone('', 'UTC'), { zone: 'UTC', source: 'system' });
    assert.deepEqual(resolveTimeZone('  Asia/Kathmandu ', 'UTC'), { zone: 'Asia/Kathmandu', source: 'setting' });
    const bad = resolveTimeZone('Mars/Olympus_Mons', 'Europe/Berlin');
    assert.equal(bad.zone, 'Europe/Berlin');
    assert.equal(bad.source, 'system');
    assert.match(bad.problem ?? '', /^elevenlabsUsage\.timeZone is "Mars\/Olympus_Mons", which is not a time zone name .* Using Europe\/Berlin/);
    assert.equal(isValidTimeZone('Pacific/Chatham'), true);
    assert.equal(isValidTimeZone(''), false);
  });

  it('names the system zone by its current IANA name, not ICU\u2019s old one', () => {
    // ICU reports these as Asia/Calcutta, Asia/Katmandu and Europe/Kiev.
    assert.equal(inTimeZone('Asia/Kolkata', systemTimeZone), 'Asia/Kolkata');
    assert.equal(inTimeZone('Asia/Kathmandu', systemTimeZone), 'Asia/Kathmandu');
    assert.equal(inTimeZone('Europe/Kyiv', systemTimeZone), 'Europe/Kyiv');
    assert.equal(inTimeZone('Pacific/Auckland', systemTimeZone), 'Pacific/Auckland');
  });

  it('finds local midnight in zones with 30- and 45-minute offsets', () => {
    inHostFarAway(() => {
      const now = Date.UTC(2026, 10, 24, 3, 0);
      const cases: Array<[string, number]> = [
        ['Asia/Kolkata', Date.UTC(2026, 10, 23, 18, 30)], // UTC+5:30
        ['Asia/Kathmandu', Date.UTC(2026, 10, 23, 18, 15)], // UTC+5:45
        ['Pacific/Chatham', Date.UTC(2026, 10, 23, 10, 15)], // UTC+13:45 in its summer
        ['America/St_Johns', Date.UTC(2026, 10, 23, 3, 30)], // UTC-3:30
        ['Australia/Lord_Howe', Date.UTC(2026, 10, 23, 13, 0)], // UTC+11 in its summer
        ['Pacific/Auckland', Date.UTC(2026, 10, 23, 11, 0)], // UTC+13
        ['America/Los_Angeles', Date.UTC(2026, 10, 23, 8, 0)], // UTC-8
      ];
      for (const [zone, midnight] of cases) {
        const calendar = ZonedCalendar.for(zone);
        assert.equal(iso(calendar.startOfDay(now)), iso(midnight), zone);
        assert.deepEqual(calendar.todayWindow(now), { startUnix: midnight, endUnix: now }, zone);
      }
    });
  });

  it('has days of 23 and 25 hours, and of 23.5 and 24.5 on Lord Howe Island', () => {
    inHostFarAway(() => {
      const berlin = ZonedCalendar.for('Europe/Berlin');
      const spring = Date.UTC(2026, 2, 29, 12);
      assert.equal(berlin.startOfNextDay(spring) - berlin.startOfDay(spring), 23 * HOUR);
      const autumn = Date.UTC(2026, 9, 25, 12);
      assert.equal(berlin.startOfNextDay(autumn) - berlin.startOfDay(autumn), 25 * HOUR);
      const lordHowe = ZonedCalendar.for('Australia/Lord_Howe');
      const octoberChange = Date.UTC(2026, 9, 4, 6); // clocks 02:00 -> 02:30 on 4 October 2026
      assert.equal(lordHowe.startOfNextDay(octoberChange) - lordHowe.startOfDay(octoberChange), 23.5 * HOUR);
      const aprilChange = Date.UTC(2026, 3, 5, 6); // 02:00 -> 01:30 on 5 April 2026
      assert.equal(lordHowe.startOfNextDay(aprilChange) - lordHowe.startOfDay(aprilChange), 24.5 * HOUR);
    });
  });

  it('counts calendar days and months across DST changes', () => {
    inHostFarAway(() => {
      const ny = ZonedCalendar.for('America/New_York');
      // New York falls back on 2026-11-01: six calendar days back from Nov 4 is Oct 29 at 00:00 EDT (04:00 UTC).
      assert.equal(iso(ny.addDays(Date.UTC(2026, 10, 4, 17), -6)), '2026-10-29T04:00:00.000Z');
      assert.equal(iso(ny.startOfMonth(Date.UTC(2026, 10, 4, 17))), '2026-11-01T04:00:00.000Z');
      assert.equal(iso(ny.startOfMonth(Date.UTC(2026, 10, 4, 17), -11)), '2025-12-01T05:00:00.000Z');
      assert.equal(iso(ny.startOfMonth(Date.UTC(2026, 10, 4, 17), 2)), '2027-01-01T05:00:00.000Z');
    });
  });

  it('takes the earlier of a repeated time and moves a skipped one forward, saying by how much', () => {
    inHostFarAway(() => {
      const berlin = ZonedCalendar.for('Europe/Berlin');
      assert.deepEqual(berlin.instant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }), { ms: Date.UTC(2026, 9, 25, 0, 30), movedMs: 0 });
      assert.deepEqual(berlin.instant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }), { ms: Date.UTC(2026, 2, 29, 1, 30), movedMs: HOUR });
      // Chatham (UTC+12:45) skips 02:45–03:45 on 27 September 2026: 03:00 becomes 04:00 at UTC+13:45.
      const chatham = ZonedCalendar.for('Pacific/Chatham');
      assert.deepEqual(chatham.instant({ year: 2026, month: 9, day: 27, hour: 3, minute: 0 }), { ms: Date.UTC(2026, 8, 26, 14, 15), movedMs: HOUR });
    });
  });

  it('compares days and writes dates and ISO times in the zone', () => {
    inHostFarAway(() => {
      const kolkata = ZonedCalendar.for('Asia/Kolkata');
      // 18:00 and 19:00 UTC straddle midnight in Kolkata (18:30 UTC).
      assert.equal(kolkata.isSameDay(Date.UTC(2026, 10, 23, 18), Date.UTC(2026, 10, 23, 19)), false);
      assert.equal(kolkata.isSameDay(Date.UTC(2026, 10, 23, 19), Date.UTC(2026, 10, 24, 18)), true);
      assert.equal(kolkata.formatDate(Date.UTC(2026, 10, 23, 19)), '2026-11-24');
      assert.equal(kolkata.formatDateTime(Date.UTC(2026, 10, 23, 18, 30)), '2026-11-24');
      assert.equal(kolkata.formatDateTime(Date.UTC(2026, 10, 23, 19, 5)), '2026-11-24 00:35');
      assert.equal(kolkata.isoWithOffset(Date.UTC(2026, 10, 23, 19, 5, 1, 7)), '2026-11-24T00:35:01.007+05:30');
      assert.equal(ZonedCalendar.for('America/St_Johns').isoWithOffset(Date.UTC(2026, 10, 24)), '2026-11-23T20:30:00.000-03:30');
      assert.equal(kolkata.weekday(Date.UTC(2026, 10, 23, 19)), 2, 'Tuesday 24 November');
      assert.equal(kolkata.wallClockAsUtc(Date.UTC(2026, 10, 23, 19, 5)), Date.UTC(2026, 10, 24, 0, 35));
    });
  });

  it('never asks for an empty window in the first millisecond of the day', () => {
    const tokyo = ZonedCalendar.for('Asia/Tokyo');
    const midnight = tokyo.startOfDay(Date.UTC(2026, 0, 10, 5));
    assert.deepEqual(tokyo.todayWindow(midnight), { startUnix: midnight, endUnix: midnight + 1 });
  });
});
