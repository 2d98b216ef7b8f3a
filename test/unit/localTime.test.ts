import * as assert from 'node:assert/strict';
import { isSameLocalDay, startOfLocalDay, startOfNextLocalDay, todayWindow } from '../../src/usage/localTime';
import { inTimeZone } from './helpers/timeZone';

const HOUR = 3_600_000;

describe('local days', () => {
  it('starts today at local midnight, not UTC midnight', () => {
    // 2026-11-24 03:00 UTC is 08:30 in Kolkata (UTC+5:30) and 22:00 on the 23rd in New York (UTC-5).
    const now = Date.UTC(2026, 10, 24, 3, 0);
    assert.deepEqual(
      inTimeZone('Asia/Kolkata', () => todayWindow(now)),
      { startUnix: Date.UTC(2026, 10, 23, 18, 30), endUnix: now },
    );
    assert.deepEqual(
      inTimeZone('America/New_York', () => todayWindow(now)),
      { startUnix: Date.UTC(2026, 10, 23, 5, 0), endUnix: now },
    );
    assert.equal(inTimeZone('UTC', () => startOfLocalDay(now)), Date.UTC(2026, 10, 24));
  });

  it('has 23 and 25 hour days at DST changes', () => {
    inTimeZone('Europe/Berlin', () => {
      const springForward = Date.UTC(2026, 2, 29, 12); // clocks go 02:00 → 03:00 on 29 March 2026
      assert.equal(startOfNextLocalDay(springForward) - startOfLocalDay(springForward), 23 * HOUR);
      const fallBack = Date.UTC(2026, 9, 25, 12); // 03:00 → 02:00 on 25 October 2026
      assert.equal(startOfNextLocalDay(fallBack) - startOfLocalDay(fallBack), 25 * HOUR);
    });
  });

  it('never asks for an empty window at the first millisecond of the day', () => {
    inTimeZone('Asia/Tokyo', () => {
      const midnight = startOfLocalDay(Date.UTC(2026, 0, 10, 5));
      assert.deepEqual(todayWindow(midnight), { startUnix: midnight, endUnix: midnight + 1 });
    });
  });

  it('compares days in local time', () => {
    inTimeZone('Asia/Kolkata', () => {
      // 18:00 UTC and 19:00 UTC straddle Kolkata's midnight (18:30 UTC).
      assert.equal(isSameLocalDay(Date.UTC(2026, 10, 23, 18), Date.UTC(2026, 10, 23, 19)), false);
      assert.equal(isSameLocalDay(Date.UTC(2026, 10, 23, 19), Date.UTC(2026, 10, 24, 18)), true);
    });
  });
});
