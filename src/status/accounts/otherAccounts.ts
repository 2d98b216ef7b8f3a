// The figures of the accounts that are not active, for the status bar's tooltip: today's characters and the quota
// of each, asked one request at a time, in turn, far apart. The active account refreshes as it always has
// (todayUsage.ts); these share a budget of their own, whatever their number: at most OTHERS_REQUESTS_PER_HOUR
// requests an hour together, each account at most every OTHER_MIN_INTERVAL_MS, no retries, nothing while the
// window is unfocused, and a Retry-After holds them all. Pure apart from the clients and the clock it is given.

import type { ElevenLabsClient } from '../../api/client';
import { describeFailure, isElevenLabsError } from '../../api/errors';
import type { SubscriptionQuota } from '../../api/types';
import type { ZonedCalendar } from '../../usage/calendar/timeZone';
import { charactersIn } from '../../usage/totals';
import { boundedDelay, MAX_TIMER_MS } from '../schedule/boundedDelay';
import type { SchedulerClock } from '../schedule/refreshScheduler';

/** No account is asked more often than this: its figures are a glance at another account, not a live count. */
export const OTHER_MIN_INTERVAL_MS = 15 * 60_000;
/**
 * What all the other accounts together may ask in an hour. The active account makes at most 32 in an hour in any
 * fault (politeness.test.ts, bench/requests.mjs); with these, at most 60 however many accounts there are.
 */
export const OTHERS_REQUESTS_PER_HOUR = 16;
const HOUR_MS = 3_600_000;

/** The time between two requests of the other accounts, `others` of them taking turns. */
export function otherTurnSpacingMs(others: number): number {
  return Math.max(OTHER_MIN_INTERVAL_MS / Math.max(1, others), HOUR_MS / OTHERS_REQUESTS_PER_HOUR);
}

export interface OtherAccountFigures {
  /** Today's characters, and when they were asked for. */
  readonly characters?: { readonly value: number; readonly atMs: number };
  readonly quota?: { readonly value: SubscriptionQuota; readonly atMs: number };
  /** Why the last request failed, and when; the figures above, if any, are older. */
  readonly problem?: { readonly message: string; readonly atMs: number };
}

type OtherClient = Pick<ElevenLabsClient, 'getCharacterStats' | 'getSubscription'>;

export interface OtherAccountsDeps {
  /** A client for the account's own key and host, or undefined when it has no key. */
  clientFor(accountId: string): Promise<OtherClient | undefined>;
  calendar(): ZonedCalendar;
  readonly clock: SchedulerClock;
  /** Told when an account's figures changed, to draw the tooltip again. */
  onChange(): void;
}

export class OtherAccounts {
  private ids: readonly string[] = [];
  private readonly figures = new Map<string, OtherAccountFigures>();
  /** How many requests each account has had: even ones ask today's characters, odd ones the quota. */
  private readonly asked = new Map<string, number>();
  private next = 0;
  private timer: unknown;
  private running: AbortController | undefined;
  private active = false;
  private lastTurnAtMs: number | undefined;
  private heldUntilMs = 0;
  private current: Promise<void> | undefined;

  constructor(private readonly deps: OtherAccountsDeps) {}

  /** The accounts to keep figures of (every one but the active); figures of the others are forgotten. */
  setAccounts(ids: readonly string[]): void {
    this.ids = [...ids];
    for (const id of [...this.figures.keys()]) {
      if (!ids.includes(id)) {
        this.figures.delete(id);
        this.asked.delete(id);
      }
    }
    if (this.active) {
      this.arm();
    }
  }

  /** Resolves once the turn under way, if any, has ended (for a simulated clock to wait on). */
  async settled(): Promise<void> {
    await this.current;
  }

  figuresOf(accountId: string): OtherAccountFigures | undefined {
    return this.figures.get(accountId);
  }

  /** Starts the turns (the window is focused and the item shown); the spacing from the last turn holds. */
  start(): void {
    this.active = true;
    this.arm();
  }

  /** Stops them (unfocused, hidden, disposed); a request under way is abandoned. */
  stop(): void {
    this.active = false;
    this.disarm();
    this.running?.abort();
    this.running = undefined;
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      this.deps.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(): void {
    this.disarm();
    if (!this.active || this.ids.length === 0 || this.running) {
      return;
    }
    const now = this.deps.clock.now();
    const spacing = otherTurnSpacingMs(this.ids.length);
    // A clock set back makes the last turn look later than now: it counts as now, never as a turn long ago.
    const last = this.lastTurnAtMs === undefined ? undefined : Math.min(this.lastTurnAtMs, now);
    const dueAt = Math.max(last === undefined ? now : last + spacing, this.heldUntilMs);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.current = this.turn();
    }, boundedDelay(dueAt - now, 0, MAX_TIMER_MS));
  }

  private async turn(): Promise<void> {
    if (!this.active || this.ids.length === 0) {
      return;
    }
    const id = this.ids[this.next % this.ids.length]!;
    this.next = (this.next + 1) % this.ids.length;
    const controller = new AbortController();
    this.running = controller;
    this.lastTurnAtMs = this.deps.clock.now();
    try {
      await this.ask(id, controller.signal);
    } finally {
      if (this.running === controller) {
        this.running = undefined;
      }
      this.arm();
    }
  }

  /** One request for one account: today's characters, or every other time its quota. */
  private async ask(id: string, signal: AbortSignal): Promise<void> {
    const nowMs = this.deps.clock.now();
    let client: OtherClient | undefined;
    try {
      client = await this.deps.clientFor(id);
    } catch (error) {
      this.record(id, { problem: { message: describeFailure(error, 'Its key could not be read.'), atMs: nowMs } });
      return;
    }
    if (!client) {
      this.record(id, { problem: { message: 'It has no API key: switch to it and run "ElevenLabs: Set API Key".', atMs: nowMs } });
      return;
    }
    const count = this.asked.get(id) ?? 0;
    this.asked.set(id, count + 1);
    const options = { signal, maxRetries: 0 };
    try {
      if (count % 2 === 0) {
        const characters = await charactersIn(client, this.deps.calendar().todayWindow(nowMs), options);
        this.record(id, { characters: { value: characters, atMs: nowMs }, problem: undefined });
      } else {
        this.record(id, { quota: { value: await client.getSubscription(options), atMs: nowMs }, problem: undefined });
      }
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      const retryAfterMs = isElevenLabsError(error) ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined) {
        // The service asked to wait: no account of the others asks before it has.
        this.heldUntilMs = Math.max(this.heldUntilMs, nowMs + retryAfterMs);
      }
      this.record(id, { problem: { message: describeFailure(error, 'The request failed unexpectedly.'), atMs: nowMs } });
    }
  }

  private record(id: string, change: Partial<{ -readonly [K in keyof OtherAccountFigures]: OtherAccountFigures[K] | undefined }>): void {
    if (!this.ids.includes(id)) {
      return;
    }
    const merged = { ...this.figures.get(id), ...change };
    const figures: OtherAccountFigures = {
      ...(merged.characters ? { characters: merged.characters } : {}),
      ...(merged.quota ? { quota: merged.quota } : {}),
      ...(merged.problem ? { problem: merged.problem } : {}),
    };
    this.figures.set(id, figures);
    this.deps.onChange();
  }
}
