import * as assert from 'node:assert/strict';
import { FOCUS_RETRY_GAP_MS, MAX_BACKOFF_MS, RefreshScheduler, type RefreshOutcome } from '../../../src/status/schedule/refreshScheduler';
import { settle, SimulatedClock } from '../../simulation/simulatedClock';

/** A clock whose time moves only when the test says so (advance fires what is due). */
class ManualClock extends SimulatedClock {
  constructor() {
    super(1_000_000);
  }
}

const MINUTE = 60_000;
const INTERVAL = 5 * MINUTE;

function setup(outcomes: RefreshOutcome[] = []) {
  const clock = new ManualClock();
  const runs: number[] = [];
  const scheduler = new RefreshScheduler(async () => {
    runs.push(clock.now());
    return outcomes.shift() ?? { ok: true };
  }, INTERVAL, clock);
  return { clock, runs, scheduler };
}

describe('refresh scheduling', () => {
  it('refreshes at start and then every interval while focused', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    await clock.advance(3 * INTERVAL);
    assert.equal(runs.length, 4);
    assert.deepEqual(runs.slice(1).map((t, i) => t - runs[i]!), [INTERVAL, INTERVAL, INTERVAL]);
  });

  it('makes no request while unfocused, and refreshes on focus once due', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    scheduler.setFocused(false);
    assert.equal(scheduler.hasPendingTimer, false);
    await clock.advance(10 * INTERVAL);
    assert.equal(runs.length, 1);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 2);
  });

  it('does not refresh on focus when the figures are fresh, but keeps the schedule', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    await clock.advance(MINUTE);
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 1);
    await clock.advance(3 * MINUTE);
    assert.equal(runs.length, 2);
  });

  it('starts unfocused without a request until focus arrives', async () => {
    const { runs, scheduler } = setup();
    scheduler.start(false);
    await settle();
    assert.equal(runs.length, 0);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 1);
  });

  it('refreshes on focus when the last refresh failed (stale), at most once a minute', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false }, { ok: false }]);
    scheduler.start(true);
    await settle();
    scheduler.setFocused(false);
    await clock.advance(10_000);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 1, 'ten seconds after a failure, focus does not retry');
    scheduler.setFocused(false);
    await clock.advance(MINUTE - 10_000);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 2, 'a minute after it, focus refreshes the stale figures');
    assert.equal(FOCUS_RETRY_GAP_MS, MINUTE);
  });

  it('backs off exponentially after failures, capped, and resets after a success', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false }, { ok: false }, { ok: false }, { ok: false }, { ok: false }, { ok: false }]);
    scheduler.start(true);
    await settle();
    await clock.advance(4 * 60 * MINUTE);
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    assert.deepEqual(gaps.slice(0, 5), [INTERVAL, 2 * INTERVAL, 4 * INTERVAL, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    assert.equal(gaps[6], INTERVAL, 'after the first success the interval is normal again');
  });

  it('waits at least as long as Retry-After, even on focus', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false, retryAfterMs: 20 * MINUTE }]);
    scheduler.start(true);
    await settle();
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 1, 'focus does not override Retry-After');
    await clock.advance(19 * MINUTE - 1);
    assert.equal(runs.length, 1);
    await clock.advance(1);
    assert.equal(runs.length, 2);
  });

  it('keeps one refresh in flight: a manual refresh joins it', async () => {
    const clock = new ManualClock();
    let release!: () => void;
    let calls = 0;
    const scheduler = new RefreshScheduler(async () => {
      calls++;
      await new Promise<void>((resolve) => (release = resolve));
      return { ok: true };
    }, INTERVAL, clock);
    scheduler.start(true);
    const a = scheduler.refreshNow();
    const b = scheduler.refreshNow();
    assert.equal(calls, 1);
    release();
    await Promise.all([a, b]);
    assert.equal(calls, 1);
  });

  it('halts polling when told to (refused key) until a manual refresh', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false, halt: true }]);
    scheduler.start(true);
    await settle();
    assert.equal(scheduler.isHalted, true);
    await clock.advance(10 * INTERVAL);
    scheduler.setFocused(false);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 1);
    await scheduler.refreshNow();
    assert.equal(runs.length, 2);
    assert.equal(scheduler.isHalted, false);
  });

  it('comes back soon when a refresh says its figures are not complete', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true, againInMs: 10_000 }]);
    scheduler.start(true);
    await settle();
    await clock.advance(10_000);
    assert.equal(runs.length, 2, 'the follow-up came after ten seconds');
    await clock.advance(INTERVAL - 1);
    assert.equal(runs.length, 2, 'then the normal interval');
    await clock.advance(1);
    assert.equal(runs.length, 3);
  });

  it('waits for a Retry-After that came with a refresh that succeeded, follow-up or not', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true, retryAfterMs: 2 * MINUTE, againInMs: 10_000 }, { ok: true, retryAfterMs: 20 * MINUTE }]);
    scheduler.start(true);
    await settle();
    await clock.advance(2 * MINUTE - 1);
    assert.equal(runs.length, 1, 'no follow-up before the wait the service asked for');
    await clock.advance(1);
    assert.equal(runs.length, 2);
    await clock.advance(20 * MINUTE - 1);
    assert.equal(runs.length, 2, 'longer than the interval, too');
    await clock.advance(1);
    assert.equal(runs.length, 3);
  });

  it('moves the next refresh when the interval setting changes', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    scheduler.setIntervalMs(2 * MINUTE);
    await clock.advance(2 * MINUTE);
    assert.equal(runs.length, 2);
  });

  it('stops everything on dispose and aborts the request in flight', async () => {
    const clock = new ManualClock();
    let signal: AbortSignal | undefined;
    const scheduler = new RefreshScheduler(async (s) => {
      signal = s;
      return new Promise<RefreshOutcome>(() => undefined);
    }, INTERVAL, clock);
    scheduler.start(true);
    scheduler.dispose();
    assert.equal(signal?.aborted, true);
    assert.equal(clock.timers.size, 0);
  });
});

