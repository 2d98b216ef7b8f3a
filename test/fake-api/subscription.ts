// The body of GET /v1/user/subscription: a plausible ExtendedSubscriptionResponseModel (every field the contract
// requires) whose quota figures agree with the event log. As on the real service, `character_count` and
// `character_limit` count credits, and `next_character_count_reset_unix` is in SECONDS.

import { eventsBetween } from './events';

export interface SubscriptionOptions {
  /** Credits per period (`character_limit`). Lower it to push the used share past warning thresholds. */
  readonly characterLimit?: number;
  readonly tier?: string;
  /** Day of the month the period resets on (clamped to the month's length). Not the 1st, as for most users. */
  readonly resetDayOfMonth?: number;
  /**
   * The share of the limit used (`character_count` = limit × this, rounded), in place of the event log's credits
   * since the period began: 0.91 for an alert at 90%, 1.12 for overage. Unset, the figure follows the log.
   */
  readonly usedFraction?: number;
  /** `billing_period`, and `character_refresh_period` unless that is given too. Any string (the enum is open). */
  readonly billingPeriod?: string;
  /** `character_refresh_period`, e.g. 'monthly_period' on an annual plan. */
  readonly creditRefreshPeriod?: string;
  /**
   * A fixed next reset, UTC ms (e.g. tomorrow morning): the period is the billing period's months before it. Unset,
   * periods start on `resetDayOfMonth` in every month (monthly), or every 3, 6 or 12 months from January.
   */
  readonly nextResetMs?: number;
  /** `max_credit_limit_extension`: credits, 0 for usage-based billing off (the default), or 'unlimited'. */
  readonly maxCreditLimitExtension?: number | 'unlimited';
  readonly canExtendCharacterLimit?: boolean;
  /** `currency` and the currency of `current_overage` (default 'usd'). */
  readonly currency?: string;
  /** `current_overage.amount`; by default what the credits past the limit cost at OVERAGE_PRICE_PER_CREDIT. */
  readonly overageAmount?: string;
}

export const DEFAULT_CHARACTER_LIMIT = 100_000;
export const DEFAULT_RESET_DAY = 17;
/** What a credit past the limit costs in usage-based billing, in the subscription's currency. */
export const OVERAGE_PRICE_PER_CREDIT = 0.0003;
/** The reset happens at this UTC time of day (subscriptions renew at the moment they were bought, not midnight). */
const RESET_TIME = { hours: 8, minutes: 14, seconds: 26 } as const;
const PERIOD_MONTHS: Readonly<Record<string, number>> = { monthly_period: 1, '3_month_period': 3, '6_month_period': 6, annual_period: 12 };

function resetInMonth(year: number, month: number, day: number): number {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, daysInMonth), RESET_TIME.hours, RESET_TIME.minutes, RESET_TIME.seconds);
}

/** The reset in month number `index` (year × 12 + month, so that it may run past December or before January). */
function resetInMonthIndex(index: number, day: number, time?: Date): number {
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  if (!time) {
    return resetInMonth(year, month, day);
  }
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, daysInMonth), time.getUTCHours(), time.getUTCMinutes(), time.getUTCSeconds());
}

/**
 * The billing period containing nowMs: [startMs, nextResetMs). Periods of `months` months begin on `resetDay` in
 * January and every `months` months after it (every month for monthly ones).
 */
export function billingPeriod(nowMs: number, resetDay: number = DEFAULT_RESET_DAY, months = 1): { startMs: number; nextResetMs: number } {
  const now = new Date(nowMs);
  let index = now.getUTCFullYear() * 12 + now.getUTCMonth();
  index -= ((index % months) + months) % months;
  if (resetInMonthIndex(index, resetDay) > nowMs) {
    index -= months;
  }
  return { startMs: resetInMonthIndex(index, resetDay), nextResetMs: resetInMonthIndex(index + months, resetDay) };
}

/** The period this subscription is in at nowMs, as its options define it. */
export function subscriptionPeriod(nowMs: number, options: SubscriptionOptions = {}): { startMs: number; nextResetMs: number; months: number } {
  const period = options.creditRefreshPeriod ?? options.billingPeriod ?? 'monthly_period';
  const months = PERIOD_MONTHS[period] ?? 1;
  if (options.nextResetMs === undefined) {
    return { ...billingPeriod(nowMs, options.resetDayOfMonth ?? DEFAULT_RESET_DAY, months), months };
  }
  const reset = new Date(options.nextResetMs);
  const index = reset.getUTCFullYear() * 12 + reset.getUTCMonth();
  const startMs = resetInMonthIndex(index - months, options.resetDayOfMonth ?? reset.getUTCDate(), reset);
  return { startMs, nextResetMs: options.nextResetMs, months };
}

export function subscriptionBody(nowMs: number, seed: number, options: SubscriptionOptions = {}): Record<string, unknown> {
  const { startMs, nextResetMs } = subscriptionPeriod(nowMs, options);
  const limit = options.characterLimit ?? DEFAULT_CHARACTER_LIMIT;
  // The whole workspace's credits (other members' too): the quota is shared.
  const used =
    options.usedFraction !== undefined
      ? Math.round(limit * options.usedFraction)
      : eventsBetween(startMs, nowMs + 1, { seed, now: nowMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
  const resetSeconds = Math.floor(nextResetMs / 1000);
  const currency = options.currency ?? 'usd';
  const extension = options.maxCreditLimitExtension ?? 0;
  const overage = options.overageAmount ?? (Math.max(0, used - limit) * OVERAGE_PRICE_PER_CREDIT).toFixed(2);
  return {
    tier: options.tier ?? 'creator',
    character_count: used,
    character_limit: limit,
    max_character_limit_extension: typeof extension === 'number' ? extension : null,
    max_credit_limit_extension: extension,
    can_extend_character_limit: options.canExtendCharacterLimit ?? true,
    allowed_to_extend_character_limit: extension !== 0,
    next_character_count_reset_unix: resetSeconds,
    voice_slots_used: 4,
    professional_voice_slots_used: 2,
    professional_voice_slots_used_in_workspace: 2,
    voice_limit: 30,
    max_voice_add_edits: 95,
    voice_add_edit_counter: 7,
    professional_voice_limit: 2,
    can_extend_voice_limit: false,
    can_use_instant_voice_cloning: true,
    can_use_professional_voice_cloning: true,
    currency,
    current_overage: { amount: overage, currency },
    status: 'active',
    billing_period: options.billingPeriod ?? 'monthly_period',
    character_refresh_period: options.creditRefreshPeriod ?? options.billingPeriod ?? 'monthly_period',
    next_invoice: {
      amount_due_cents: 2200,
      subtotal_cents: 2200,
      tax_cents: 0,
      discount_percent_off: null,
      discount_amount_off: null,
      discounts: [],
      next_payment_attempt_unix: resetSeconds,
      payment_intent_status: null,
      payment_intent_statusses: [],
    },
    open_invoices: [],
    has_open_invoices: false,
    pending_change: null,
    has_used_starter_coupon_on_account: false,
    has_used_creator_coupon_on_account: false,
  };
}
