// One status-bar refresh: fetches today's figures and turns the result into the next state. Pure apart from the
// client it is given; the scheduler decides when it runs and the UI layer shows the states it reports.

import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../api/client';
import { describeFailure, ElevenLabsError, httpStatusWords, isElevenLabsError } from '../api/errors';
import type { SubscriptionQuota } from '../api/types';
import type { ZonedCalendar } from '../usage/calendar/timeZone';
import { charactersIn, grandTotal } from '../usage/totals';
import { RECENT_DAYS, recentWindowStart, type RecentCredits } from './quotaOutlook';
import type { RefreshOutcome } from './schedule/refreshScheduler';
import { CharacterStatsRetirement, isRetiredAnswer } from './characterStatsRetirement';
import { successorCredits } from '../usage/query/analyticsQuery';
import type { StatusState, UsageSnapshot } from './statusState';

/**
 * The quota moves slowly (a monthly figure): it is asked for at most this often, in place of the credits
 * request, so that a refresh makes two requests at most. A failed quota request waits as long (or as long as a
 * Retry-After asks, if longer): the quota is a second figure, not worth a stream of requests to an endpoint
 * that is down.
 */
export const QUOTA_MAX_AGE_MS = 15 * 60_000;

/**
 * When a refresh asked for the quota in place of today's credits (the first refresh, or the first of the day),
 * the credits come in a follow-up this soon rather than a whole interval later. Only then: a follow-up after a
 * failure would turn an outage into a stream of requests.
 */
export const FOLLOW_UP_MS = 10_000;

/**
 * The credits of the last 7 days ("this pace" in the tooltip's projection) are asked for at most this often, and
 * only in a refresh whose credits turn is free (today's credits already known): they take that turn, so a refresh
 * still makes two requests at most, and an hour the same number of requests as without them. A failed request
 * waits as long.
 */
export const RECENT_CREDITS_MAX_AGE_MS = 60 * 60_000;

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
  /** Whether the user chose the successor for every credit figure (elevenlabsUsage.source "analytics"). */
  successorChosen?(): boolean;
}

function messageOf(error: unknown): string {
  return describeFailure(error, l10n.t('An unexpected error stopped the refresh.'));
}

/** The error of a second request; a cancellation goes on up, so that the whole refresh is abandoned. */
function asServiceFailure(error: unknown): ElevenLabsError {
  if (isElevenLabsError(error) && error.kind === 'cancelled') {
    throw error;
  }
  return isElevenLabsError(error) ? error : new ElevenLabsError('offline', messageOf(error));
}

/** Why the quota is missing, for the tooltip. A key without the permission is told so plainly. */
function quotaProblem(error: ElevenLabsError): string {
  if (error.kind === 'missingPermissions') {
    const permission = error.permission ?? 'user_read';
    return l10n.t(
      'this key lacks the "{0}" permission, which the quota needs. Today’s figures do not need it. Enable it for this key in ElevenLabs (Developers → API Keys) to see the quota here.',
      permission,
    );
  }
  return error.message;
}

/** What the second request of a refresh brought: the wait the service asked for, if it asked for one. */
interface SecondRequest {
  /** The request got an answer that settles it for now (the figure, or a refusal that waiting will not change). */
  readonly answered: boolean;
  readonly retryAfterMs?: number;
}

