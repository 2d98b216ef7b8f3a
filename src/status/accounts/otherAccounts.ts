// The figures of the accounts that are not active, for the status bar's tooltip: today's characters and the quota
// of each, asked one request at a time, in turn, far apart. The active account refreshes as it always has
// (todayUsage.ts); these share a budget of their own, whatever their number: at most OTHERS_REQUESTS_PER_HOUR
// requests an hour together, each account at most every OTHER_MIN_INTERVAL_MS, no retries, nothing while the
// window is unfocused, and a Retry-After holds them all. The budget is the profile's, not the window's: the windows
// keep one record of the turns (SharedTurns, a file in the global storage), so moving the focus from one window to
// another asks no sooner. Pure apart from the clients, the clock and the record it is given.

import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../../api/client';
import { describeFailure, isElevenLabsError } from '../../api/errors';
import type { SubscriptionQuota } from '../../api/types';
import type { ZonedCalendar } from '../../usage/calendar/timeZone';
import { charactersIn } from '../../usage/totals';
import { boundedDelay, MAX_TIMER_MS } from '../schedule/boundedDelay';
import type { SchedulerClock } from '../schedule/refreshScheduler';
import { MAX_RETRY_AFTER_MS } from '../../api/responseErrors';
import { MAX_ACCOUNTS } from './accounts';
import { isAccountIdText } from '../../shared/accountIdText';

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

/** What the windows of a profile share of the other accounts' turns, so that together they keep one budget. */
export interface OtherTurnsRecord {
  /** When the last turn of any window began (UTC ms). */
  readonly lastTurnAtMs: number;
  /** No turn before this: a Retry-After one of them was given. */
  readonly heldUntilMs: number;
  /** When each account was last asked, by id. */
  readonly askedAtMs: Readonly<Record<string, number>>;
  /** What each account was last asked for, by id: its next turn asks the other (today's characters, the quota). */
  readonly lastAsked?: Readonly<Record<string, OtherRequestKind>>;
}

/** The two figures an other account's turns take in alternation. */
export type OtherRequestKind = 'characters' | 'quota';

export interface SharedTurns {
  /** The record as the windows last wrote it (undefined: none yet, or unreadable); read as untrusted. */
  read(): unknown;
  write(record: OtherTurnsRecord): void;
}

/** The record of this window alone (for tests, and where the storage folder is not on this machine's disk). */
export class WindowTurns implements SharedTurns {
  private record: OtherTurnsRecord | undefined;
  read(): unknown {
    return this.record;
  }
  write(record: OtherTurnsRecord): void {
    this.record = record;
  }
}

/**
 * A record from the shared file (another window, another version, a hand edit) as it may be used at `nowMs`: times
 * in the future (a clock set back, a hostile value) count as now, a hold as at most the longest Retry-After the
 * client keeps, and only accounts of the shape ids have, ten at most.
 */
export function sanitizeTurns(raw: unknown, nowMs: number): OtherTurnsRecord | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { lastTurnAtMs, heldUntilMs, askedAtMs, lastAsked } = raw as Record<string, unknown>;
  const time = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.min(value, nowMs) : 0);
  const asked: Record<string, number> = {};
  if (typeof askedAtMs === 'object' && askedAtMs !== null) {
    for (const [id, at] of Object.entries(askedAtMs).slice(0, MAX_ACCOUNTS)) {
      if (isAccountIdText(id)) {
        asked[id] = time(at);
      }
    }
  }
  const kinds: Record<string, OtherRequestKind> = {};
  if (typeof lastAsked === 'object' && lastAsked !== null) {
    for (const [id, kind] of Object.entries(lastAsked).slice(0, MAX_ACCOUNTS)) {
      if (isAccountIdText(id) && (kind === 'characters' || kind === 'quota')) {
        kinds[id] = kind;
      }
    }
  }
  const held = typeof heldUntilMs === 'number' && Number.isFinite(heldUntilMs) ? Math.min(heldUntilMs, nowMs + MAX_RETRY_AFTER_MS) : 0;
  return { lastTurnAtMs: time(lastTurnAtMs), heldUntilMs: held, askedAtMs: asked, lastAsked: kinds };
}

