// Turns response bodies into typed values, or an ElevenLabsError of kind badShape that says what broke.
// Everything arrives as `unknown`: a proxy, an outage or a contract change can send anything, and nothing but
// our own error type may come out of here.

import { formatExact } from '../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import { ElevenLabsError } from './errors';
import { redactSecrets } from './serviceText';
import { MAX_LABELS_PER_ANSWER } from './query';
import type { LimitExtension, Price, SubscriptionQuota, UsageSeries } from './types';
import { isRecord } from '../shared/isRecord';

export function badShape(what: string): ElevenLabsError {
  return new ElevenLabsError(
    'badShape',
    l10n.t('ElevenLabs sent data in a form this extension cannot read ({0}). If this persists, update the extension or report it.', what),
  );
}


/** What a value is, in the words of a message: "a list", "text", "number"; null as JSON writes it. */
export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return l10n.t('a list');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  switch (typeof value) {
    case 'string':
      return l10n.t('text');
    case 'number':
      return l10n.t('number');
    case 'boolean':
      return l10n.t('boolean');
    case 'object':
      return l10n.t('object');
    case 'undefined':
      return l10n.t('undefined');
    default:
      return typeof value;
  }
}

/** A field's value described, or "missing" where the answer has none. */
export function describeOrMissing(value: unknown): string {
  return value === undefined ? l10n.t('missing') : describe(value);
}

/**
 * A short, printable rendering of a series name for messages (names come from the service): anything shaped like a
 * key is redacted before the name is cut (the client redacts the key it sent from the whole message as well).
 */
export function quoteName(name: string): string {
  return JSON.stringify(redactSecrets(name, undefined, 40));
}

/** No answer is read with more series than this: a breakdown of thousands of voices or users is already a table. */
export const MAX_SERIES_PER_ANSWER = 5_000;
/** Nor with a series name longer than this: names are voices, models, users and keys. */
export const MAX_SERIES_NAME_LENGTH = 1_000;

/** What an answer may hold, from what was asked (see maxLabelsFor): checked before any value is looked at. */
export interface AnswerBounds {
  readonly maxLabels: number;
  readonly maxSeries: number;
}

const DEFAULT_BOUNDS: AnswerBounds = { maxLabels: MAX_LABELS_PER_ANSWER, maxSeries: MAX_SERIES_PER_ANSWER };

export function tooMany(what: string, advice: string): ElevenLabsError {
  return new ElevenLabsError('tooLarge', l10n.t('ElevenLabs sent {0}, so the extension did not read the answer. {1}', what, advice));
}

/**
 * Validates a `GET /v1/usage/character-stats` body: `{ time: int[], usage: { name: (number | null)[] } }`. The
 * sizes are checked first, against what the query can hold, so that an answer of a million labels or series is
 * refused before anything is built from it. A value that is null (averages of empty buckets, as real services
 * send them) or not finite (1e999 reads as Infinity) is a gap: null here, shown as "–" and left out of sums.
 */
