// When the status bar refreshes: once at start, then every interval while the window is focused; never while
// it is unfocused (a window in the background spends no requests); at once on focus if the figures are due or
// stale; one refresh in flight at a time (a manual refresh joins it); exponential backoff after failures, and
// never sooner than a Retry-After the service asked for, in this window or in any other of the profile (the
// shared pause). Every wait it arms is bounded, whatever the settings, the service's headers or the clock say:
// between MIN_REARM_MS (after a refresh) and MAX_WAIT_MS. Timers are injected so tests drive the clock.

import { boundedDelay, MAX_TIMER_MS } from './boundedDelay';

export interface RefreshOutcome {
  readonly ok: boolean;
  /** The service asked to wait this long before the next request. */
  readonly retryAfterMs?: number;
  /** Stop polling until refreshNow() or resume() (e.g. the key was refused: polling cannot fix that). */
  readonly halt?: boolean;
  /** The figures are not complete yet: refresh again after this long rather than a whole interval. */
  readonly againInMs?: number;
}

export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The real clock. Node runs a timer of more than MAX_TIMER_MS (about 24.8 days) after 1 ms, so a longer wait is
 * chained: the scheduler never asks for one (see MAX_WAIT_MS), but nothing that reaches a raw setTimeout here can
 * become a stream of refreshes either.
 */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => chainedTimeout(callback, ms),
  clearTimeout: (handle) => (handle as ChainedTimeout).cancel(),
};

interface ChainedTimeout {
  cancel(): void;
}

/** The host's raw timers (Node's by default), which keep to at most MAX_TIMER_MS. */
export interface RawTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: RawTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A timeout of any length (NaN and negative ones fire at once, Infinity never): links of at most MAX_TIMER_MS. */
export function chainedTimeout(callback: () => void, ms: number, timers: RawTimers = nodeTimers): ChainedTimeout {
  let timer: unknown;
  let remaining = Number.isNaN(ms) ? 0 : Math.max(0, ms);
  const link = (): void => {
    if (remaining === Number.POSITIVE_INFINITY) {
      return;
    }
    const step = Math.min(remaining, MAX_TIMER_MS);
    remaining -= step;
    timer = timers.setTimeout(remaining > 0 ? link : callback, step);
  };
  link();
  return {
    cancel: () => {
      if (timer !== undefined) {
        timers.clearTimeout(timer);
      }
    },
  };
}

/**
 * After a failed refresh, gaining focus refreshes again only once this long has passed; the gap doubles with each
 * failure in a row, up to the backoff itself, so that switching windows through a long outage costs little more
 * than staying put (1, 2, 4, 8, 16, 30 minutes).
 */
export const FOCUS_RETRY_GAP_MS = 60_000;

/** Backoff after consecutive failures never exceeds this (unless Retry-After asks for longer). */
export const MAX_BACKOFF_MS = 30 * 60_000;

/** elevenlabsUsage.refreshIntervalSeconds' bounds, in ms: whatever the setting says, the interval is within them. */
export const MIN_INTERVAL_MS = 60_000;
export const MAX_INTERVAL_MS = 60 * 60_000;

/**
 * No wait the scheduler arms is longer than this: the longest interval, backoff or Retry-After it keeps to (a
 * service that asks for days, or a clock that jumped, gets one try an hour, never a stream or a silence of weeks).
 */
export const MAX_WAIT_MS = MAX_INTERVAL_MS;

/** After a refresh, the next one is never armed sooner than this (the follow-up for today's credits is 10 s). */
export const MIN_REARM_MS = 10_000;

/**
 * A pause every window of the profile keeps to: the service asked one of them to wait (Retry-After), or a
 * request of one failed a moment ago (the focus gap that one window keeps between a failure and a retry on focus,
 * FOCUS_RETRY_GAP_MS and growing), and the count of failures in a row, from which each window's backoff grows. A window that gains
 * focus, starts, or whose timer fires asks nothing before the pause ends, so N windows make no more requests in
 * a fault than one. A refresh the user asks for, or one for a new key, goes ahead. Kept on disk beside the quota
 * alerts' claims (status/schedule/filePause.ts).
 */
