// The fake's synthetic usage log: what a small workspace might have done over the past year.
//
// The log is a pure function of (seed, UTC hour index): the events of hour h come from a PRNG seeded by (seed, h),
// so the same window gives the same events whenever the server starts, and a window's events never depend on
// which other windows were asked for. `now` only decides how much of the log is visible (nothing in the future,
// nothing older than HISTORY_DAYS), which keeps a request for "since 1970" cheap.

import type { KnownBreakdownType } from '../../src/api/types';
import { mixSeed, Prng } from './prng';

export const DEFAULT_SEED = 11;
/** How far back the log reaches from `now`: a year and a bit, so year-long windows are full. */
export const HISTORY_DAYS = 400;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Every breakdown type except `none` is a dimension each event carries. */
export type DimensionName = Exclude<KnownBreakdownType, 'none'>;

export interface EventMetrics {
  /** Characters synthesised (for speech-to-speech and dubbing: the character-equivalent the service bills). */
  readonly tts_characters: number;
  /** Whole credits: characters × model multiplier × voice multiplier, rounded, at least 1. */
  readonly credits: number;
  /** Minutes of audio produced (seconds / 60, not rounded). */
  readonly minutes_used: number;
  /** Always 1: one event is one request. */
  readonly request_count: number;
  /** Time to first byte of this request, milliseconds. */
  readonly ttfb_ms: number;
  /** Money spent on this request, in the subscription currency (credits × price per credit). */
  readonly fiat_units_spent: number;
  /** Requests in flight (this one included) when this request started. */
  readonly concurrency: number;
}

export interface UsageEvent {
  /** When the request was made, UTC milliseconds. */
  readonly timeMs: number;
  /** True when the caller (the owner of the API key the fake accepts) made it; false for other workspace members. */
  readonly byCaller: boolean;
  readonly dimensions: Readonly<Record<DimensionName, string>>;
  readonly metrics: EventMetrics;
}

export interface EventsOptions {
  readonly seed?: number;
  /** The present, UTC ms; events after it do not exist yet. Defaults to Date.now(). */
  readonly now?: number;
}

// ---- The workspace being simulated -------------------------------------------------------------------------------

interface Member {
  readonly email: string;
  readonly group: string;
  /** Names of this member's API keys (names only: the fake never invents anything that looks like a secret). */
  readonly keys: readonly string[];
  readonly weight: number;
  readonly region: string;
  readonly sources: ReadonlyArray<readonly [string, number]>;
  readonly products: ReadonlyArray<readonly [string, number]>;
}

export const CALLER_EMAIL = 'you@example.com';

const MEMBERS: readonly Member[] = [
  {
    email: CALLER_EMAIL,
    group: 'engineering',
    keys: ['ci-pipeline', 'local-dev'],
    weight: 45,
    region: 'us',
    sources: [['api', 50], ['sdk', 35], ['web', 15]],
    products: [['tts', 70], ['sts', 10], ['sound_effects', 10], ['agents', 10]],
  },
  {
    email: 'maria.garcia@example.com',
    group: 'content',
    keys: ['content-studio'],
    weight: 25,
    region: 'us',
    sources: [['web', 60], ['api', 40]],
    products: [['tts', 55], ['dubbing', 35], ['sound_effects', 10]],
  },
  {
    email: 'devon.lee@example.com',
    group: 'engineering',
    keys: ['support-bot'],
    weight: 20,
    region: 'us',
    sources: [['sdk', 70], ['api', 30]],
    products: [['agents', 60], ['tts', 40]],
  },
  {
    email: 'priya.shah@example.com',
    group: 'support',
    keys: ['agents-eu'],
    weight: 10,
    region: 'eu',
    sources: [['api', 80], ['web', 20]],
    products: [['agents', 80], ['tts', 20]],
  },
];

