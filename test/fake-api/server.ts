// A fake ElevenLabs usage API: a real HTTP server on 127.0.0.1 that answers GET /v1/usage/character-stats, its
// successor POST /v1/workspace/analytics/query/usage-by-product-over-time (analytics.ts) and
// GET /v1/user/subscription from a seeded synthetic event log, with the real service's error bodies and headers,
// plus switchable faults. Used by unit tests, integration tests and `npm run fake-api` for manual runs.

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { aggregateUsage, countBuckets } from './aggregate';
import { aggregateAnalytics, analyticsBucketCount, parseAnalyticsBody } from './analytics';
import { DEFAULT_SEED, eventsBetween } from './events';
import { Faults, noFaults, pathFaultKey, takeTransportFault, takeTruncation } from './faults';
import { parseCharacterStatsQuery } from './queryParams';
import {
  INVALID_API_KEY,
  MALFORMED_JSON,
  METHOD_NOT_ALLOWED,
  MISSING_ANALYTICS_READ,
  MISSING_USER_READ,
  NEEDS_AUTHORIZATION,
  NOT_FOUND,
  NOT_WORKSPACE_ADMIN,
  sendFaultAnswer,
  sendJson,
  sendProxyPage,
  sendText,
  statusDetail,
  TOO_MANY_CONCURRENT_REQUESTS,
} from './responses';
import { subscriptionBody, SubscriptionOptions } from './subscription';

export type { FaultBody, Faults, PathFault } from './faults';

/** The fake's default key: obviously not a real one (real keys are sk_ followed by 48 hex digits). */
export const DEMO_KEY = 'sk_demo_0000000000000000000000000000000000000000';
/** A key that may read usage but lacks `user_read`, so /v1/user/subscription refuses it. */
export const DEMO_RESTRICTED_KEY = 'sk_demo_restricted_000000000000000000000000000000';
/**
 * A workspace member's key (not an admin's): it reads its owner's usage and the subscription, but is refused the
 * whole workspace's usage (include_workspace_metrics=true). The real service's answer to that is not documented;
 * this one is a 403 of the service's usual shape.
 */
export const DEMO_MEMBER_KEY = 'sk_demo_member_00000000000000000000000000000000000';
/**
 * A key that reads character-stats and the subscription but lacks the successor's permission (a 403 naming it).
 * No word of the service's messages is in it: the client redacts every fragment of the key from what it shows.
 */
export const DEMO_NO_ANALYTICS_KEY = 'sk_demo_limited_00000000000000000000000000000000000';

export const CHARACTER_STATS_PATH = '/v1/usage/character-stats';
export const SUBSCRIPTION_PATH = '/v1/user/subscription';
export const ANALYTICS_PATH = '/v1/workspace/analytics/query/usage-by-product-over-time';
/** No request body is read past this: the analytics query is a few hundred bytes. */
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * How a retired character-stats answers: 404 is what FastAPI sends for a route that no longer exists (before any
 * check of the key), 410 what a service that says so would send.
 */
export type Retirement = 404 | 410;
const RETIRED_410 = statusDetail('endpoint_retired', 'This endpoint has been retired. Use POST /v1/workspace/analytics/query/usage-by-product-over-time.');

export interface FakeApiOptions extends SubscriptionOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly validKey?: string;
  /** A second accepted key without the `user_read` permission. Defaults to DEMO_RESTRICTED_KEY. */
  readonly restrictedKey?: string;
  /** A third accepted key, refused the workspace's usage. Defaults to DEMO_MEMBER_KEY. */
  readonly memberKey?: string;
  /** A fourth accepted key, refused the successor for a missing permission. Defaults to DEMO_NO_ANALYTICS_KEY. */
  readonly noAnalyticsKey?: string;
  readonly seed?: number;
  /** The fake's clock, UTC ms. Fix it to make responses reproducible. */
  readonly now?: () => number;
  readonly faults?: Partial<Faults>;
  /** Send every bucket of the window (zeros included) instead of leaving empty buckets out as the real one does. */
  readonly denseBuckets?: boolean;
  /**
   * Serve HTTPS with this certificate (PEM) instead of plain HTTP, so that it can stand in for a real host such as
   * api.eu.residency.elevenlabs.io behind a proxy: the client trusts the certificate's CA through NODE_EXTRA_CA_CERTS.
   */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Series to answer under other names (e.g. a voice called "<script>"), by the name the log gives them. */
  readonly seriesNames?: Readonly<Record<string, string>>;
  /**
   * Answers with more buckets than this are refused with a 422, as a real service refuses (or times out on) very
   * large ones; clients must split long windows. Default DEFAULT_MAX_BUCKETS.
   */
  readonly maxBuckets?: number;
  /** Splits every series into this many (see AggregationRequest.splitSeries): 7 voices become 21 with 3. */
  readonly splitSeries?: number;
  /** Character-stats retired from the start: it answers this status to every request. */
  readonly retireCharacterStats?: Retirement;
}

