// The status bar's requests over a simulated stretch of time: the real RefreshScheduler, TodayUsage and
// ElevenLabsClient against the real fake API over real HTTP, with a simulated clock. The scheduler's timers,
// TodayUsage's now() and the fake's own clock follow it, so an hour takes a second or two and every request the
// fake records carries its simulated time. Used by test/unit/status/politeness.test.ts and by `npm run bench`
// (bench/requests.mjs), so that the figures in the README and the assertions come from the same run.
//
// What is not simulated: waits inside one request (retry delays, the per-attempt timeout) run on the real clock,
// shortened here (retry delays of 1 ms, a 500 ms timeout). They decide how long a request takes, not how many
// requests are made; the number of retries is the client's default.

import { SimulatedClock } from './simulatedClock';
import { ElevenLabsClient, type ClientOptions } from '../../src/api/client';
import { RefreshScheduler, type SharedPause } from '../../src/status/schedule/refreshScheduler';
import type { StatusState } from '../../src/status/statusState';
import { TodayUsage } from '../../src/status/todayUsage';
import type { ZonedCalendar } from '../../src/usage/calendar/timeZone';
import { CHARACTER_STATS_PATH, SUBSCRIPTION_PATH, type FakeApi, type Faults } from '../fake-api/server';

/** elevenlabsUsage.refreshIntervalSeconds' default (package.json). */
export const DEFAULT_INTERVAL_MS = 300_000;
export const HOUR_MS = 3_600_000;

/**
 * The fault kinds of issue 9, and the last 7 days' request of issue 12 failing, each as the fake's switches; each
 * one holds from the start of the simulation. `usageWorks`: today's figures stay current; `quotaWorks`: so does the
 * quota (only the last 7 days fail).
 */
export const FAULT_KINDS: ReadonlyArray<{ readonly name: string; readonly faults: Partial<Faults>; readonly usageWorks: boolean; readonly quotaWorks?: boolean }> = [
  { name: 'usage endpoint down (503, HTML page)', faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 503, body: 'html' } } }, usageWorks: false },
  { name: 'quota endpoint down (503, HTML page)', faults: { byPath: { [SUBSCRIPTION_PATH]: { status: 503, body: 'html' } } }, usageWorks: true },
  { name: 'both down (503, HTML page)', faults: { byPath: { '*': { status: 503, body: 'html' } } }, usageWorks: false },
  { name: 'both down (503, empty body)', faults: { byPath: { '*': { status: 503, body: 'empty' } } }, usageWorks: false },
  { name: 'both down (500, JSON)', faults: { byPath: { '*': { status: 500, body: 'json' } } }, usageWorks: false },
  {
    name: 'usage 429, Retry-After: 120',
    faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 429, body: 'json', retryAfterSeconds: 120 } } },
    usageWorks: false,
  },
  {
    name: 'quota 429, Retry-After: 120',
    faults: { byPath: { [SUBSCRIPTION_PATH]: { status: 429, body: 'json', retryAfterSeconds: 120 } } },
    usageWorks: true,
  },
  { name: 'usage times out', faults: { byPath: { [CHARACTER_STATS_PATH]: { hang: true } } }, usageWorks: false },
  { name: 'quota times out', faults: { byPath: { [SUBSCRIPTION_PATH]: { hang: true } } }, usageWorks: true },
  { name: 'both time out', faults: { byPath: { '*': { hang: true } } }, usageWorks: false },
  {
    name: 'last 7 days down (503, HTML page)',
    faults: { byPath: { [`${CHARACTER_STATS_PATH}?include_workspace_metrics=true`]: { status: 503, body: 'html' } } },
    usageWorks: true,
    quotaWorks: true,
  },
];

/**
 * What a hostile or broken server sends (issue 17), each holding for the whole simulation: a Retry-After past any
 * timer's reach, in seconds and as an HTTP date; answers far larger than what was asked; null values. The bound for
 * each is the same as for any fault (requestsPerHourInFaults), and for the nulls the healthy figure.
 */
