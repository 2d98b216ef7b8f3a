// Fault switches for the fake: the failures a client meets in real life (slow answers, 429s, 5xx, a proxy's HTML
// page, broken JSON, inconsistent arrays, a server that never answers). Counted faults apply to the next n
// requests and count down, so a test can assert both the failure and the recovery.

export interface Faults {
  /** Delay before every response, ms. */
  latencyMs: number;
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
  | { kind: 'malformedJson' };

/**
 * Takes the fault for the next request, counting it down. One request consumes at most one fault, in the order
 * rate limit, server error, HTML page, malformed JSON (truncated arrays are taken later, by successful
 * character-stats responses).
 */
export function takeTransportFault(faults: Faults): TransportFault | undefined {
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