export interface SharedPause {
  /** What the windows of the profile agreed on last, or undefined. */
  read(): PauseRecord | undefined;
  /** Records a pause (never shortens one that ends later). */
  extend(record: PauseRecord): void;
  /** Lifts a pause set at or before `ms`: an answer that came after it shows the service answers again. */
  liftIfSetBy(ms: number): void;
}

export interface PauseRecord {
  /** No automatic request before this (UTC ms): a Retry-After's end, or the focus gap after a failure. */
  readonly untilMs: number;
  /** When it was set. */
  readonly setAtMs: number;
  /** Consecutive failures so far, across windows: the backoff goes on growing whichever window fails next. */
  readonly failures: number;
}

/**
 * A record's setAtMs may lie ahead of this clock by this much and still be taken (the windows share one machine's
 * clock; this is room for a small correction of it).
 */
export const PAUSE_CLOCK_SLACK_MS = 60_000;

/**
 * The record as far as it can be trusted at `nowMs`: set no later than now (with PAUSE_CLOCK_SLACK_MS to spare)
 * and ending no later than MAX_WAIT_MS after it was set, which is the longest pause any window writes. A record from
 * a clock that has since been set back, or written by hand, would otherwise hold every window silent for as long
 * as it says; undefined when it cannot be judged at all.
 */
export function plausiblePause(record: PauseRecord | undefined, nowMs: number): PauseRecord | undefined {
  if (!record || !Number.isFinite(record.untilMs) || !Number.isFinite(record.setAtMs) || record.setAtMs > nowMs + PAUSE_CLOCK_SLACK_MS) {
    return undefined;
  }
  const failures = Number.isInteger(record.failures) && record.failures > 0 ? Math.min(record.failures, MAX_SHARED_FAILURES) : 0;
  return { untilMs: Math.min(record.untilMs, record.setAtMs + MAX_WAIT_MS), setAtMs: record.setAtMs, failures };
}

/** Failures in a row that a shared record may count: far past where the backoff stops growing. */
export const MAX_SHARED_FAILURES = 1000;

/** Two pauses as one: the later end, the later setting, the most failures (of a current record that is plausible). */
export function mergePause(current: PauseRecord | undefined, record: PauseRecord): PauseRecord {
  const trusted = plausiblePause(current, record.setAtMs);
  return trusted
    ? {
        untilMs: Math.max(trusted.untilMs, record.untilMs),
        setAtMs: Math.max(trusted.setAtMs, record.setAtMs),
        failures: Math.max(trusted.failures, record.failures),
      }
    : record;
}

/** A pause that only this window keeps (tests, or a storage folder that is not on this machine's disk). */
export class WindowPause implements SharedPause {
  private record: PauseRecord | undefined;

  read(): PauseRecord | undefined {
    return this.record;
  }

  extend(record: PauseRecord): void {
    this.record = mergePause(this.record, record);
  }

  liftIfSetBy(ms: number): void {
    if (this.record && this.record.setAtMs <= ms) {
      this.record = undefined;
    }
  }
}

export class RefreshScheduler {
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private focused = false;
  private started = false;
  private halted = false;
  private disposed = false;
  private consecutiveFailures = 0;
  private lastOutcomeOk = false;
  private nextDueAt = 0;
  private notBefore = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private intervalMs: number;

  constructor(
    private readonly run: (signal: AbortSignal) => Promise<RefreshOutcome>,
    intervalMs: number,
    private readonly clock: SchedulerClock = systemClock,
    private readonly pause: SharedPause = new WindowPause(),
  ) {
    this.intervalMs = boundedInterval(intervalMs);
  }

  /** Begins polling: refreshes now if the window is focused (and no window is paused), otherwise on focus. */
  start(focused: boolean): void {
    this.started = true;
    this.focused = focused;
    this.nextDueAt = this.clock.now();
    if (focused) {
      this.runUnlessPaused();
    }
  }