export const HOSTILE_KINDS: ReadonlyArray<{ readonly name: string; readonly faults: Partial<Faults> }> = [
  { name: '429, Retry-After: 3000000 (35 days)', faults: { byPath: { '*': { status: 429, body: 'json', retryAfterSeconds: 3_000_000 } } } },
  { name: '503, Retry-After an HTTP date 40 days ahead', faults: { byPath: { '*': { status: 503, body: 'html', retryAfterDateInMs: 40 * 86_400_000 } } } },
  {
    name: 'usage answers with 6,000 series',
    faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [0], usage: Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`voice ${i}`, [1]])) } } } } },
  },
  { name: 'usage answers with null values', faults: { byPath: { [CHARACTER_STATS_PATH]: { status: 200, body: { json: { time: [0], usage: { 'voice a': [1234], 'voice b': [null] } } } } } } },
];

export { SimulatedClock } from './simulatedClock';

/** The path key of the last 7 days' credits in SimulationResult.paths (the status bar's only multi-day request). */
export const LAST_7_DAYS = `${CHARACTER_STATS_PATH}?metric=credits, last 7 days`;

/** How a request is counted in SimulationResult.paths: its path, its metric, and whether it is the last 7 days'. */
function pathKey(request: { path: string; query: Readonly<Record<string, string>> }): string {
  const metric = request.query['metric'];
  const days = (Number(request.query['end_unix']) - Number(request.query['start_unix'])) / 86_400_000;
  return request.path + (metric ? `?metric=${metric}` : '') + (days > 1 ? ', last 7 days' : '');
}


export interface SimulationOptions {
  /** A fake API whose `now` follows `clock` (startFakeApi({ now: () => clock.now() })). */
  readonly api: FakeApi;
  readonly clock: SimulatedClock;
  /** The user's calendar: "today" is the day in its zone. */
  readonly calendar: ZonedCalendar;
  readonly durationMs: number;
  readonly key?: string;
  readonly focused?: boolean;
  /** Loses focus right after the first refresh. */
  readonly unfocusAfterFirst?: boolean;
  readonly intervalMs?: number;
  readonly client?: Partial<ClientOptions>;
  /** The user set elevenlabsUsage.source to "analytics": every credit figure from the successor. */
  readonly successorChosen?: boolean;
}

export interface SimulatedRefresh {
  /** Simulated ms since the start. */
  readonly atMs: number;
  requests: number;
  ok: boolean | undefined;
}

export interface SimulationResult {
  readonly durationMs: number;
  readonly refreshes: SimulatedRefresh[];
  /** Requests the fake received (each retry is one). */
  readonly requests: number;
  /** Attempts the client made: the same number, counted on the other side. */
  readonly clientAttempts: number;
  readonly requestsAfterFirstRefresh: number;
  readonly maxRequestsPerRefresh: number;
  /** Requests by path (and metric, for character-stats; LAST_7_DAYS for the last 7 days' credits). */
  readonly paths: Record<string, number>;
  /** The status bar's state at the end. */
  readonly finalState: StatusState;
}

/** The real client for the fake, its in-request waits shortened (see the header), every attempt reported. */
function simulatedClient(options: Pick<SimulationOptions, 'api' | 'key' | 'client'>, onAttempt: () => void): ElevenLabsClient {
  return new ElevenLabsClient({
    baseUrl: options.api.url,
    apiKey: options.key ?? options.api.validKey,
    timeoutMs: 500,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...options.client,
    onAttempt,
  });
}