/** The fake's largest answer, in buckets: what the API document advises clients to stay within. */
export const DEFAULT_MAX_BUCKETS = 10_000;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters (the last value of repeated ones). Anything that looks like a key is redacted. */
  readonly query: Readonly<Record<string, string>>;
  /** Whether an xi-api-key header was sent. Its value is never stored. */
  readonly hasKey: boolean;
  /** Whether that key is one of this fake's own (valid, restricted, member, without analytics): a key of another server is not. */
  readonly ownKey: boolean;
  /** A POST's body as parsed JSON (or the text, when it is not JSON); undefined for a GET. */
  readonly body?: unknown;
  readonly atMs: number;
}

export interface FakeApi {
  /** http://127.0.0.1:PORT (https:// with the tls option), no trailing slash. */
  readonly url: string;
  readonly validKey: string;
  readonly restrictedKey: string;
  readonly memberKey: string;
  readonly noAnalyticsKey: string;
  readonly seed: number;
  /**
   * Merges into the current faults (counted faults are replaced, not added; `byPath` replaces the whole map).
   * Requests held by a hang whose switch is no longer on are released and answered.
   */
  setFaults(faults: Partial<Faults>): void;
  /** Removes every fault and releases requests held by a hang. */
  clearFaults(): void;
  /** The faults still pending, e.g. to see a counted fault run down. */
  getFaults(): Faults;
  /** Changes `character_limit` of the subscription from now on. */
  setCharacterLimit(limit: number): void;
  /**
   * Changes the subscription from now on: merged into the current options (a field set to undefined goes back to
   * its default). E.g. { usedFraction: 0.91 }, { billingPeriod: 'annual_period' }, { nextResetMs: tomorrow }.
   */
  setSubscription(update: Partial<SubscriptionOptions>): void;
  /** The subscription options in force, to work out independently what the fake answers. */
  subscriptionOptions(): SubscriptionOptions;
  /** From now on, answers these series (by the name the log gives them) under other names; {} undoes it. */
  setSeriesNames(names: Readonly<Record<string, string>>): void;
  /** From now on, splits every series into this many (undefined: as started); the benchmark's large account. */
  setSplitSeries(count: number | undefined): void;
  /** From now on, character-stats is retired and answers this status (undefined: it serves again). */
  retireCharacterStats(status: Retirement | undefined): void;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** The address the server is bound to, as the operating system reports it (not as the URL was written). */
  boundAddress(): AddressInfo;
  /** Stops listening and ends open connections (held requests included). */
  close(): Promise<void>;
}

const KEY_LIKE_PARAM = /key|token|secret|auth/i;

