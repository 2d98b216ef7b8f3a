import * as assert from 'node:assert/strict';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { customWindow, parseLocalDate, presetWindow, suggestedBucketSeconds, suggestedInterval, WINDOW_PRESETS } from '../../../src/usage/calendar/windows';
import { inTimeZone } from '../helpers/timeZone';

const HOUR = 3_600_000;
const zone = (name: string) => ZonedCalendar.for(name);
/**
 * The extension host's own zone, far from every zone the tests use: the windows must follow the calendar they
 * are given, never the process's local time.
 */
const HOST_ZONE = 'Pacific/Kiritimati';

function local(name: string, text: string): number {
  const parsed = parseLocalDate(text, zone(name));
  assert.ok(parsed.ok, text);
  return parsed.ms;
}

describe('usage windows', () => {
  // 2026-11-24 14:05 in Kolkata (UTC+5:30).
  const now = Date.UTC(2026, 10, 24, 8, 35);

  it('resolves each preset in local time', () => {
    const windows = inTimeZone(HOST_ZONE, () => Object.fromEntries(WINDOW_PRESETS.map((p) => [p, presetWindow(p, now, zone('Asia/Kolkata'))])));
    const k = (text: string) => local('Asia/Kolkata', text);
    assert.deepEqual(windows['today'], { startUnix: k('2026-11-24'), endUnix: now });
    assert.deepEqual(windows['yesterday'], { startUnix: k('2026-11-23'), endUnix: k('2026-11-24') - 1 });
    assert.deepEqual(windows['last7Days'], { startUnix: k('2026-11-18'), endUnix: now });
    assert.deepEqual(windows['last30Days'], { startUnix: k('2026-10-26'), endUnix: now });
    assert.deepEqual(windows['thisMonth'], { startUnix: k('2026-11-01'), endUnix: now });
    assert.deepEqual(windows['lastMonth'], { startUnix: k('2026-10-01'), endUnix: k('2026-11-01') - 1 });
    assert.deepEqual(windows['last12Months'], { startUnix: k('2025-12-01'), endUnix: now });
  });

  it('counts calendar days across a DST change', () => {
    // New York falls back on 2026-11-01: the 7 days up to 2026-11-04 hold 7*24+1 hours.
    const ny = Date.UTC(2026, 10, 4, 17);
    const week = inTimeZone(HOST_ZONE, () => presetWindow('last7Days', ny, zone('America/New_York')));
    assert.equal(week.startUnix, local('America/New_York', '2026-10-29'));
    assert.equal(new Date(week.startUnix).toISOString(), '2026-10-29T04:00:00.000Z');
    const yesterday = inTimeZone(HOST_ZONE, () => presetWindow('yesterday', Date.UTC(2026, 10, 2, 17), zone('America/New_York')));
    assert.equal(yesterday.endUnix + 1 - yesterday.startUnix, 25 * HOUR);
  });

  it('reads custom dates, refusing ones that do not exist', () => {
    assert.equal(local('UTC', '2026-03-05'), Date.UTC(2026, 2, 5));
    assert.equal(local('UTC', '2026-03-05 13:45'), Date.UTC(2026, 2, 5, 13, 45));
    const bad = parseLocalDate('2026-02-30', zone('UTC'));
    assert.deepEqual(bad, { ok: false, message: '2026-02-30 does not exist on the calendar: check the month, day and time.' });
    const garbage = parseLocalDate('next tuesday', zone('UTC'));
    assert.ok(!garbage.ok && /type it as YYYY-MM-DD/.test(garbage.message));
    assert.ok(!parseLocalDate('2026-01-01 24:00', zone('UTC')).ok);
  });

  it('makes a custom window with the end day included, cut at now', () => {
    inTimeZone(HOST_ZONE, () => {
      const result = customWindow('2026-11-01', '2026-11-10', now, zone('Asia/Kolkata'));
      assert.ok(result.ok);
      assert.deepEqual(result.window, { startUnix: Date.UTC(2026, 9, 31, 18, 30), endUnix: Date.UTC(2026, 10, 10, 18, 30) - 1 });
      const open = customWindow('2026-11-20', '2026-12-31', now, zone('Asia/Kolkata'));
      assert.ok(open.ok && open.window.endUnix === now);
    });
  });

  it('includes whole days in a custom range across a DST change', () => {
    // New York springs forward on 2026-03-08: that day has 23 hours; Berlin falls back on 2026-10-25: 25.
    const ny = inTimeZone(HOST_ZONE, () => customWindow('2026-03-08', '2026-03-08', Date.UTC(2026, 5, 1), zone('America/New_York')));
    assert.ok(ny.ok);
    assert.equal(ny.window.endUnix + 1 - ny.window.startUnix, 23 * HOUR);
    assert.equal(new Date(ny.window.startUnix).toISOString(), '2026-03-08T05:00:00.000Z');
    const berlin = inTimeZone(HOST_ZONE, () => customWindow('2026-10-25', '2026-10-25', Date.UTC(2026, 11, 1), zone('Europe/Berlin')));
    assert.ok(berlin.ok);
    assert.equal(berlin.window.endUnix + 1 - berlin.window.startUnix, 25 * HOUR);
    assert.equal(new Date(berlin.window.startUnix).toISOString(), '2026-10-24T22:00:00.000Z');
  });

  it('explains a bad custom range', () => {
    const n = Date.UTC(2026, 10, 24, 12);
    const utc = zone('UTC');
    assert.deepEqual(customWindow('2026-11-10', '2026-11-01', n, utc), { ok: false, message: 'The end is before the start: pick an end date on or after the start date.' });
    assert.deepEqual(customWindow('2026-12-01', '2026-12-02', n, utc), { ok: false, message: 'The start is in the future: there is no usage to show yet. Pick a start today or earlier.' });
    // A typo in the year is named as one, not as a window too long to chart.
    assert.deepEqual(customWindow('1026-11-01', '2026-11-02', n, zone('Asia/Kathmandu')), { ok: false, message: '1026 is years before ElevenLabs had any usage (2022): check the year.' });
    assert.ok(customWindow('2022-01-02', '2022-01-03', n, utc).ok, 'the first year of ElevenLabs is taken');
    const badEnd = customWindow('2026-11-01', '2026-13-01', n, utc);
    assert.ok(!badEnd.ok && badEnd.message.startsWith('End: 2026-13-01 does not exist'));
    const badStart = customWindow('11/01/2026', '2026-11-02', n, utc);
    assert.ok(!badStart.ok && badStart.message.startsWith('Start: "11/01/2026" is not a date'));
  });

  it('suggests an aggregation that suits the window', () => {
    const day = 24 * HOUR;
    assert.equal(suggestedInterval({ startUnix: 0, endUnix: day }), 'hour');
    assert.equal(suggestedInterval({ startUnix: 0, endUnix: 30 * day }), 'day');
    assert.equal(suggestedInterval({ startUnix: 0, endUnix: 365 * day }), 'week');
    assert.equal(suggestedInterval({ startUnix: 0, endUnix: 800 * day }), 'month');
    assert.equal(suggestedBucketSeconds({ startUnix: 0, endUnix: day }), 1800);
    assert.equal(suggestedBucketSeconds({ startUnix: 0, endUnix: 7 * day }), 10800);
  });

  it('moves a start inside a DST gap forward and says so', () => {
    // Berlin skips 02:00–03:00 on 2026-03-29: 02:30 does not exist there.
    const berlin = zone('Europe/Berlin');
    const parsed = parseLocalDate('2026-03-29 02:30', berlin);
    assert.ok(parsed.ok);
    assert.equal(new Date(parsed.ms).toISOString(), '2026-03-29T01:30:00.000Z', '03:30 CEST');
    assert.equal(parsed.note, '2026-03-29 02:30 does not exist in Europe/Berlin (the clocks went forward 60 minutes then): using 2026-03-29 03:30.');
    const window = customWindow('2026-03-29 02:30', '2026-03-30', Date.UTC(2026, 5, 1), berlin);
    assert.ok(window.ok);
    assert.deepEqual(window.notes, [parsed.note]);
    // Lord Howe Island moves its clocks by 30 minutes (02:00 → 02:30 on 2026-10-04).
    const lordHowe = parseLocalDate('2026-10-04 02:10', zone('Australia/Lord_Howe'));
    assert.ok(lordHowe.ok);
    assert.match(lordHowe.note ?? '', /forward 30 minutes then\): using 2026-10-04 02:40\.$/);
    assert.deepEqual(parseLocalDate('2026-10-04 01:59', zone('Australia/Lord_Howe')), { ok: true, ms: Date.UTC(2026, 9, 3, 15, 29) }, 'the minute before the gap, at +10:30');
  });
});
