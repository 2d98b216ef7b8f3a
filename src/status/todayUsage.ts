// One status-bar refresh: fetches today's figures and turns the result into the next state. Pure apart from the
// client it is given; the scheduler decides when it runs and the UI layer shows the states it reports.

import type { ElevenLabsClient } from '../api/client';
import { describeFailure, ElevenLabsError, isElevenLabsError } from '../api/errors';
import type { SubscriptionQuota } from '../api/types';
import type { ZonedCalendar } from '../usage/timeZone';
import { grandTotal } from '../usage/totals';
import type { RefreshOutcome } from './refreshScheduler';
import type { StatusState, UsageSnapshot } from './statusModel';

/**
 * The quota moves slowly (a monthly figure): it is asked for at most this often, in place of the credits
 * request, so that a refresh makes two requests at most.
 */
export const QUOTA_MAX_AGE_MS = 15 * 60_000;

/** When a refresh could not fetch every figure (credits wait while the quota is fetched), the next comes this soon. */
export const FOLLOW_UP_MS = 10_000;

export interface TodayUsageDeps {
  /** The client for the stored key, or undefined when no key is stored. */
  getClient(): Promise<ElevenLabsClient | undefined>;
  now(): number;
  /** The user's calendar: "today" is the day in this zone (the setting, or the system's). */
  calendar(): ZonedCalendar;
  /** Receives every state change, for the status bar. */
  onState(state: StatusState): void;
  /** Told when the key was refused, so the UI can ask for a new one (at most once a day). */
  onKeyRefused?(error: ElevenLabsError): void;
}

function messageOf(error: unknown): string {
  return describeFailure(error, 'An unexpected error stopped the refresh.');
}

export class TodayUsage {
  private state: StatusState = { kind: 'loading', last: undefined };
  private lastGood: UsageSnapshot | undefined;
  private quota: { value: SubscriptionQuota | undefined; problem: string | undefined; fetchedAtMs: number } | undefined;
  private credits: { value: number; fetchedAtMs: number } | undefined;

  constructor(private readonly deps: TodayUsageDeps) {}

  get current(): StatusState {
    return this.state;
  }

  get lastSnapshot(): UsageSnapshot | undefined {
    return this.lastGood;
  }

  /** Forgets everything shown (the key was removed or replaced: old figures belong to another account). */
  reset(): void {
    this.lastGood = undefined;
    this.quota = undefined;
    this.credits = undefined;
    if (this.state.kind !== 'noKey' && this.state.kind !== 'loading') {
      this.setState({ kind: 'loading', last: undefined });
    }
  }

  /** Runs one refresh; the outcome tells the scheduler how to go on. */
  async refresh(signal: AbortSignal): Promise<RefreshOutcome> {
    let client: ElevenLabsClient | undefined;
    try {
      client = await this.deps.getClient();
    } catch (error) {
      return this.failed(error, signal);
    }
    if (!client) {
      this.reset();
      this.setState({ kind: 'noKey' });
      return { ok: true, halt: true };
    }
    this.setState({ kind: 'loading', last: this.lastGood });
    const nowMs = this.deps.now();
    const calendar = this.deps.calendar();
    const window = calendar.todayWindow(nowMs);
    try {
      const characters = await client.getCharacterStats(
        { ...window, aggregationInterval: 'cumulative', metric: 'tts_characters' },
        { signal },
      );
      // One more request per refresh, never two: the quota when it is due (it moves slowly), else credits.
      if (this.quotaIsDue(nowMs)) {
        await this.fetchQuota(client, nowMs, signal);
      } else {
        await this.fetchCredits(client, window, nowMs, signal);
      }
      const credits = this.credits && calendar.isSameDay(this.credits.fetchedAtMs, nowMs) ? this.credits : undefined;
      const snapshot: UsageSnapshot = {
        charactersToday: grandTotal(characters),
        creditsToday: credits?.value,
        creditsFetchedAtMs: credits?.fetchedAtMs,
        quota: this.quota?.value,
        quotaProblem: this.quota?.problem,
        fetchedAtMs: nowMs,
      };
      this.lastGood = snapshot;
      this.setState({ kind: 'current', snapshot });
      // The first refresh (or the first of the day) asked for the quota in place of the credits.
      return credits === undefined ? { ok: true, againInMs: FOLLOW_UP_MS } : { ok: true };
    } catch (error) {
      return this.failed(error, signal);
    }
  }

  private quotaIsDue(nowMs: number): boolean {
    return !this.quota || nowMs - this.quota.fetchedAtMs >= QUOTA_MAX_AGE_MS;
  }

  private async fetchQuota(client: ElevenLabsClient, nowMs: number, signal: AbortSignal): Promise<void> {
    try {
      this.quota = { value: await client.getSubscription({ signal }), problem: undefined, fetchedAtMs: nowMs };
    } catch (error) {
      if (isElevenLabsError(error) && error.kind === 'cancelled') {
        throw error;
      }
      // A restricted key may read usage but not the subscription: show today's figures anyway, and ask again
      // only when the quota is due. Any other failure is worth another try at the next refresh.
      const askedAt = isElevenLabsError(error) && error.isAuthProblem ? nowMs : this.quota?.fetchedAtMs ?? Number.NEGATIVE_INFINITY;
      this.quota = { value: this.quota?.value, problem: messageOf(error), fetchedAtMs: askedAt };
    }
  }

  private async fetchCredits(
    client: ElevenLabsClient,
    window: { startUnix: number; endUnix: number },
    nowMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const credits = await client.getCharacterStats({ ...window, aggregationInterval: 'cumulative', metric: 'credits' }, { signal });
      this.credits = { value: grandTotal(credits), fetchedAtMs: nowMs };
    } catch (error) {
      if (isElevenLabsError(error) && error.kind === 'cancelled') {
        throw error;
      }
      // Characters came through: keep the last credits figure (shown with its time) rather than fail.
    }
  }

  private failed(error: unknown, signal: AbortSignal): RefreshOutcome {
    const reason = messageOf(error);
    if (signal.aborted) {
      // Abandoned for a newer refresh (or on shutdown): what it found no longer matters.
      return { ok: false };
    }
    if (isElevenLabsError(error) && (error.isAuthProblem || error.kind === 'invalidBaseUrl')) {
      // Polling cannot fix a refused key or a bad setting: stop until the user acts.
      this.setState({ kind: 'error', reason, needsNewKey: error.isAuthProblem });
      if (error.isAuthProblem) {
        this.deps.onKeyRefused?.(error);
      }
      return { ok: false, halt: true };
    }
    this.setState(this.lastGood ? { kind: 'stale', snapshot: this.lastGood, reason } : { kind: 'error', reason, needsNewKey: false });
    const retryAfterMs = isElevenLabsError(error) ? error.retryAfterMs : undefined;
    return retryAfterMs === undefined ? { ok: false } : { ok: false, retryAfterMs };
  }

  private setState(state: StatusState): void {
    this.state = state;
    this.deps.onState(state);
  }
}
