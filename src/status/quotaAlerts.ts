// Quota alerts: a notification when quota use first reaches a threshold in a billing period, once per threshold
// per period across every window and restart. Which alert is due is pure (thresholds, the record of what was
// shown); who may show it is decided by a claim that only one contender can win (see ClaimRegistry), so that two
// windows refreshing at the same moment do not both notify. No `vscode` here: src/ui/statusBar/quotaAlertNotifier.ts gives
// this the window's globalState, the claim folder and the notification.

import * as l10n from '@vscode/l10n';
import type { SubscriptionQuota } from '../api/types';
import { formatExact, formatPercent } from '../shared/locale/numberFormats';
import type { ZonedCalendar } from '../usage/calendar/timeZone';
import { calendarDaysBetween, resetsIn } from './quotaOutlook';

export const DEFAULT_QUOTA_ALERTS: readonly number[] = [75, 90, 100];
/** Thresholds above 100% alert in overage; beyond this they are surely a typo. */
export const MAX_ALERT_PERCENT = 1000;

/** The alert's actions as the notification shows them; made at each use, once the display language is known. */
export function alertActions(): { readonly showUsage: string; readonly silence: string } {
  return { showUsage: l10n.t('Show Usage'), silence: l10n.t('Don\'t Alert Again This Period') };
}

/** The thresholds of the setting, ascending without repeats, and what was left out as unusable. */
export function readThresholds(raw: unknown): { readonly thresholds: number[]; readonly ignored: unknown[] } {
  if (!Array.isArray(raw)) {
    return { thresholds: [...DEFAULT_QUOTA_ALERTS], ignored: raw === undefined ? [] : [raw] };
  }
  const ignored = raw.filter((value) => !(typeof value === 'number' && value > 0 && value <= MAX_ALERT_PERCENT));
  const thresholds = [...new Set(raw.filter((value): value is number => !ignored.includes(value)))].sort((a, b) => a - b);
  return { thresholds, ignored };
}

/**
 * The billing period a quota belongs to, as a key for the record: the UTC day of its reset (a day rather than
 * the second, so that a reset time sent a second off does not start the alerts again). A quota without a reset
 * date has one key for as long as the service sends none.
 */
export function periodKey(quota: SubscriptionQuota): string {
  return quota.resetsAtMs === undefined ? 'no-reset' : `reset-${new Date(quota.resetsAtMs).toISOString().slice(0, 10)}`;
}

/** The thresholds reached, ascending; exact for any figures (no rounding of the percent). */
export function reachedThresholds(quota: SubscriptionQuota, thresholds: readonly number[]): number[] {
  if (!(quota.limit > 0)) {
    return [];
  }
  return thresholds.filter((threshold) => quota.used * 100 >= threshold * quota.limit);
}

/** What was shown in one period of one account: kept in globalState, shared by every window. */
export interface AlertRecord {
  readonly period: string;
  /** Thresholds already notified (or passed over for a higher one) in this period. */
  readonly shown: readonly number[];
  /** "Don't Alert Again This Period" was chosen. */
  readonly silenced: boolean;
}

/** The records of every account, by account id; bounded, as anything read back from shared state. */
export type AlertRecords = Readonly<Record<string, AlertRecord>>;

/** Accounts whose record is kept at most (the oldest written goes first). */
export const MAX_ALERT_ACCOUNTS = 20;

/**
 * The record of a version before accounts: one period, of the one key there was. It is taken as the record of
 * the first account that checks a quota of that same period, so that an upgrade does not repeat an alert.
 */
export const LEGACY_ACCOUNT = '';

function readRecord(raw: unknown): AlertRecord | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { period, shown, silenced } = raw as Record<string, unknown>;
  if (typeof period !== 'string' || !Array.isArray(shown)) {
    return undefined;
  }
  return { period, shown: shown.filter((t): t is number => typeof t === 'number').slice(0, 100), silenced: silenced === true };
}

/** The records as stored, checked: globalState is shared with other versions of the extension. */
export function readAlertRecords(raw: unknown): AlertRecords {
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }
  const accounts = (raw as { accounts?: unknown }).accounts;
  if (typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) {
    const legacy = readRecord(raw);
    return legacy ? { [LEGACY_ACCOUNT]: legacy } : {};
  }
  const records: Record<string, AlertRecord> = {};
  for (const [account, value] of Object.entries(accounts).slice(-MAX_ALERT_ACCOUNTS)) {
    const record = readRecord(value);
    if (record) {
      records[account] = record;
    }
  }
  return records;
}

/** The record that applies to an account's quota of `period`: its own, or the legacy one of that period. */
export function recordFor(records: AlertRecords, account: string, period: string): AlertRecord | undefined {
  const own = records[account];
  if (own) {
    return own;
  }
  const legacy = records[LEGACY_ACCOUNT];
  return legacy?.period === period ? legacy : undefined;
}

