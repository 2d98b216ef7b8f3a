// Whether character-stats still serves. ElevenLabs has deprecated it for the workspace analytics query; on the day
// it goes, FastAPI answers a route that no longer exists with 404 {"detail":"Not Found"} (or a service that says
// so, 410). From that answer on, today's figures come from the successor (credits; it has no characters), and
// character-stats is asked again at most once a day: a retired endpoint costs one request a day, not one a refresh.

export { isRetiredAnswer } from '../usage/query/analyticsQuery';

export const RECHECK_MS = 24 * 60 * 60_000;

export class CharacterStatsRetirement {
  private sinceMs: number | undefined;
  private recheckAtMs: number | undefined;

  /** When character-stats first answered as retired; undefined while it serves. */
  get since(): number | undefined {
    return this.sinceMs;
  }

  /** Whether to ask character-stats now: while it serves, and once a day after it was found retired. */
  shouldAsk(nowMs: number): boolean {
    // A clock set back leaves the re-check no later than a day from now.
    if (this.recheckAtMs !== undefined && this.recheckAtMs - nowMs > RECHECK_MS) {
      this.recheckAtMs = nowMs + RECHECK_MS;
    }
    return this.recheckAtMs === undefined || nowMs >= this.recheckAtMs;
  }

  retired(nowMs: number): void {
    this.sinceMs ??= nowMs;
    this.recheckAtMs = nowMs + RECHECK_MS;
  }

  served(): void {
    this.sinceMs = undefined;
    this.recheckAtMs = undefined;
  }
}