function recordOf(req: IncomingMessage, url: URL, nowMs: number, bodyText: string | undefined, ownKeys: ReadonlySet<string>): RecordedRequest {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = KEY_LIKE_PARAM.test(name) ? '[redacted]' : value;
  }
  const key = apiKeyOf(req);
  const record = { method: req.method ?? 'GET', path: url.pathname, query, hasKey: key !== undefined, ownKey: key !== undefined && ownKeys.has(key), atMs: nowMs };
  return bodyText === undefined ? record : { ...record, body: parsedOrText(bodyText) };
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The request's body as text, or undefined when it has none; 'tooLarge' past MAX_REQUEST_BODY_BYTES. */
function readRequestBody(req: IncomingMessage): Promise<string | undefined | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_REQUEST_BODY_BYTES) {
        parts.push(chunk);
      }
    });
    req.on('end', () => resolve(bytes > MAX_REQUEST_BODY_BYTES ? 'tooLarge' : bytes === 0 ? undefined : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['xi-api-key'];
  const key = Array.isArray(header) ? header[header.length - 1] : header;
  return key ? key : undefined;
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const validKey = options.validKey ?? DEMO_KEY;
  const restrictedKey = options.restrictedKey ?? DEMO_RESTRICTED_KEY;
  const memberKey = options.memberKey ?? DEMO_MEMBER_KEY;
  const noAnalyticsKey = options.noAnalyticsKey ?? DEMO_NO_ANALYTICS_KEY;
  const ownKeys: ReadonlySet<string> = new Set([validKey, restrictedKey, memberKey, noAnalyticsKey]);
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? (() => Date.now());
  let subscription: SubscriptionOptions = {
    characterLimit: options.characterLimit,
    tier: options.tier,
    resetDayOfMonth: options.resetDayOfMonth,
    usedFraction: options.usedFraction,
    billingPeriod: options.billingPeriod,
    creditRefreshPeriod: options.creditRefreshPeriod,
    nextResetMs: options.nextResetMs,
    maxCreditLimitExtension: options.maxCreditLimitExtension,
    canExtendCharacterLimit: options.canExtendCharacterLimit,
    currency: options.currency,
    overageAmount: options.overageAmount,
  };
  let seriesNames: Readonly<Record<string, string>> = options.seriesNames ?? {};
  let splitSeries = options.splitSeries;
  let retirement: Retirement | undefined = options.retireCharacterStats;
  let faults: Faults = { ...noFaults(), ...options.faults };
  const requests: RecordedRequest[] = [];
  // Requests held by a hang wait here with the test that says whether they are still held; changing the faults
  // or closing releases those whose switch went off.
  let held: Array<{ release: () => void; stillHeld: () => boolean }> = [];
  let closed = false;
  const pendingTimers = new Set<NodeJS.Timeout>();

  function releaseHeldRequests(all: boolean): void {
    const released = held.filter((entry) => all || !entry.stillHeld());
    held = held.filter((entry) => !released.includes(entry));
    released.forEach((entry) => entry.release());
  }

  function hold(stillHeld: () => boolean): Promise<void> {
    return new Promise<void>((release) => held.push({ release, stillHeld }));
  }

  function pathHangs(url: URL): boolean {
    const key = pathFaultKey(faults, url);
    return key !== undefined && 'hang' in faults.byPath[key]!;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        resolve();
      }, ms);
      pendingTimers.add(timer);
    });
  }

  function serveCharacterStats(url: URL, res: ServerResponse, key: string): void {
    const parsed = parseCharacterStatsQuery(url.searchParams);
    if (!parsed.ok) {
      sendJson(res, 422, { detail: parsed.errors });
      return;
    }
    if (key === memberKey && parsed.request.includeWorkspace) {
      sendJson(res, 403, NOT_WORKSPACE_ADMIN);
      return;
    }
    const nowMs = now();
    const { startMs, endMs } = parsed.request;
    const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    const buckets = countBuckets(parsed.request, maxBuckets);
    if (buckets > maxBuckets) {
      const field = parsed.request.bucketSizeSeconds !== undefined && parsed.request.bucketSizeSeconds !== null ? 'aggregation_bucket_size' : 'aggregation_interval';
      sendJson(res, 422, {
        detail: [{ type: 'value_error', loc: ['query', field], msg: `Value error, the window makes more than ${maxBuckets} buckets: use larger buckets or a shorter window`, input: url.searchParams.get(field) }],
      });
      return;
    }
    const events = eventsBetween(startMs, endMs, { seed, now: nowMs });
    const body = aggregateUsage(events, { ...parsed.request, dense: options.denseBuckets ?? false, splitSeries });
    body.usage = Object.fromEntries(Object.entries(body.usage).map(([name, values]) => [Object.hasOwn(seriesNames, name) ? seriesNames[name]! : name, values]));
    if (takeTruncation(faults)) {
      if (body.time.length === 0) {
        // A quiet window has no arrays to cut: answer with a label and a series without values, which breaks the
        // contract just the same, so the fault does not depend on the time of day.
        body.time = [startMs];
        body.usage = { All: [] };
      }
      for (const name of Object.keys(body.usage)) {
        body.usage[name] = body.usage[name].slice(0, -1);
      }
    }
    sendJson(res, 200, body);
  }

  function serveAnalytics(bodyText: string | undefined, res: ServerResponse, key: string): void {
    const parsed = parseAnalyticsBody(bodyText ?? '');
    if (!parsed.ok) {
      sendJson(res, 422, { detail: parsed.errors });
      return;
    }
    // The successor reports the whole workspace: a member's key is refused it as it is the workspace's character
    // stats (the real service's answer is not documented).
    if (key === memberKey) {
      sendJson(res, 403, NOT_WORKSPACE_ADMIN);
      return;
    }
    if (key === noAnalyticsKey) {
      sendJson(res, 403, MISSING_ANALYTICS_READ);
      return;
    }
    const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    if (analyticsBucketCount(parsed.request) > maxBuckets) {
      sendJson(res, 422, {
        detail: [{ type: 'value_error', loc: ['body', 'interval_seconds'], msg: `Value error, the window makes more than ${maxBuckets} buckets: use larger buckets or a shorter window`, input: parsed.request.intervalSeconds }],
      });
      return;
    }
    const events = eventsBetween(parsed.request.startMs, parsed.request.endMs, { seed, now: now() });
    const answer = aggregateAnalytics(events, parsed.request);
    // Renamed series (setSeriesNames) are renamed group values here: the grouped cells stand between the time and the figures.
    const grouped = parsed.request.groupBy.length;
    answer.rows = answer.rows.map((row) => row.map((cell, i) => (i >= 1 && i <= grouped && typeof cell === 'string' && Object.hasOwn(seriesNames, cell) ? seriesNames[cell]! : cell)));
    sendJson(res, 200, answer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const bodyText = await readRequestBody(req);
    requests.push(recordOf(req, url, now(), bodyText === 'tooLarge' ? '[too large]' : bodyText, ownKeys));
    // The Date header follows the fake's clock (Node would send the machine's), as a server's follows its own.
    res.setHeader('date', new Date(now()).toUTCString());

    if (faults.hang) {
      await hold(() => faults.hang);
      if (closed) {
        return;
      }
    }
    if (faults.latencyMs > 0) {
      await sleep(faults.latencyMs);
      if (closed) {
        return;
      }
    }

    const fault = takeTransportFault(faults, url);
    switch (fault?.kind) {
      case 'hang':
        // Held until this path's hang is switched off (then answered as usual) or the server closes.
        await hold(() => pathHangs(url));
        if (closed) {
          return;
        }
        break;
      case 'answer':
        sendFaultAnswer(
          res,
          fault.status,
          fault.body,
          fault.retryAfterDateInMs !== undefined
            ? new Date(now() + fault.retryAfterDateInMs).toUTCString()
            : fault.retryAfterSeconds === undefined
              ? undefined
              : String(fault.retryAfterSeconds),
        );
        return;
      case 'rateLimit':
        sendJson(res, 429, TOO_MANY_CONCURRENT_REQUESTS, { 'retry-after': String(fault.retryAfterSeconds) });
        return;
      case 'serverError':
        sendText(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
        return;
      case 'htmlPage':
        sendProxyPage(res);
        return;
      case 'malformedJson':
        sendText(res, 200, 'application/json', MALFORMED_JSON);
        return;
    }

    const route = url.pathname;
    if ((route !== CHARACTER_STATS_PATH && route !== SUBSCRIPTION_PATH && route !== ANALYTICS_PATH) || (route === CHARACTER_STATS_PATH && retirement === 404)) {
      sendJson(res, 404, NOT_FOUND);
      return;
    }
    const method = route === ANALYTICS_PATH ? 'POST' : 'GET';
    if (req.method !== method) {
      sendJson(res, 405, METHOD_NOT_ALLOWED, { allow: method });
      return;
    }
    if (route === CHARACTER_STATS_PATH && retirement === 410) {
      sendJson(res, 410, RETIRED_410);
      return;
    }
    if (bodyText === 'tooLarge') {
      sendJson(res, 413, { detail: 'Request Entity Too Large' });
      return;
    }
    // Authentication comes before parameter validation, as on the real service: a bad key with bad
    // parameters gets 401, not 422.
    const key = apiKeyOf(req);
    if (key === undefined) {
      sendJson(res, 401, NEEDS_AUTHORIZATION);
      return;
    }
    if (key !== validKey && key !== restrictedKey && key !== memberKey && key !== noAnalyticsKey) {
      sendJson(res, 401, INVALID_API_KEY);
      return;
    }
    if (route === CHARACTER_STATS_PATH) {
      serveCharacterStats(url, res, key);
      return;
    }
    if (route === ANALYTICS_PATH) {
      serveAnalytics(bodyText, res, key);
      return;
    }
    if (key === restrictedKey) {
      sendJson(res, 401, MISSING_USER_READ);
      return;
    }
    sendJson(res, 200, subscriptionBody(now(), seed, subscription));
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      sendText(res, 500, 'text/plain; charset=utf-8', `Fake API bug: ${String(error)}`);
    });
  };
  const server: Server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createServer(onRequest);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    validKey,
    restrictedKey,
    noAnalyticsKey,
    memberKey,
    seed,
    requests,
    boundAddress: () => server.address() as AddressInfo,
    setFaults(update) {
      faults = { ...faults, ...update };
      releaseHeldRequests(false);
    },
    clearFaults() {
      faults = noFaults();
      releaseHeldRequests(true);
    },
    getFaults() {
      return { ...faults, byPath: { ...faults.byPath }, rateLimit: faults.rateLimit && { ...faults.rateLimit } };
    },
    setCharacterLimit(limit) {
      subscription = { ...subscription, characterLimit: limit };
    },
    setSubscription(update) {
      subscription = { ...subscription, ...update };
    },
    subscriptionOptions() {
      return { ...subscription };
    },
    setSeriesNames(names) {
      seriesNames = { ...names };
    },
    setSplitSeries(count) {
      splitSeries = count ?? options.splitSeries;
    },
    retireCharacterStats(status) {
      retirement = status;
    },
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      pendingTimers.forEach((timer) => clearTimeout(timer));
      pendingTimers.clear();
      releaseHeldRequests(true);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}