export interface DueAlert {
  /** Whose quota: the account id (its host and key, see accountId in src/api). */
  readonly account: string;
  readonly period: string;
  /** The highest threshold reached: the one the notification names. */
  readonly threshold: number;
  /** Every threshold reached, ascending; all are recorded as shown with it. */
  readonly reached: readonly number[];
}

/**
 * The alert to show for this account's quota at `nowMs`, if one is due: the highest threshold reached, unless it
 * was shown already this period. None for figures whose reset has passed: they belong to a period that has ended.
 */
export function dueAlert(
  account: string,
  quota: SubscriptionQuota,
  thresholds: readonly number[],
  record: AlertRecord | undefined,
  nowMs: number,
): DueAlert | undefined {
  if (quota.resetsAtMs !== undefined && quota.resetsAtMs <= nowMs) {
    return undefined;
  }
  const reached = reachedThresholds(quota, thresholds);
  const highest = reached[reached.length - 1];
  if (highest === undefined) {
    return undefined;
  }
  const period = periodKey(quota);
  const thisPeriod = record?.period === period ? record : undefined;
  if (thisPeriod?.silenced || thisPeriod?.shown.includes(highest)) {
    return undefined;
  }
  return { account, period, threshold: highest, reached };
}

/**
 * "ElevenLabs quota 90% used: 1,109,932 of 1,219,705 credits, resets in 7 days"; with `accountName`, where the user
 * has several accounts, the alert says whose quota it is. Each form is one message, so that a translation orders
 * its parts and punctuation as its language does.
 */
export function alertMessage(quota: SubscriptionQuota, threshold: number, nowMs: number, calendar: ZonedCalendar, locale?: string, accountName?: string): string {
  const resets = quota.resetsAtMs === undefined || quota.resetsAtMs <= nowMs ? undefined : resetsIn(calendarDaysBetween(nowMs, quota.resetsAtMs, calendar));
  const percent = formatPercent(threshold / 100, locale);
  const used = formatExact(quota.used, locale);
  const limit = formatExact(quota.limit, locale);
  if (accountName === undefined) {
    return resets === undefined
      ? l10n.t('ElevenLabs quota {0} used: {1} of {2} credits', percent, used, limit)
      : l10n.t('ElevenLabs quota {0} used: {1} of {2} credits, resets {3}', percent, used, limit, resets);
  }
  return resets === undefined
    ? l10n.t('ElevenLabs quota of {0} {1} used: {2} of {3} credits', accountName, percent, used, limit)
    : l10n.t('ElevenLabs quota of {0} {1} used: {2} of {3} credits, resets {4}', accountName, percent, used, limit, resets);
}

/** Where the record lives: globalState, which every window of the profile shares (without compare-and-set). */
export interface SharedStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/**
 * Claims that only one contender can win, whichever window or process asks, and that outlive restarts: a name
 * once claimed stays claimed until forgotten. See fileClaims.ts.
 */
export interface ClaimRegistry {
  /** True for exactly one caller of a name; false for every later (or simultaneous) one. */
  claim(name: string): Promise<boolean>;
  /** Forgets every claim whose name starts with `within` but not with `keep` (an account's ended periods). */
  forget(within: string, keep: string): Promise<void>;
}

export const ALERT_RECORD_KEY = 'elevenlabsUsage.quotaAlerts';

export interface QuotaAlertsDeps {
  readonly store: SharedStore;
  readonly claims: ClaimRegistry;
  /** Shows the notification with `actions` as its buttons; resolves with the action chosen, if any. */
  notify(message: string, actions: readonly string[]): PromiseLike<string | undefined>;
  /** The "Show Usage" action. */
  showUsage(): void;
  now(): number;
  calendar(): ZonedCalendar;
  readonly locale?: string;
  /** Told when a claim could not be made (the alert is shown anyway: a rare repeat beats a silent miss). */
  onProblem(message: string): void;
}

/** Claim names: one per account, period and threshold, in a folder of their own. */
function claimName(account: string, period: string, threshold: number): string {
  return `${claimPrefix(account, period)}${String(threshold).replace(/[^0-9.]/g, '_')}`;
}

function accountPrefix(account: string): string {
  return `quota-alert-${account.replace(/[^A-Za-z0-9]/g, '_').slice(0, 64)}-`;
}

function claimPrefix(account: string, period: string): string {
  return `${accountPrefix(account)}${period.replace(/[^A-Za-z0-9-]/g, '_')}-`;
}

/** One window's quota alerts. Checks run one at a time; across windows the claims decide. */
export class QuotaAlerts {
  private queue: Promise<unknown> = Promise.resolve();
  /** The period whose ended predecessors were forgotten, per account. */
  private readonly cleaned = new Map<string, string>();

  constructor(private readonly deps: QuotaAlertsDeps) {}