/** Credit multiplier per model (flash/turbo models cost half). */
const MODELS: Readonly<Record<string, number>> = {
  eleven_multilingual_v2: 1,
  eleven_v3: 1,
  eleven_flash_v2_5: 0.5,
  eleven_turbo_v2_5: 0.5,
  eleven_multilingual_sts_v2: 1,
  eleven_text_to_sound_v2: 1,
};

const MODELS_BY_PRODUCT: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  tts: [['eleven_multilingual_v2', 45], ['eleven_flash_v2_5', 30], ['eleven_turbo_v2_5', 10], ['eleven_v3', 15]],
  sts: [['eleven_multilingual_sts_v2', 1]],
  dubbing: [['eleven_multilingual_v2', 1]],
  agents: [['eleven_flash_v2_5', 80], ['eleven_turbo_v2_5', 20]],
  sound_effects: [['eleven_text_to_sound_v2', 1]],
};

const RESOURCE_BY_PRODUCT: Readonly<Record<string, string>> = {
  tts: 'text_to_speech',
  sts: 'speech_to_speech',
  dubbing: 'dubbing',
  agents: 'convai',
  sound_effects: 'sound_generation',
};

const SUBRESOURCES_BY_PRODUCT: Readonly<Record<string, readonly string[]>> = {
  tts: ['project_7f3a21', 'project_b04c9e', 'no_subresource'],
  sts: ['no_subresource'],
  dubbing: ['dub_5c81e0', 'dub_e2a913'],
  agents: ['agent_91bc44', 'agent_d37f02'],
  sound_effects: ['no_subresource'],
};

/** Voices and their credit multiplier label (the two professional clones cost double). */
const VOICES: ReadonlyArray<readonly [string, string]> = [
  ['Rachel', '1x'],
  ['Adam', '1x'],
  ['Bella', '1x'],
  ['Antoni', '1x'],
  ['Elli', '1x'],
  ['Narrator (PVC)', '2x'],
  ['Brand Voice (PVC)', '2x'],
];

const WORKSPACE_BY_REGION: Readonly<Record<string, string>> = { us: 'ws_4f9c2a7e', eu: 'ws_eu_71b0d3' };

/** Price per credit in the subscription currency (a Creator-like plan: 22 per 100k credits). */
const PRICE_PER_CREDIT = 0.00022;
const NO_KEY = 'no_api_key';

// ---- Rhythm: how busy an hour is ---------------------------------------------------------------------------------

/** Mean number of events in the UTC hour starting at hourStartMs: office hours busy, nights quiet, weekends calm. */
function meanEventsPerHour(hourStartMs: number): number {
  const date = new Date(hourStartMs);
  const hour = date.getUTCHours();
  const weekday = date.getUTCDay(); // 0 = Sunday
  const byHour = hour >= 8 && hour < 18 ? 2.4 : hour >= 18 && hour < 23 ? 0.9 : 0.12;
  const byDay = weekday === 0 || weekday === 6 ? 0.3 : 1;
  return byHour * byDay;
}

// ---- Generation --------------------------------------------------------------------------------------------------

const hourCache = new Map<string, readonly UsageEvent[]>();
const HOUR_CACHE_LIMIT = 40_000;

/** All events of the UTC hour with this index (hour index = floor(ms / 3_600_000)), sorted by time. */
export function eventsOfHour(hourIndex: number, seed: number = DEFAULT_SEED): readonly UsageEvent[] {
  const cacheKey = `${seed}:${hourIndex}`;
  const cached = hourCache.get(cacheKey);
  if (cached) {
    return cached;
  }
  const events = generateHour(hourIndex, seed);
  if (hourCache.size >= HOUR_CACHE_LIMIT) {
    hourCache.clear();
  }
  hourCache.set(cacheKey, events);
  return events;
}

