// A clock for the refresh scheduler whose time moves only when a test moves it; due timers fire in order, and
// after each the test waits for what the timer started (promises, a refresh over real HTTP).

import type { SchedulerClock } from '../../src/status/schedule/refreshScheduler';

/** Lets pending promise callbacks run (a refresh without I/O settles within a few turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

export class SimulatedClock implements SchedulerClock {
  private time: number;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; callback: () => void }>();

  constructor(startMs: number) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves `ms` forward, firing the timers due up to and including the new time. */
  advance(ms: number, waitIdle: () => Promise<void> = settle): Promise<void> {
    return this.run(this.time + ms, true, waitIdle);
  }

  /** Moves to `endMs`, firing the timers due before it (one due at `endMs` belongs to what comes next). */
  advanceTo(endMs: number, waitIdle: () => Promise<void> = settle): Promise<void> {
    return this.run(endMs, false, waitIdle);
  }

  private async run(endMs: number, inclusive: boolean, waitIdle: () => Promise<void>): Promise<void> {
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => (inclusive ? t.at <= endMs : t.at < endMs))
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) {
        break;
      }
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await waitIdle();
    }
    this.time = endMs;
  }
}