export class TodayUsage {
  private state: StatusState = { kind: 'loading', last: undefined };
  private lastGood: UsageSnapshot | undefined;
  private quota:
    | { value: SubscriptionQuota | undefined; fetchedAtMs: number | undefined; problem: string | undefined; dueAtMs: number }
    | undefined;
  private credits: { value: number; fetchedAtMs: number } | undefined;
  private creditsProblem: string | undefined;
  private recent: { value: RecentCredits | undefined; problem: string | undefined; dueAtMs: number } | undefined;
  /** Whose last days to ask for: the workspace's, as the quota counts them, until the key is refused those. */
  private recentScope: RecentCredits['scope'] = 'workspace';
  private readonly retirement = new CharacterStatsRetirement();

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
    this.retirement.served();
    this.quota = undefined;
    this.credits = undefined;
    this.creditsProblem = undefined;
    this.recent = undefined;
    this.recentScope = 'workspace';
    if (this.state.kind !== 'noKey' && this.state.kind !== 'loading') {
      this.setState({ kind: 'loading', last: undefined });
    }
  }

  /**
   * Shows the no-key state when no key is stored, and does nothing else: it never makes a request, so it may run
   * while the window is in the background, and it cannot race a refresh into showing figures.
   */
  async showNoKeyIfNone(): Promise<void> {
    try {
      if (!(await this.deps.getClient())) {
        this.reset();
        this.setState({ kind: 'noKey' });
      }
    } catch {
      // A keyring that cannot be read is reported by the next refresh, which tells why.
    }
  }

  /**
   * Runs one refresh; the outcome tells the scheduler how to go on. A background refresh keeps the figure on
   * screen as it is until the answer comes (a spinner every few minutes would only distract); one the user asked
   * for (`showProgress`) shows that it is under way.
   */
  async refresh(signal: AbortSignal, options: { readonly showProgress?: boolean } = {}): Promise<RefreshOutcome> {
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
    if (options.showProgress || !this.lastGood) {
      this.setState({ kind: 'loading', last: this.lastGood });
    }
    const nowMs = this.deps.now();
    const calendar = this.deps.calendar();
    const window = calendar.todayWindow(nowMs);
    try {
      const askedCharacterStats = !this.successorChosen() && this.retirement.shouldAsk(nowMs);
      let characters: number | undefined;
      if (askedCharacterStats) {
        try {
          characters = await charactersIn(client, window, { signal });
          this.retirement.served();
        } catch (error) {
          if (!isRetiredAnswer(error)) {
            throw error;
          }
          this.retirement.retired(nowMs);
        }
      }
      if (characters === undefined) {
        return await this.refreshFromSuccessor(client, window, nowMs, calendar, signal, askedCharacterStats);
      }
      // One more request per refresh, never two: the quota when it is due (it moves slowly), else today's credits,
      // or the last 7 days' when those are due and today's credits are already known.
      const creditsKnown = this.credits !== undefined && calendar.isSameDay(this.credits.fetchedAtMs, nowMs);
      const turn = this.quotaIsDue(nowMs) ? 'quota' : creditsKnown && this.recentIsDue(nowMs) ? 'recent' : 'credits';
      const second =
        turn === 'quota'
          ? await this.fetchQuota(client, nowMs, signal)
          : turn === 'recent'
            ? await this.fetchRecent(client, nowMs, calendar, signal)
            : await this.fetchCredits(client, window, nowMs, signal);
      const credits = this.credits && calendar.isSameDay(this.credits.fetchedAtMs, nowMs) ? this.credits : undefined;
      if (signal.aborted) {
        // Replaced (another account, another key) as the answers came: they are not of what the item now shows.
        return { ok: false };
      }
      this.showCurrent(characters, credits, nowMs);
      const retryAfter = second.retryAfterMs === undefined ? {} : { retryAfterMs: second.retryAfterMs };
      // The quota took the credits' turn and got its answer: today's credits follow soon.
      const followUp = turn === 'quota' && second.answered && credits === undefined;
      return followUp ? { ok: true, againInMs: FOLLOW_UP_MS, ...retryAfter } : { ok: true, ...retryAfter };
    } catch (error) {
      return this.failed(error, signal);
    }
  }

  /**
   * A refresh once character-stats is retired: today's credits from its successor (one request for the local day),
   * then the quota or the last 7 days' credits when due, unless character-stats was asked (and refused) in this
   * refresh already: two requests at most, as always.
   */
  private async refreshFromSuccessor(
    client: ElevenLabsClient,
    window: { startUnix: number; endUnix: number },
    nowMs: number,
    calendar: ZonedCalendar,
    signal: AbortSignal,
    askedCharacterStats: boolean,
  ): Promise<RefreshOutcome> {
    this.credits = { value: await successorCredits(client, window.startUnix, window.endUnix + 1, calendar, { signal }), fetchedAtMs: nowMs };
    this.creditsProblem = undefined;
    const second = askedCharacterStats
      ? undefined
      : this.quotaIsDue(nowMs)
        ? await this.fetchQuota(client, nowMs, signal)
        : this.recentIsDue(nowMs)
          ? await this.fetchRecent(client, nowMs, calendar, signal)
          : undefined;
    if (signal.aborted) {
      return { ok: false };
    }
    this.showCurrent(undefined, this.credits, nowMs);
    return second?.retryAfterMs === undefined ? { ok: true } : { ok: true, retryAfterMs: second.retryAfterMs };
  }

  private successorChosen(): boolean {
    return this.deps.successorChosen?.() === true;
  }

  /** Whether the credit figures come from the successor: the user chose it, or character-stats is retired. */
  private usesSuccessor(): boolean {
    return this.successorChosen() || this.retirement.since !== undefined;
  }

  /** Today's figures as they now stand, shown as current and kept as the last good ones. */
  private showCurrent(charactersToday: number | undefined, credits: { value: number; fetchedAtMs: number } | undefined, nowMs: number): void {
    const snapshot: UsageSnapshot = {
      charactersToday,
      ...(this.retirement.since !== undefined ? { charactersRetiredSinceMs: this.retirement.since } : {}),
      ...(charactersToday === undefined && this.successorChosen() ? { successorChosen: true } : {}),
      creditsToday: credits?.value,
      creditsFetchedAtMs: credits?.fetchedAtMs,
      creditsProblem: this.creditsProblem,
      quota: this.quota?.value,
      quotaFetchedAtMs: this.quota?.fetchedAtMs,
      quotaProblem: this.quota?.problem,
      recentCredits: this.recent?.value,
      recentCreditsProblem: this.recent?.problem,
      fetchedAtMs: nowMs,
    };
    this.lastGood = snapshot;
    this.setState({ kind: 'current', snapshot });
  }

  private quotaIsDue(nowMs: number): boolean {
    return !this.quota || nowMs >= this.quota.dueAtMs;
  }

  /** The last days matter only for a quota to project; they are not asked for without one. */
  private recentIsDue(nowMs: number): boolean {
    const quota = this.quota?.value;
    return quota !== undefined && quota.limit > 0 && (!this.recent || nowMs >= this.recent.dueAtMs);
  }

  private async fetchRecent(client: ElevenLabsClient, nowMs: number, calendar: ZonedCalendar, signal: AbortSignal): Promise<SecondRequest> {
    const scope = this.recentScope;
    const startMs = recentWindowStart(nowMs, calendar);
    try {
      // One request an hour at most, retries included: a failure waits for the next hour's turn. From the
      // successor where it gives the credits (the workspace's, its only scope).
      const successor = this.usesSuccessor();
      const credits = successor
          ? await successorCredits(client, startMs, nowMs + 1, calendar, { signal, maxRetries: 0 })
          : grandTotal(
              await client.getCharacterStats(
                { startUnix: startMs, endUnix: nowMs, aggregationInterval: 'cumulative', metric: 'credits', includeWorkspaceMetrics: scope === 'workspace' },
                { signal, maxRetries: 0 },
              ),
            );
      const value: RecentCredits = { credits, startMs, endMs: nowMs, days: RECENT_DAYS, scope: successor ? 'workspace' : scope };
      this.recent = { value, problem: undefined, dueAtMs: nowMs + RECENT_CREDITS_MAX_AGE_MS };
      return { answered: true };
    } catch (error) {
      const failure = asServiceFailure(error);
      let problem = failure.message;
      if (scope === 'workspace' && (failure.isAuthProblem || failure.kind === 'validation')) {
        // A key of a workspace member (not an admin) may read its own usage but not the workspace's. Its owner's
        // days are the next best pace; they are asked for at the next turn, an hour on like any other.
        this.recentScope = 'owner';
        problem = l10n.t('ElevenLabs refused this key the workspace’s usage{0}, so your own is asked for next', httpStatusWords(failure));
      }
      const wait = Math.max(RECENT_CREDITS_MAX_AGE_MS, failure.retryAfterMs ?? 0);
      this.recent = { value: this.recent?.value, problem, dueAtMs: nowMs + wait };
      return { answered: false, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
    }
  }

  private async fetchQuota(client: ElevenLabsClient, nowMs: number, signal: AbortSignal): Promise<SecondRequest> {
    try {
      const value = await client.getSubscription({ signal });
      this.quota = { value, fetchedAtMs: nowMs, problem: undefined, dueAtMs: nowMs + QUOTA_MAX_AGE_MS };
      return { answered: true };
    } catch (error) {
      const failure = asServiceFailure(error);
      // Whatever went wrong, the quota is not due again before its usual age (or the wait the service asked
      // for): a key without user_read will not gain it by asking, and an endpoint that is down gets no stream.
      const wait = Math.max(QUOTA_MAX_AGE_MS, failure.retryAfterMs ?? 0);
      this.quota = { value: this.quota?.value, fetchedAtMs: this.quota?.fetchedAtMs, problem: quotaProblem(failure), dueAtMs: nowMs + wait };
      return { answered: failure.isAuthProblem, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
    }
  }

  private async fetchCredits(
    client: ElevenLabsClient,
    window: { startUnix: number; endUnix: number },
    nowMs: number,
    signal: AbortSignal,
  ): Promise<SecondRequest> {
    try {
      const credits = await client.getCharacterStats({ ...window, aggregationInterval: 'cumulative', metric: 'credits' }, { signal });
      this.credits = { value: grandTotal(credits), fetchedAtMs: nowMs };
      this.creditsProblem = undefined;
      return { answered: true };
    } catch (error) {
      // Characters came through: keep the last credits figure (shown with its time), and say why it is old.
      const failure = asServiceFailure(error);
      this.creditsProblem = failure.message;
      return { answered: false, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
    }
  }

  private failed(error: unknown, signal: AbortSignal): RefreshOutcome {
    const reason = messageOf(error);
    if (signal.aborted) {
      // Abandoned for a newer refresh (or on shutdown): what it found no longer matters.
      return { ok: false };
    }
    if (isElevenLabsError(error) && (error.isAuthProblem || error.kind === 'invalidBaseUrl')) {
      // Polling cannot fix a refused key or a bad setting: stop until the user acts. The last figures stay beside a
      // refused key, marked (they were the key's until now).
      this.setState(
        error.isAuthProblem && this.lastGood ? { kind: 'stale', snapshot: this.lastGood, reason, needsNewKey: true } : { kind: 'error', reason, needsNewKey: error.isAuthProblem },
      );
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