describe('restarting a refresh', () => {
  it('makes no request in an unfocused window, and refreshes as soon as it gains focus', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    await scheduler.restart();
    assert.equal(runs.length, 1);
    assert.equal(scheduler.hasPendingTimer, false);
    scheduler.setFocused(true);
    await settle();
    assert.equal(runs.length, 2);
  });

  it('abandons the refresh in flight and runs a new one at once', async () => {
    const clock = new ManualClock();
    const signals: AbortSignal[] = [];
    const scheduler = new RefreshScheduler(async (signal) => {
      signals.push(signal);
      if (signals.length === 1) {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        return { ok: false };
      }
      return { ok: true };
    }, INTERVAL, clock);
    scheduler.start(true);
    await scheduler.restart();
    assert.equal(signals.length, 2);
    assert.equal(signals[0]!.aborted, true);
    assert.equal(signals[1]!.aborted, false);
    await settle();
    assert.deepEqual([...clock.timers.values()].map((t) => t.at - clock.now()), [INTERVAL], 'only the new refresh schedules the next one');
  });
});

describe('a new day (local midnight, or the window back the next morning)', () => {
  it('refreshes current figures at once, rather than at the end of the interval', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    await clock.advance(MINUTE);
    scheduler.dayChanged();
    await settle();
    assert.deepEqual(runs.map((t) => t - runs[0]!), [0, MINUTE]);
  });

  it('sends nothing for a refused key: the halt waits for the user, whatever the focus does', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false, halt: true }]);
    scheduler.start(true);
    await settle();
    for (let i = 0; i < 5; i++) {
      scheduler.setFocused(false);
      await clock.advance(MINUTE);
      scheduler.setFocused(true);
      scheduler.dayChanged();
      await settle();
    }
    assert.equal(runs.length, 1);
    assert.equal(scheduler.isHalted, true);
  });

  it('keeps to a Retry-After and the focus gap after a failure, however often the window is switched to', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false, retryAfterMs: 10 * MINUTE }]);
    scheduler.start(true);
    await settle();
    for (let i = 0; i < 5; i++) {
      scheduler.setFocused(false);
      await clock.advance(MINUTE / 2);
      scheduler.setFocused(true);
      scheduler.dayChanged();
      await settle();
    }
    assert.equal(runs.length, 1, 'nothing before the Retry-After');
    await clock.advance(10 * MINUTE);
    assert.equal(runs.length, 2, 'the next try when the service said');
  });

  it('waits for a Retry-After that came with figures that succeeded', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true, retryAfterMs: 10 * MINUTE }]);
    scheduler.start(true);
    await settle();
    await clock.advance(MINUTE);
    scheduler.dayChanged();
    await settle();
    assert.equal(runs.length, 1);
    await clock.advance(9 * MINUTE);
    assert.deepEqual(runs.map((t) => t - runs[0]!), [0, 10 * MINUTE]);
  });

  it('makes no request in an unfocused window', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.start(true);
    await settle();
    scheduler.setFocused(false);
    await clock.advance(MINUTE);
    scheduler.dayChanged();
    await settle();
    assert.equal(runs.length, 1);
  });
});