/**
 * Whether reading `raw` changed it (a time from the future, a hold beyond the bound, a field dropped): the record is
 * then written back as read, so that a corrected time ages from now instead of being corrected to now at every
 * read, which would keep the turns waiting for good.
 */
function wasCorrected(raw: unknown, read: OtherTurnsRecord | undefined): boolean {
  if (!read || typeof raw !== 'object' || raw === null) {
    return false;
  }
  const record = raw as Record<string, unknown>;
  const same = (value: unknown, clean: Readonly<Record<string, unknown>>): boolean =>
    typeof value === 'object' && value !== null && Object.keys(value).length === Object.keys(clean).length && Object.entries(clean).every(([id, v]) => (value as Record<string, unknown>)[id] === v);
  return record['lastTurnAtMs'] !== read.lastTurnAtMs || record['heldUntilMs'] !== read.heldUntilMs || !same(record['askedAtMs'], read.askedAtMs) || !same(record['lastAsked'], read.lastAsked ?? {});
}

/** The record with only these accounts' entries: an account removed (or now active) leaves no trace in it. */
function onlyFor(record: OtherTurnsRecord, ids: readonly string[]): OtherTurnsRecord {
  const kept = <T>(entries: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.entries(entries).filter(([id]) => ids.includes(id)));
  return { ...record, askedAtMs: kept(record.askedAtMs), lastAsked: kept(record.lastAsked ?? {}) };
}

const NO_TURNS: OtherTurnsRecord = { lastTurnAtMs: Number.NEGATIVE_INFINITY, heldUntilMs: 0, askedAtMs: {} };

export interface OtherAccountsDeps {
  /** A client for the account's own key and host, or undefined when it has no key. */
  clientFor(accountId: string): Promise<OtherClient | undefined>;
  calendar(): ZonedCalendar;
  readonly clock: SchedulerClock;
  /** Told when an account's figures changed, to draw the tooltip again. */
  onChange(): void;
  /** The profile's record of the turns, which every window keeps to; left out, this window's alone. */
  readonly turns?: SharedTurns;
}

export class OtherAccounts {
  private ids: readonly string[] = [];
  private readonly figures = new Map<string, OtherAccountFigures>();
  private timer: unknown;
  private running: AbortController | undefined;
  private active = false;
  private current: Promise<void> | undefined;
  private readonly turns: SharedTurns;
  /** What this window last wrote to the shared record. */
  private ownTurns: OtherTurnsRecord | undefined;

  constructor(private readonly deps: OtherAccountsDeps) {
    this.turns = deps.turns ?? new WindowTurns();
  }