/** Runs the status bar for `durationMs` of simulated time from `clock.now()`. */
export async function simulateStatusBar(options: SimulationOptions): Promise<SimulationResult> {
  const { api, clock } = options;
  const start = clock.now();
  let attempts = 0;
  const client = simulatedClient(options, () => attempts++);
  const today = new TodayUsage({
    getClient: async () => client,
    now: () => clock.now(),
    calendar: () => options.calendar,
    onState: () => undefined,
    successorChosen: () => options.successorChosen === true,
  });
  const refreshes: SimulatedRefresh[] = [];
  let current: Promise<unknown> | undefined;
  const scheduler = new RefreshScheduler(
    (signal) => {
      const before = api.requests.length;
      const entry: SimulatedRefresh = { atMs: clock.now() - start, requests: 0, ok: undefined };
      refreshes.push(entry);
      const run = today.refresh(signal).then((outcome) => {
        entry.requests = api.requests.length - before;
        entry.ok = outcome.ok;
        return outcome;
      });
      current = run;
      return run;
    },
    options.intervalMs ?? DEFAULT_INTERVAL_MS,
    clock,
  );
  const waitIdle = async (): Promise<void> => {
    if (current) {
      await current;
    }
    // Lets the scheduler arm its next timer.
    await new Promise((resolve) => setImmediate(resolve));
  };
  const requestsBefore = api.requests.length;
  try {
    scheduler.start(options.focused ?? true);
    await waitIdle();
    const afterFirst = api.requests.length - requestsBefore;
    if (options.unfocusAfterFirst) {
      scheduler.setFocused(false);
    }
    await clock.advanceTo(start + options.durationMs, waitIdle);
    const requests = api.requests.length - requestsBefore;
    const paths: Record<string, number> = {};
    for (const request of api.requests.slice(requestsBefore)) {
      const key = pathKey(request);
      paths[key] = (paths[key] ?? 0) + 1;
    }
    return {
      durationMs: options.durationMs,
      refreshes,
      requests,
      clientAttempts: attempts,
      requestsAfterFirstRefresh: requests - afterFirst,
      maxRequestsPerRefresh: Math.max(0, ...refreshes.map((r) => r.requests)),
      paths,
      finalState: today.current,
    };
  } finally {
    scheduler.dispose();
  }
}

export interface WindowsSimulationOptions extends Omit<SimulationOptions, 'focused' | 'unfocusAfterFirst'> {
  /** How many windows of one profile are open, on one fake API with one key. */
  readonly windows: number;
  /**
   * The person moves to the next window this often (one window is focused at a time), starting in window 0. With
   * one window, it loses the focus and gains it again (the person went to another application and back).
   */
  readonly switchFocusEveryMs: number;
  /** The profile's shared pause as each window gets it (a FilePause on one folder, as the extension does). */
  readonly pause: (window: number) => SharedPause;
}

export interface WindowsSimulationResult {
  /** Each window's requests, in simulated ms since the start (each retry is one). */
  readonly requestsAt: ReadonlyArray<readonly number[]>;
  /** Requests the fake received from all of them. */
  readonly requests: number;
}

/**
 * Several windows of one profile for `durationMs`: each with its own scheduler, TodayUsage and client (its own
 * extension host), all on one fake API, one clock and the shared pause, with focus going round them.
 */
export async function simulateWindows(options: WindowsSimulationOptions): Promise<WindowsSimulationResult> {
  const { api, clock } = options;
  const start = clock.now();
  const requestsAt: number[][] = [];
  const inFlight = new Set<Promise<unknown>>();
  const schedulers = Array.from({ length: options.windows }, (_, index) => {
    const mine: number[] = [];
    requestsAt.push(mine);
    const client = simulatedClient(options, () => mine.push(clock.now() - start));
    const today = new TodayUsage({ getClient: async () => client, now: () => clock.now(), calendar: () => options.calendar, onState: () => undefined });
    return new RefreshScheduler(
      (signal) => {
        const run = today.refresh(signal);
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
        return run;
      },
      options.intervalMs ?? DEFAULT_INTERVAL_MS,
      clock,
      options.pause(index),
    );
  });
  const waitIdle = async (): Promise<void> => {
    while (inFlight.size > 0) {
      await Promise.allSettled([...inFlight]);
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const requestsBefore = api.requests.length;
  try {
    schedulers.forEach((scheduler, index) => scheduler.start(index === 0));
    await waitIdle();
    let focused = 0;
    for (let at = start + options.switchFocusEveryMs; at < start + options.durationMs; at += options.switchFocusEveryMs) {
      await clock.advanceTo(at, waitIdle);
      schedulers[focused]!.setFocused(false);
      focused = (focused + 1) % schedulers.length;
      schedulers[focused]!.setFocused(true);
      await waitIdle();
    }
    await clock.advanceTo(start + options.durationMs, waitIdle);
    return { requestsAt, requests: api.requests.length - requestsBefore };
  } finally {
    schedulers.forEach((scheduler) => scheduler.dispose());
  }
}
