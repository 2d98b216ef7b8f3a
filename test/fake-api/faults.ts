// Fault switches for the fake: the failures a client meets in real life (slow answers, 429s, 5xx, a proxy's HTML
// page, broken JSON, inconsistent arrays, a server that never answers, a body that never ends).
//
// Two kinds of switch:
// - by path (`byPath`): every request to one path ('*' for all) gets the fault until it is cleared, or for the
//   next `count` requests. The status and the look of the body are chosen freely (a 503 with an HTML page, an
//   empty 503, a 429 with Retry-After: 120, a 500 with JSON, a hang), so one endpoint can fail while the other
//   works, as outages do.
// - counted switches (rateLimit, serverError, htmlPage, malformedJson, truncatedArrays) for the next n requests
//   to any path, counting down, so a test can assert both the failure and the recovery.

/** How the body of a faulty answer looks. */
export type FaultBody =
  /** The service's own JSON error body for the status ({"detail": {"status", "message"}}). */
  | 'json'
  /** A proxy's HTML page for the status, as nginx or cloudflare send when the service behind them is down. */
  | 'html'
  /** No body at all. */
  | 'empty'
  /** The status's reason phrase as plain text, as uvicorn sends for an unhandled exception. */
  | 'text'
  /** A JSON-looking body that never ends (no content-length), as a hostile proxy could send; ends when the client hangs up. */
  | 'endless'
  /** Exactly this JSON body, e.g. an error whose message a test chooses. */
  | { readonly json: unknown };

export type PathFault =
  | {
      readonly status: number;
      readonly body: FaultBody;
      /** Retry-After in seconds, sent as given (a hostile server may send any number). */
      readonly retryAfterSeconds?: number;
      /** Retry-After as an HTTP date this many ms after the fake's clock (its Date header follows that clock). */
      readonly retryAfterDateInMs?: number;
      readonly count?: number;
    }
  /**
   * The request is held without an answer until the path's hang is switched off (then it is answered as usual)
   * or the server closes. A counted hang is spent when taken, so its requests are released at the next change
   * of the faults.
   */
  | { readonly hang: true; readonly count?: number };

export interface Faults {
  /** Delay before every response, ms. */
  latencyMs: number;
  /**
   * Faults by request path ('*': every path). A key may carry query parameters that must match too
   * ('/v1/usage/character-stats?metric=credits'). The most specific entry that matches applies: path and query,
   * then path, then '*'.
   */
  byPath: Readonly<Record<string, PathFault>>;
  /** The next `count` requests get 429 too_many_concurrent_requests with Retry-After. */
  rateLimit: { count: number; retryAfterSeconds: number } | null;
  /** The next n requests get a 500 as uvicorn/Starlette sends it for an unhandled exception (plain text). */
  serverError: number;
  /** The next n requests get an HTML 502 page, as a proxy in front of the service would send. */
  htmlPage: number;
  /** The next n requests get 200 with a body that is not valid JSON. */
  malformedJson: number;
  /** The next n successful character-stats responses have usage arrays shorter than `time`. */
  truncatedArrays: number;
  /** While true, requests are held without an answer until the fault is cleared or the server closes. */
  hang: boolean;
}

export function noFaults(): Faults {
  return {
    latencyMs: 0,
    byPath: {},
    rateLimit: null,
    serverError: 0,
    htmlPage: 0,
    malformedJson: 0,
    truncatedArrays: 0,
    hang: false,
  };
}

/** A fault that replaces the whole response, decided before the request is routed. */
export type TransportFault =
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'serverError' }
  | { kind: 'htmlPage' }
  | { kind: 'malformedJson' }
  | { kind: 'answer'; status: number; body: FaultBody; retryAfterSeconds: number | undefined; retryAfterDateInMs: number | undefined }
  | { kind: 'hang' };

/** The key of `byPath` that applies to a request for `url` (a path and its query), if any. */
export function pathFaultKey(faults: Faults, url: URL): string | undefined {
  let best: { key: string; rank: number } | undefined;
  for (const key of Object.keys(faults.byPath)) {
    let rank: number;
    if (key === '*') {
      rank = 0;
    } else {
      const wanted = new URL(key, 'http://fault.invalid');
      if (wanted.pathname !== url.pathname || [...wanted.searchParams].some(([name, value]) => url.searchParams.get(name) !== value)) {
        continue;
      }
      rank = 1 + [...wanted.searchParams].length;
    }
    if (!best || rank > best.rank) {
      best = { key, rank };
    }
  }
  return best?.key;
}

/** Takes the path fault for a request for `url`, counting it down (and removing it when it runs out). */
function takePathFault(faults: Faults, url: URL): TransportFault | undefined {
  const key = pathFaultKey(faults, url);
  if (key === undefined) {
    return undefined;
  }
  const fault = faults.byPath[key]!;
  if (fault.count !== undefined) {
    const { [key]: _spent, ...rest } = faults.byPath;
    faults.byPath = fault.count > 1 ? { ...rest, [key]: { ...fault, count: fault.count - 1 } } : rest;
  }
  if ('hang' in fault) {
    return { kind: 'hang' };
  }
  return { kind: 'answer', status: fault.status, body: fault.body, retryAfterSeconds: fault.retryAfterSeconds, retryAfterDateInMs: fault.retryAfterDateInMs };
}

/**
 * Takes the fault for the next request for `url`, counting it down. One request consumes at most one fault: its
 * path's fault first, then in the order rate limit, server error, HTML page, malformed JSON (truncated arrays
 * are taken later, by successful character-stats responses).
 */
export function takeTransportFault(faults: Faults, url: URL): TransportFault | undefined {
  const byPath = takePathFault(faults, url);
  if (byPath) {
    return byPath;
  }
  if (faults.rateLimit && faults.rateLimit.count > 0) {
    const { retryAfterSeconds } = faults.rateLimit;
    faults.rateLimit = faults.rateLimit.count > 1 ? { count: faults.rateLimit.count - 1, retryAfterSeconds } : null;
    return { kind: 'rateLimit', retryAfterSeconds };
  }
  if (faults.serverError > 0) {
    faults.serverError--;
    return { kind: 'serverError' };
  }
  if (faults.htmlPage > 0) {
    faults.htmlPage--;
    return { kind: 'htmlPage' };
  }
  if (faults.malformedJson > 0) {
    faults.malformedJson--;
    return { kind: 'malformedJson' };
  }
  return undefined;
}

/** Whether this successful character-stats response should be truncated (counting the fault down if so). */
export function takeTruncation(faults: Faults): boolean {
  if (faults.truncatedArrays > 0) {
    faults.truncatedArrays--;
    return true;
  }
  return false;
}