export function parseUsageResponse(body: unknown, bounds: AnswerBounds = DEFAULT_BOUNDS): UsageSeries {
  if (!isRecord(body)) {
    throw badShape(l10n.t('expected an object with "time" and "usage", got {0}', describe(body)));
  }
  const { time, usage } = body;
  if (!Array.isArray(time)) {
    throw badShape(l10n.t('"time" is {0}, expected a list of timestamps', describeOrMissing(time)));
  }
  if (time.length > bounds.maxLabels) {
    throw tooMany(
      l10n.t('{0} time labels for a window that holds at most {1} buckets', formatExact(time.length), formatExact(bounds.maxLabels)),
      l10n.t('If this persists, check the elevenlabsUsage.apiBaseUrl setting, or report it.'),
    );
  }
  for (let i = 0; i < time.length; i++) {
    const label = time[i];
    if (typeof label !== 'number' || !Number.isFinite(label)) {
      throw badShape(l10n.t('time label {0} is {1}, expected a timestamp in milliseconds', i, describe(label)));
    }
  }
  if (!isRecord(usage)) {
    throw badShape(l10n.t('"usage" is {0}, expected an object of series', describeOrMissing(usage)));
  }
  const names = Object.keys(usage);
  if (names.length > bounds.maxSeries) {
    throw tooMany(
      l10n.t('{0} series in one answer; it reads at most {1}', formatExact(names.length), formatExact(bounds.maxSeries)),
      l10n.t('Choose a breakdown with fewer series (or none), or a shorter window.'),
    );
  }
  const series: Array<{ name: string; values: Array<number | null> }> = [];
  for (const name of names) {
    const values = usage[name];
    if (name.length > MAX_SERIES_NAME_LENGTH) {
      throw badShape(l10n.t('a series name of {0} characters', formatExact(name.length)));
    }
    if (!Array.isArray(values)) {
      throw badShape(l10n.t('series {0} is {1}, expected a list of numbers', quoteName(name), describe(values)));
    }
    if (values.length !== time.length) {
      throw badShape(l10n.t('series {0} has {1} values for {2} time labels', quoteName(name), values.length, time.length));
    }
    const checked = new Array<number | null>(values.length);
    for (let i = 0; i < values.length; i++) {
      const value: unknown = values[i];
      if (value !== null && typeof value !== 'number') {
        throw badShape(l10n.t('value {0} of series {1} is {2}, expected a number', i, quoteName(name), describe(value)));
      }
      checked[i] = value === null || !Number.isFinite(value) ? null : value;
    }
    series.push({ name, values: checked });
  }
  return { time: time as number[], series };
}

function requireNumber(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badShape(l10n.t('"{0}" is {1}, expected a number', field, describeOrMissing(value)));
  }
  return value;
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  return typeof value === 'boolean' ? value : undefined;
}

/** `max_credit_limit_extension`: whole credits (0 = usage-based billing off) or the string "unlimited". */
function limitExtension(value: unknown): LimitExtension | undefined {
  if (value === 'unlimited') {
    return 'unlimited';
  }
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `current_overage`: `{amount: "12.50", currency: "usd"}`; anything else is not a price we can show. */
function price(value: unknown): Price | undefined {
  if (!isRecord(value) || typeof value['amount'] !== 'string' || typeof value['currency'] !== 'string') {
    return undefined;
  }
  return { amount: value['amount'], currency: value['currency'] };
}

/**
 * Reads the quota from `GET /v1/user/subscription`. The figures the status bar cannot do without (used and limit)
 * must be numbers; the rest is read where it has a known form and left undefined otherwise, so that a field
 * the service changes or adds a value to (the enums are open) never hides the quota. Other fields are ignored.
 */
export function parseSubscriptionResponse(body: unknown): SubscriptionQuota {
  if (!isRecord(body)) {
    throw badShape(l10n.t('expected a subscription object, got {0}', describe(body)));
  }
  const used = requireNumber(body, 'character_count');
  const limit = requireNumber(body, 'character_limit');
  const reset = body['next_character_count_reset_unix'];
  if (reset !== undefined && reset !== null && (typeof reset !== 'number' || !Number.isFinite(reset))) {
    throw badShape(l10n.t('"{0}" is {1}, expected seconds or null', 'next_character_count_reset_unix', describe(reset)));
  }
  return {
    tier: optionalText(body, 'tier') ?? 'unknown',
    used,
    limit,
    // The service sends this one in seconds, unlike the usage endpoint.
    resetsAtMs: typeof reset === 'number' ? reset * 1000 : undefined,
    status: optionalText(body, 'status') ?? 'unknown',
    billingPeriod: optionalText(body, 'billing_period'),
    creditRefreshPeriod: optionalText(body, 'character_refresh_period'),
    currency: optionalText(body, 'currency'),
    currentOverage: price(body['current_overage']),
    canExtendLimit: optionalBoolean(body, 'can_extend_character_limit'),
    limitExtension: limitExtension(body['max_credit_limit_extension']),
  };
}
