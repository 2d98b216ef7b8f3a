// Bounds for every wait the extension arms. Node runs a setTimeout of more than MAX_TIMER_MS (about 24.8 days)
// after 1 ms, and one of NaN ms at once: an unbounded delay computed from a setting, a server's header or a clock
// is a stream of requests waiting to happen.

/** The longest delay setTimeout keeps to (2^31 - 1 ms); longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `ms` within [minMs, maxMs]. NaN (a computation gone wrong) counts as the longest wait: the safe side, since a
 * wait that is too long costs a late figure and one that is too short costs requests.
 */
export function boundedDelay(ms: number, minMs: number, maxMs: number): number {
  if (Number.isNaN(ms)) {
    return maxMs;
  }
  return Math.min(maxMs, Math.max(minMs, ms));
}
