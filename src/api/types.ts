// The vocabulary of ElevenLabs' usage API, as the OpenAPI contract in shared/spec names it.
//
// The three enums are open: the service has added values before (tts_characters and request_source arrived
// in late 2025) and the official SDKs accept any string. Known values are listed so that pickers can offer
// them; an unknown value passes through untouched and never makes parsing fail.

/** A string enum that also admits values this version does not know yet. */
export type Open<Known extends string> = Known | (string & { readonly __open?: never });

export const AGGREGATION_INTERVALS = ['hour', 'day', 'week', 'month', 'cumulative'] as const;
export type KnownAggregationInterval = (typeof AGGREGATION_INTERVALS)[number];
export type AggregationInterval = Open<KnownAggregationInterval>;

export const BREAKDOWN_TYPES = [
  'none',
  'voice',
  'voice_multiplier',
  'user',
  'groups',
  'api_keys',
  'all_api_keys',
  'product_type',
  'model',
  'resource',
  'request_queue',
  'region',
  'subresource_id',
  'reporting_workspace_id',
  'has_api_key',
  'request_source',
] as const;
export type KnownBreakdownType = (typeof BREAKDOWN_TYPES)[number];
export type BreakdownType = Open<KnownBreakdownType>;

/** The series of an answer without a breakdown: character-stats' own key for it; the successor's ungrouped rows get it too. */
export const UNGROUPED_SERIES = 'All';

/** Breakdowns the service refuses unless `include_workspace_metrics` is true. */
export const WORKSPACE_ONLY_BREAKDOWNS: ReadonlySet<string> = new Set(['user', 'api_keys', 'all_api_keys']);

export const METRICS = [
  'credits',
  'tts_characters',
  'minutes_used',
  'request_count',
  'ttfb_avg',
  'ttfb_p95',
  'fiat_units_spent',
  'concurrency',
  'concurrency_average',
] as const;
export type KnownMetric = (typeof METRICS)[number];
export type Metric = Open<KnownMetric>;

/** The seven query parameters of `GET /v1/usage/character-stats`, in the API's own units. */
export interface UsageQuery {
  /** Window start, UTC, integer milliseconds since the epoch. */
  readonly startUnix: number;
  /** Window end, UTC, integer milliseconds since the epoch. */
  readonly endUnix: number;
  readonly includeWorkspaceMetrics?: boolean;
  readonly breakdownType?: BreakdownType;
  readonly aggregationInterval?: AggregationInterval;
  /** Bucket size in seconds; when set the service ignores `aggregationInterval`. */
  readonly aggregationBucketSize?: number;
  readonly metric?: Metric;
}

/**
 * A validated character-stats response. `time` holds the bucket labels (UTC ms, as sent); every series has
 * exactly one value per label: a number, or null where the service sent none (null, or a number too large to be
 * one), which is a gap, never a 0.
 */
export interface UsageSeries {
  readonly time: readonly number[];
  readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }>;
}

export const BILLING_PERIODS = ['monthly_period', '3_month_period', '6_month_period', 'annual_period'] as const;
export type KnownBillingPeriod = (typeof BILLING_PERIODS)[number];
/** How often the subscription is billed, or its credits refresh (the contract's BillingPeriod and CharacterRefreshPeriod). */
export type BillingPeriod = Open<KnownBillingPeriod>;

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'incomplete', 'past_due', 'free', 'free_disabled'] as const;
export type SubscriptionStatus = Open<(typeof SUBSCRIPTION_STATUSES)[number]>;

export const CURRENCIES = ['usd', 'eur', 'inr', 'pln'] as const;
export type Currency = Open<(typeof CURRENCIES)[number]>;

/** An amount of money as the service sends it: a decimal string (e.g. "12.50") and its currency. */
export interface Price {
  readonly amount: string;
  readonly currency: Currency;
}

/**
 * How far usage-based billing may take use past the limit (`max_credit_limit_extension`): a number of credits (0
 * when usage-based billing is off), or no cap at all.
 */
export type LimitExtension = number | 'unlimited';

/**
 * The quota figures of `GET /v1/user/subscription` that the extension shows. The service counts credits. The
 * fields after `limit` are optional in meaning: one that is missing, or sent in a form this version does not know,
 * is undefined (the quota is still shown), never a failure.
 */
export interface SubscriptionQuota {
  readonly tier: string;
  /** Credits used in the current period (the API calls it `character_count`); above `limit` in overage. */
  readonly used: number;
  /** Credits available in the period (the API calls it `character_limit`). */
  readonly limit: number;
  /** When the count resets, in milliseconds (the API sends seconds), or undefined when it does not say. */
  readonly resetsAtMs: number | undefined;
  readonly status: SubscriptionStatus;
  /** How often the subscription is paid for (`billing_period`). */
  readonly billingPeriod: BillingPeriod | undefined;
  /** How often the credits refresh (`character_refresh_period`): the period the quota is counted over. */
  readonly creditRefreshPeriod?: BillingPeriod | undefined;
  readonly currency?: Currency | undefined;
  /** What usage past the limit has cost so far this period (`current_overage`). */
  readonly currentOverage?: Price | undefined;
  /** Whether the plan is entitled to usage-based billing at all (`can_extend_character_limit`). */
  readonly canExtendLimit?: boolean | undefined;
  /** `max_credit_limit_extension`: how far usage-based billing may go past the limit, as the workspace admin set it. */
  readonly limitExtension?: LimitExtension | undefined;
  /**
   * Whose quota this is: a digest of the host and key it was asked with (see src/api/accountId.ts), set by the
   * client; undefined for a quota parsed on its own. Records kept per account (the quota alerts) use it.
   */
  readonly account?: string | undefined;
}
