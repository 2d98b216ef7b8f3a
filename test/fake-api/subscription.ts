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
}

export const DEFAULT_CHARACTER_LIMIT = 100_000;
export const DEFAULT_RESET_DAY = 17;
/** The reset happens at this UTC time of day (subscriptions renew at the moment they were bought, not midnight). */
const RESET_TIME = { hours: 8, minutes: 14, seconds: 26 } as const;

function resetInMonth(year: number, month: number, day: number): number {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, daysInMonth), RESET_TIME.hours, RESET_TIME.minutes, RESET_TIME.seconds);
}

/** The monthly billing period containing nowMs: [startMs, nextResetMs). */
export function billingPeriod(nowMs: number, resetDay: number = DEFAULT_RESET_DAY): { startMs: number; nextResetMs: number } {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const thisMonth = resetInMonth(year, month, resetDay);
  return thisMonth <= nowMs
    ? { startMs: thisMonth, nextResetMs: resetInMonth(year, month + 1, resetDay) }
    : { startMs: resetInMonth(year, month - 1, resetDay), nextResetMs: thisMonth };
}

export function subscriptionBody(nowMs: number, seed: number, options: SubscriptionOptions = {}): Record<string, unknown> {
  const { startMs, nextResetMs } = billingPeriod(nowMs, options.resetDayOfMonth ?? DEFAULT_RESET_DAY);
  // The whole workspace's credits (other members' too): the quota is shared.
  const used = eventsBetween(startMs, nowMs + 1, { seed, now: nowMs }).reduce((sum, e) => sum + e.metrics.credits, 0);
  const resetSeconds = Math.floor(nextResetMs / 1000);
  return {
    tier: options.tier ?? 'creator',
    character_count: used,
    character_limit: options.characterLimit ?? DEFAULT_CHARACTER_LIMIT,
    max_character_limit_extension: null,
    max_credit_limit_extension: 0,
    can_extend_character_limit: true,
    allowed_to_extend_character_limit: false,
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
    currency: 'usd',
    current_overage: { amount: '0', currency: 'usd' },
    status: 'active',
    billing_period: 'monthly_period',
    character_refresh_period: 'monthly_period',
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