  /** The accounts to keep figures of (every one but the active); figures of the others are forgotten. */
  setAccounts(ids: readonly string[]): void {
    this.ids = [...ids];
    for (const id of [...this.figures.keys()]) {
      if (!ids.includes(id)) {
        this.figures.delete(id);
      }
    }
    // A removed account (or the one now active) leaves no trace in the shared record either.
    const record = this.ledger(this.deps.clock.now());
    if ([...Object.keys(record.askedAtMs), ...Object.keys(record.lastAsked ?? {})].some((id) => !ids.includes(id))) {
      this.writeTurns(onlyFor(record, ids));
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

  /**
   * The record as it may be used now: the shared one and this window's own, whichever is later in each part (the
   * window's own holds when the shared one cannot be read or written; none yet: no turn, nothing held).
   */
  private ledger(nowMs: number): OtherTurnsRecord {
    let shared: unknown;
    try {
      shared = this.turns.read();
    } catch {
      shared = undefined;
    }
    const ownRead = sanitizeTurns(this.ownTurns, nowMs);
    const sharedRead = sanitizeTurns(shared, nowMs);
    const own = ownRead ?? NO_TURNS;
    const theirs = sharedRead ?? NO_TURNS;
    const askedAtMs: Record<string, number> = { ...theirs.askedAtMs };
    const lastAsked: Record<string, OtherRequestKind> = { ...theirs.lastAsked };
    for (const [id, at] of Object.entries(own.askedAtMs)) {
      if (at > (askedAtMs[id] ?? Number.NEGATIVE_INFINITY)) {
        askedAtMs[id] = at;
        const kind = own.lastAsked?.[id];
        if (kind) {
          lastAsked[id] = kind;
        }
      }
    }
    const record = { lastTurnAtMs: Math.max(own.lastTurnAtMs, theirs.lastTurnAtMs), heldUntilMs: Math.max(own.heldUntilMs, theirs.heldUntilMs), askedAtMs, lastAsked };
    if (wasCorrected(shared, sharedRead) || wasCorrected(this.ownTurns, ownRead)) {
      this.writeTurns(record);
    }
    return record;
  }

  /** When the next turn may be, by the record every window keeps to. */
  private dueAt(record: OtherTurnsRecord): number {
    return Math.max(record.lastTurnAtMs + otherTurnSpacingMs(this.ids.length), record.heldUntilMs);
  }

  private arm(): void {
    this.disarm();
    if (!this.active || this.ids.length === 0 || this.running) {
      return;
    }
    const now = this.deps.clock.now();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.current = this.turn();
    }, boundedDelay(this.dueAt(this.ledger(now)) - now, 0, MAX_TIMER_MS));
  }

  private async turn(): Promise<void> {
    if (!this.active || this.ids.length === 0) {
      return;
    }
    const now = this.deps.clock.now();
    const record = this.ledger(now);
    if (this.dueAt(record) > now) {
      // Another window took a turn (or was held) since this one was armed: wait for the next.
      this.arm();
      return;
    }
    // The account asked longest ago by any window; in the list's order among those never asked.
    const id = this.ids.reduce((oldest, candidate) => ((record.askedAtMs[candidate] ?? Number.NEGATIVE_INFINITY) < (record.askedAtMs[oldest] ?? Number.NEGATIVE_INFINITY) ? candidate : oldest));
    const kind: OtherRequestKind = record.lastAsked?.[id] === 'characters' ? 'quota' : 'characters';
    const kept = onlyFor(record, this.ids);
    this.writeTurns({ ...kept, lastTurnAtMs: now, askedAtMs: { ...kept.askedAtMs, [id]: now }, lastAsked: { ...kept.lastAsked, [id]: kind } });
    const controller = new AbortController();
    this.running = controller;
    try {
      await this.ask(id, kind, controller.signal);
    } finally {
      if (this.running === controller) {
        this.running = undefined;
      }
      this.arm();
    }
  }

  private writeTurns(record: OtherTurnsRecord): void {
    this.ownTurns = record;
    try {
      this.turns.write(record);
    } catch {
      // A record that cannot be written (a full disk) leaves this window to its own record: still bounded.
    }
  }

  /** One request for one account: today's characters, or every other time its quota. */
  private async ask(id: string, kind: OtherRequestKind, signal: AbortSignal): Promise<void> {
    const nowMs = this.deps.clock.now();
    let client: OtherClient | undefined;
    try {
      client = await this.deps.clientFor(id);
    } catch (error) {
      this.record(id, { problem: { message: describeFailure(error, l10n.t('Its key could not be read.')), atMs: nowMs } });
      return;
    }
    if (!client) {
      this.record(id, { problem: { message: l10n.t('It has no API key: switch to it and run "ElevenLabs: Set API Key".'), atMs: nowMs } });
      return;
    }
    const options = { signal, maxRetries: 0 };
    try {
      if (kind === 'characters') {
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
        // The service asked to wait: no account of the others asks before it has, in any window.
        const record = this.ledger(this.deps.clock.now());
        this.writeTurns({ ...record, heldUntilMs: Math.max(record.heldUntilMs, nowMs + retryAfterMs) });
      }
      this.record(id, { problem: { message: describeFailure(error, l10n.t('The request failed unexpectedly.')), atMs: nowMs } });
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
