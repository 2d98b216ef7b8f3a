// When the status bar refreshes: once at start, then every interval while the window is focused; never while
// it is unfocused (a window in the background spends no requests); at once on focus if the figures are due or
// stale; one refresh in flight at a time (a manual refresh joins it); exponential backoff after failures, and
// never sooner than a Retry-After the service asked for. Timers are injected so tests drive the clock.

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

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** After a failed refresh, gaining focus refreshes again only once this long has passed. */
export const FOCUS_RETRY_GAP_MS = 60_000;

/** Backoff after consecutive failures never exceeds this (unless Retry-After asks for longer). */
export const MAX_BACKOFF_MS = 30 * 60_000;

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

  constructor(
    private readonly run: (signal: AbortSignal) => Promise<RefreshOutcome>,
    private intervalMs: number,
    private readonly clock: SchedulerClock = systemClock,
  ) {}

  /** Begins polling: refreshes now if the window is focused, otherwise as soon as it gains focus. */
  start(focused: boolean): void {
    this.started = true;
    this.focused = focused;
    this.nextDueAt = this.clock.now();
    if (focused) {
      void this.refreshNow();
    }
  }

  /** Refreshes at once (joining a refresh already in flight) and lifts a halt. */
  refreshNow(): Promise<void> {
    this.halted = false;
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

  /** Takes a new interval from the settings; the next refresh moves accordingly. */
  setIntervalMs(intervalMs: number): void {
    if (intervalMs === this.intervalMs) {
      return;
    }
    if (this.lastOutcomeOk) {
      this.nextDueAt += intervalMs - this.intervalMs;
    }
    this.intervalMs = intervalMs;
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
    const staleAndRested = !this.lastOutcomeOk && now >= Math.max(this.notBefore, this.lastAttemptAt + FOCUS_RETRY_GAP_MS);
    const due = now >= this.nextDueAt || staleAndRested;
    if (due) {
      void this.refreshNow();
      return;
    }
    this.arm(this.nextDueAt - now);
  }

  private arm(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow();
    }, Math.max(0, delayMs));
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
    this.consecutiveFailures = outcome.ok ? 0 : this.consecutiveFailures + 1;
    const retryAfter = outcome.retryAfterMs ?? 0;
    this.notBefore = now + retryAfter;
    const delay = outcome.ok && outcome.againInMs !== undefined ? Math.min(outcome.againInMs, this.intervalMs) : this.delayAfter(outcome.ok);
    this.nextDueAt = now + Math.max(retryAfter, delay);
    this.halted = outcome.halt === true;
    if (this.focused && !this.halted) {
      this.arm(this.nextDueAt - now);
    }
  }

  private delayAfter(ok: boolean): number {
    if (ok) {
      return this.intervalMs;
    }
    const backoff = this.intervalMs * 2 ** (this.consecutiveFailures - 1);
    return Math.min(backoff, Math.max(MAX_BACKOFF_MS, this.intervalMs));
  }
}