  /**
   * Shows the alert due for this account's quota, if any and if no other window shows it. Resolves with what was
   * shown. Each account has its own record and claims: an alert of one never silences another's of the same period.
   */
  check(quota: SubscriptionQuota, thresholds: readonly number[], account: string, accountName?: string): Promise<DueAlert | undefined> {
    const run = this.queue.then(() => this.checkNow(quota, thresholds, account, accountName));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private records(): AlertRecords {
    return readAlertRecords(this.deps.store.get(ALERT_RECORD_KEY));
  }

  private async checkNow(quota: SubscriptionQuota, thresholds: readonly number[], account: string, accountName: string | undefined): Promise<DueAlert | undefined> {
    const period = periodKey(quota);
    const records = this.records();
    if (records[account] === undefined && records[LEGACY_ACCOUNT]?.period === period) {
      // The first account of the legacy record's period takes it over now, so that no other account inherits it.
      await this.remember(account, period, []);
    }
    const due = dueAlert(account, quota, thresholds, recordFor(this.records(), account, period), this.deps.now());
    if (!due) {
      return undefined;
    }
    await this.forgetEndedPeriods(account, due.period);
    // Every threshold reached is claimed, highest first: a window that saw a lower figure a moment earlier has
    // claimed the lower ones, and each threshold is then shown once, by one window.
    let won = false;
    for (const threshold of [...due.reached].reverse()) {
      const claimed = await this.claim(account, due.period, threshold);
      won ||= claimed && threshold === due.threshold;
    }
    await this.remember(account, due.period, due.reached);
    if (!won) {
      return undefined;
    }
    void this.notify(quota, due, accountName);
    return due;
  }

  private async claim(account: string, period: string, threshold: number): Promise<boolean> {
    try {
      return await this.deps.claims.claim(claimName(account, period, threshold));
    } catch (error) {
      this.deps.onProblem(`Quota alert ${threshold}%: could not check whether another window showed it (${error instanceof Error ? error.message : String(error)}); showing it here.`);
      return true;
    }
  }

  private async forgetEndedPeriods(account: string, period: string): Promise<void> {
    if (this.cleaned.get(account) === period) {
      return;
    }
    this.cleaned.set(account, period);
    try {
      await this.deps.claims.forget(accountPrefix(account), claimPrefix(account, period));
    } catch (error) {
      this.deps.onProblem(`Could not remove the quota alerts of ended periods: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Adds to the account's record what another window may have written meanwhile (globalState has no merge). */
  private async remember(account: string, period: string, thresholds: readonly number[], silenced = false): Promise<void> {
    const records = this.records();
    const current = recordFor(records, account, period);
    const thisPeriod = current?.period === period ? current : undefined;
    const shown = [...new Set([...(thisPeriod?.shown ?? []), ...thresholds])].sort((a, b) => a - b);
    const { [account]: _old, [LEGACY_ACCOUNT]: legacy, ...others } = records;
    // The legacy record is handed over to the first account of its period, and kept for none after that.
    const kept = legacy && legacy.period !== period && account !== LEGACY_ACCOUNT ? { [LEGACY_ACCOUNT]: legacy, ...others } : others;
    const accounts = Object.fromEntries(
      [...Object.entries(kept), [account, { period, shown, silenced: silenced || thisPeriod?.silenced === true } satisfies AlertRecord] as const].slice(-MAX_ALERT_ACCOUNTS),
    );
    await this.deps.store.update(ALERT_RECORD_KEY, { accounts });
  }

  private async notify(quota: SubscriptionQuota, due: DueAlert, accountName: string | undefined): Promise<void> {
    const message = alertMessage(quota, due.threshold, this.deps.now(), this.deps.calendar(), this.deps.locale, accountName);
    const actions = alertActions();
    const choice = await this.deps.notify(message, [actions.showUsage, actions.silence]);
    if (choice === actions.showUsage) {
      this.deps.showUsage();
    } else if (choice === actions.silence) {
      await this.silence(due.account, due.period);
    }
  }

  /**
   * Forgets everything kept of an account (removed by the user): its record and its claims, in every period. Its
   * key is gone, so nothing of it is checked again.
   */
  forgetAccount(account: string): Promise<void> {
    const run = this.queue.then(async () => {
      // No claim name has a NUL after the prefix: every claim of the account goes.
      await this.deps.claims.forget(accountPrefix(account), `${accountPrefix(account)}\u0000`);
      const { [account]: _removed, ...others } = this.records();
      await this.deps.store.update(ALERT_RECORD_KEY, { accounts: others });
      this.cleaned.delete(account);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** "Don't Alert Again This Period": no more alerts of this account until its period changes, in any window. */
  silence(account: string, period: string): Promise<void> {
    const run = this.queue.then(() => this.remember(account, period, [], true));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
