// The quota's billing period as chart data: credits by the user's own day, added up into a running total from the
// period's start, and what the chart draws over them: the limit, and where the quota stands at the reset at this
// pace (the same figures and words as the status bar's tooltip, worked out on the host by src/status and carried
// here as plain numbers and text). Pure; the webview checks what it receives with parseBillingPeriod.

import { isRecord } from '../shared/isRecord';

/** Where this pace leads by the reset: a projection, not usage. */
export interface BillingPeriodProjection {
  /** Credits used at the reset if the pace holds. */
  readonly creditsAtReset: number;
  /** The same as a share of the limit (1 = the whole quota). */
  readonly fractionAtReset: number;
  /** When the quota runs out at this pace, if before the reset. */
  readonly runsOutAtMs?: number;
  /** The pace, credits per local day. */
  readonly creditsPerDay: number;
  /** What "this pace" is: the last 7 local days, or the period's own average so far. */
  readonly basis: 'recentDays' | 'periodAverage';
  /** As the tooltip says it: "At this pace: 104% of the quota by the reset". */
  readonly headline: string;
  /** As the tooltip says it: "running out on Dec 5, 2026"; absent when the quota lasts. */
  readonly runsOut?: string;
  /** As the tooltip says it: "14,200 credits a day: the workspace’s average over the last 7 days". */
  readonly pace: string;
}

export interface BillingPeriodFigures {
  /** The period's start (the chart's window starts here) and its reset, UTC ms. */
  readonly startMs: number;
  readonly resetMs: number;
  /** When the figures were worked out: the running total ends here, the projection starts here. */
  readonly nowMs: number;
  /** The quota: credits available in the period, and used so far as the subscription counts them. */
  readonly limit: number;
  readonly used: number;
  /** Credits used by the end of each bucket of the chart data (its time and ends), from the period's start. */
  readonly runningTotal: readonly number[];
  /** Whose credits the running total counts: the workspace's (as the quota), or the key owner's own. */
  readonly scope: 'workspace' | 'owner';
  /** The lines the tooltip has about the quota, as it words them. */
  readonly words: {
    /** "91,000 of 100,000 credits used (91%)" */
    readonly quota: string;
    /** "Resets in 7 days, on Dec 17, 2026" */
    readonly reset: string;
    /** "57% of the period gone, 91% of the quota used" */
    readonly pace?: string;
    /** Why the running total is not the workspace's, or differs from the quota's own figure; absent when neither. */
    readonly notes: readonly string[];
  };
  /** Absent when there is no pace to go by yet (the period has only begun). */
  readonly projection?: BillingPeriodProjection;
}

/** Credits used by the end of each bucket: the buckets' totals across series, added up in order. */
export function runningTotals(series: ReadonlyArray<{ readonly values: ReadonlyArray<number | null> }>, buckets: number): number[] {
  const totals: number[] = [];
  let sum = 0;
  for (let i = 0; i < buckets; i++) {
    for (const s of series) {
      sum += s.values[i] ?? 0;
    }
    totals.push(sum);
  }
  return totals;
}

/** Longest text accepted from the host for one of the figures' words. */
const MAX_WORDS = 1000;


function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isWords(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_WORDS;
}

function parseProjection(value: unknown): BillingPeriodProjection | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { creditsAtReset, fractionAtReset, runsOutAtMs, creditsPerDay, basis, headline, runsOut, pace } = value;
  if (!isFiniteNumber(creditsAtReset) || !isFiniteNumber(fractionAtReset) || !isFiniteNumber(creditsPerDay)) {
    return undefined;
  }
  if ((runsOutAtMs !== undefined && !isFiniteNumber(runsOutAtMs)) || (basis !== 'recentDays' && basis !== 'periodAverage')) {
    return undefined;
  }
  if (!isWords(headline) || !isWords(pace) || (runsOut !== undefined && !isWords(runsOut))) {
    return undefined;
  }
  return {
    creditsAtReset,
    fractionAtReset,
    ...(runsOutAtMs !== undefined ? { runsOutAtMs } : {}),
    creditsPerDay,
    basis,
    headline,
    ...(runsOut !== undefined ? { runsOut } : {}),
    pace,
  };
}

/**
 * The figures from a message (untrusted until checked), for chart data of `buckets` buckets; undefined for
 * anything malformed, so that the page keeps what it shows rather than draw from it.
 */
export function parseBillingPeriod(value: unknown, buckets: number): BillingPeriodFigures | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { startMs, resetMs, nowMs, limit, used, runningTotal, scope, words, projection } = value;
  if (![startMs, resetMs, nowMs, limit, used].every(isFiniteNumber) || !((resetMs as number) > (startMs as number)) || !((limit as number) > 0)) {
    return undefined;
  }
  if (!Array.isArray(runningTotal) || runningTotal.length !== buckets || !runningTotal.every(isFiniteNumber)) {
    return undefined;
  }
  if ((scope !== 'workspace' && scope !== 'owner') || !isRecord(words)) {
    return undefined;
  }
  const { quota, reset, pace, notes } = words;
  if (!isWords(quota) || !isWords(reset) || (pace !== undefined && !isWords(pace)) || !Array.isArray(notes) || notes.length > 10 || !notes.every(isWords)) {
    return undefined;
  }
  const parsedProjection = projection === undefined ? undefined : parseProjection(projection);
  if (projection !== undefined && !parsedProjection) {
    return undefined;
  }
  return {
    startMs: startMs as number,
    resetMs: resetMs as number,
    nowMs: nowMs as number,
    limit: limit as number,
    used: used as number,
    runningTotal: runningTotal as number[],
    scope,
    words: { quota, reset, ...(pace !== undefined ? { pace } : {}), notes: notes as string[] },
    ...(parsedProjection ? { projection: parsedProjection } : {}),
  };
}