function generateHour(hourIndex: number, seed: number): readonly UsageEvent[] {
  const rng = new Prng(mixSeed(seed, hourIndex));
  const hourStart = hourIndex * HOUR_MS;
  // About one hour in 150 a batch job runs on the CI key: a burst that makes charts look like real life.
  const burst = rng.next() < 1 / 150 ? rng.int(12, 30) : 0;
  const count = rng.poisson(meanEventsPerHour(hourStart)) + burst;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(hourStart + Math.floor(rng.next() * HOUR_MS));
  }
  times.sort((a, b) => a - b);
  return times.map((timeMs, i) => makeEvent(rng, timeMs, i < burst ? 'burst' : 'normal', count));
}

function makeEvent(rng: Prng, timeMs: number, kind: 'burst' | 'normal', eventsThisHour: number): UsageEvent {
  const member = kind === 'burst' ? MEMBERS[0] : rng.weighted(MEMBERS.map((m) => [m, m.weight] as const));
  const source = kind === 'burst' ? 'api' : rng.weighted(member.sources);
  const hasKey = source !== 'web';
  const key = !hasKey ? NO_KEY : kind === 'burst' ? 'ci-pipeline' : rng.pick(member.keys);
  const product = kind === 'burst' ? 'tts' : rng.weighted(member.products);
  const model = rng.weighted(MODELS_BY_PRODUCT[product]);
  const [voice, voiceMultiplier] = rng.pick(VOICES);
  // Characters: mostly short snippets, sometimes long passages (a skewed distribution, median around 55).
  const characters = Math.max(5, Math.round(12 + 40 * Math.exp(rng.next() * 3 - 1.2) * rng.next() * 2));
  const credits = Math.max(1, Math.round(characters * MODELS[model] * (voiceMultiplier === '2x' ? 2 : 1)));
  const audioSeconds = Math.max(1, Math.round(characters / 15));
  const fastModel = MODELS[model] < 1;
  const ttfb = Math.round((fastModel ? 90 : 240) + rng.next() * (fastModel ? 160 : 420) + (rng.next() < 0.04 ? 900 : 0));
  const concurrency = 1 + Math.min(9, Math.floor(rng.next() * Math.max(1, eventsThisHour / 3)));
  return {
    timeMs,
    byCaller: member.email === CALLER_EMAIL,
    dimensions: {
      voice,
      voice_multiplier: voiceMultiplier,
      user: member.email,
      groups: member.group,
      api_keys: key,
      all_api_keys: key,
      product_type: product,
      model,
      resource: RESOURCE_BY_PRODUCT[product],
      request_queue: kind === 'burst' ? 'batch' : rng.next() < 0.1 ? 'priority' : 'default',
      region: member.region,
      subresource_id: rng.pick(SUBRESOURCES_BY_PRODUCT[product]),
      reporting_workspace_id: WORKSPACE_BY_REGION[member.region],
      has_api_key: String(hasKey),
      request_source: source,
    },
    metrics: {
      tts_characters: characters,
      credits,
      minutes_used: audioSeconds / 60,
      request_count: 1,
      ttfb_ms: ttfb,
      fiat_units_spent: credits * PRICE_PER_CREDIT,
      concurrency,
    },
  };
}

/**
 * The visible events with startMs <= timeMs < endMs, oldest first: never after `now` (timeMs <= now) and never
 * older than HISTORY_DAYS before it. Both workspace members' and the caller's events are returned; filter on
 * `byCaller` for the caller's own usage.
 */
export function eventsBetween(startMs: number, endMs: number, options: EventsOptions | number = {}): UsageEvent[] {
  const { seed = DEFAULT_SEED, now = Date.now() } = typeof options === 'number' ? { seed: options } : options;
  const from = Math.max(startMs, now - HISTORY_DAYS * DAY_MS);
  const to = Math.min(endMs, now + 1); // +1: an event at exactly `now` has happened
  const result: UsageEvent[] = [];
  if (!(from < to)) {
    return result;
  }
  for (let h = Math.floor(from / HOUR_MS); h * HOUR_MS < to; h++) {
    for (const event of eventsOfHour(h, seed)) {
      if (event.timeMs >= from && event.timeMs < to) {
        result.push(event);
      }
    }
  }
  return result;
}