  /** Refreshes at once, as the user asked (joining a refresh already in flight), and lifts a halt. */
  refreshNow(): Promise<void> {
    this.halted = false;
    return this.begin();
  }

  /**
   * Abandons a refresh in flight (its answer is for settings or a key that no longer apply) and refreshes
   * now. Also lifts a halt.
   */
  restart(): Promise<void> {
    if (this.inFlight) {
      this.controller?.abort();
      this.inFlight = undefined;
    }
    this.halted = false;
    this.nextDueAt = this.clock.now();
    if (!this.focused) {
      // Due at once, but a window in the background makes no request: it refreshes when it gains focus.
      this.cancelTimer();
      return Promise.resolve();
    }
    return this.refreshNow();
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) {
      return;
    }
    this.focused = focused;
    if (!focused) {
      this.cancelTimer();
      return;
    }
    this.armOrRun();
  }

  /**
   * A new day began since the figures shown were fetched (local midnight passed, or the window came back the
   * next morning): figures that were current are due at once. Nothing else changes: a halt (a refused key) waits
   * for the user, and after a failure Retry-After, the backoff and the focus gap still decide, so that switching
   * windows after midnight during an outage or a rate limit sends nothing more.
   */
  dayChanged(): void {
    if (this.lastOutcomeOk) {
      this.nextDueAt = Math.min(this.nextDueAt, Math.max(this.clock.now(), this.notBefore));
    }
    if (this.focused) {
      this.armOrRun();
    }
  }

  /** Takes a new interval from the settings (bounded to MIN_INTERVAL_MS..MAX_INTERVAL_MS); the next refresh moves accordingly. */
  setIntervalMs(intervalMs: number): void {
    const bounded = boundedInterval(intervalMs);
    if (bounded === this.intervalMs) {
      return;
    }
    if (this.lastOutcomeOk) {
      // Never sooner than MIN_REARM_MS after the last attempt: a shorter interval set just after a refresh (or
      // after a follow-up was armed) must not make one at once.
      this.nextDueAt = Math.max(this.nextDueAt + bounded - this.intervalMs, this.lastAttemptAt + MIN_REARM_MS);
    }
    this.intervalMs = bounded;
    if (this.focused) {
      this.armOrRun();
    }
  }

  /** Whether polling is waiting for the user (a refused key); refreshNow() resumes it. */
  get isHalted(): boolean {
    return this.halted;
  }

  /** For tests and diagnostics: whether a timer is armed. */
  get hasPendingTimer(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.controller?.abort();
  }

  private armOrRun(): void {
    if (!this.started || this.halted || this.disposed || this.inFlight) {
      return;
    }
    const now = this.clock.now();
    // Stale figures are refreshed on focus, but not sooner than a minute after the failed attempt, so that
    // switching windows during an outage does not become a stream of requests.
    const staleAndRested = !this.lastOutcomeOk && now >= Math.max(this.notBefore, this.lastAttemptAt + this.focusRetryGap());
    const due = now >= this.nextDueAt || staleAndRested;
    if (due) {
      this.runUnlessPaused();
      return;
    }
    this.arm(this.nextDueAt - now, 0);
  }

  /** A refresh the schedule calls for (start, focus, a timer, a new day): none while any window keeps a pause. */
  private runUnlessPaused(): void {
    const now = this.clock.now();
    const until = this.sharedPauseEnd(now);
    if (until > now) {
      this.notBefore = Math.max(this.notBefore, until);
      this.nextDueAt = Math.max(this.nextDueAt, until);
      this.arm(until - now, 0);
      return;
    }
    void this.begin();
  }

  /** When the profile's shared pause ends, no later than MAX_WAIT_MS from now (the record is read from disk). */
  private sharedPauseEnd(now: number): number {
    const until = plausiblePause(this.readShared(), now)?.untilMs ?? 0;
    return Math.min(until, now + MAX_WAIT_MS);
  }

  private begin(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (this.disposed) {
      return Promise.resolve();
    }
    this.cancelTimer();
    const run = this.execute().finally(() => {
      if (this.inFlight === run) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = run;
    return run;
  }

  /** Arms the next refresh in `delayMs`, bounded to [minMs, MAX_WAIT_MS] whatever computed it. */
  private arm(delayMs: number, minMs: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.halted) {
        this.runUnlessPaused();
      }
    }, boundedDelay(delayMs, minMs, MAX_WAIT_MS));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private async execute(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const startedAt = this.clock.now();
    let outcome: RefreshOutcome;
    try {
      outcome = await this.run(controller.signal);
    } catch {
      outcome = { ok: false };
    }
    if (this.disposed || controller.signal.aborted) {
      // Disposed, or abandoned by restart(): the refresh that replaced it does the scheduling.
      return;
    }
    const now = this.clock.now();
    this.lastAttemptAt = now;
    this.lastOutcomeOk = outcome.ok;
    const shared = plausiblePause(this.readShared(), now);
    this.consecutiveFailures = outcome.ok ? 0 : Math.max(this.consecutiveFailures, shared?.failures ?? 0) + 1;
    const retryAfter = boundedDelay(outcome.retryAfterMs ?? 0, 0, MAX_WAIT_MS);
    this.notBefore = now + retryAfter;
    const delay =
      outcome.ok && outcome.againInMs !== undefined ? Math.min(boundedDelay(outcome.againInMs, MIN_REARM_MS, MAX_WAIT_MS), this.intervalMs) : this.delayAfter(outcome.ok);
    const wait = Math.max(retryAfter, delay);
    this.nextDueAt = now + wait;
    this.halted = outcome.halt === true;
    this.share(outcome, startedAt, now, retryAfter);
    if (this.focused && !this.halted) {
      this.arm(wait, MIN_REARM_MS);
    }
  }

  private readShared(): PauseRecord | undefined {
    try {
      return this.pause.read();
    } catch {
      return undefined;
    }
  }

  /**
   * Tells the other windows what this refresh learnt: a fault (the backoff or a Retry-After) pauses them all; an
   * answer without one lifts a pause set before this refresh began. A refused key is this window's own business.
   */
  private share(outcome: RefreshOutcome, startedAt: number, now: number, retryAfter: number): void {
    try {
      if (outcome.halt) {
        return;
      }
      if (!outcome.ok) {
        // The focus gap for every window (as for this one), or the Retry-After if longer. This window's own timer
        // keeps to the backoff, which the others take up through `failures` when they fail next.
        this.pause.extend({ untilMs: now + Math.max(retryAfter, this.focusRetryGap()), setAtMs: now, failures: this.consecutiveFailures });
      } else if (retryAfter > 0) {
        this.pause.extend({ untilMs: now + retryAfter, setAtMs: now, failures: 0 });
      } else {
        this.pause.liftIfSetBy(startedAt);
      }
    } catch {
      // A pause that cannot be written leaves each window to its own backoff, as before there was one.
    }
  }

  /** How long after a failed attempt focus may retry: FOCUS_RETRY_GAP_MS, doubled per failure after the first, up to the backoff. */
  private focusRetryGap(): number {
    const failures = Math.max(this.consecutiveFailures, 1);
    return Math.min(FOCUS_RETRY_GAP_MS * 2 ** Math.min(failures - 1, 20), this.backoff(failures));
  }

  private delayAfter(ok: boolean): number {
    return ok ? this.intervalMs : this.backoff(Math.max(this.consecutiveFailures, 1));
  }

  /** The wait after `failures` failures in a row: the interval doubled per failure after the first, capped. */
  private backoff(failures: number): number {
    return Math.min(this.intervalMs * 2 ** Math.min(failures - 1, 20), Math.max(MAX_BACKOFF_MS, this.intervalMs));
  }
}

/** The interval within MIN_INTERVAL_MS..MAX_INTERVAL_MS; NaN (a setting gone wrong) is the longest. */
function boundedInterval(ms: number): number {
  return boundedDelay(ms, MIN_INTERVAL_MS, MAX_INTERVAL_MS);
}
