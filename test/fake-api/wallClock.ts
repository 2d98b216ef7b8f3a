// The fake's own wall-clock arithmetic for the analytics endpoint's time_zone (what ClickHouse's toStartOfInterval
// does with a zone): the offset of a zone at an instant, and the instant a wall-clock time begins. Written apart
// from the extension's calendar (src/usage/calendar) so that the fake is an independent check of it.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** Zones change their offset only on whole quarter hours UTC: one Intl call per zone and quarter hour. */
const SLOT_MS = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetAt(instant: number, zone: string): number {
  const slot = Math.floor(instant / SLOT_MS) * SLOT_MS;
  const key = `${zone} ${slot}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of formatter(zone).formatToParts(new Date(slot))) {
      if (part.type !== 'literal') {
        parts[part.type] = Number(part.value);
      }
    }
    offset = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) - slot;
    if (offsets.size > 200_000) {
      offsets.clear();
    }
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock time of `instant` in `zone`, written as UTC ms. */
export function wallClockOf(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

/**
 * The first instant whose wall clock in `zone` shows `wall` (the earlier of two when the clock goes back), or, when
 * the clock jumps over `wall`, the instant of the jump.
 */
export function instantOfWallClock(wall: number, zone: string): number {
  const candidates = [...new Set([-36, 0, 36].map((hours) => wall - (wallClockOf(wall + hours * 3_600_000, zone) - (wall + hours * 3_600_000))))];
  const exact = candidates.filter((t) => wallClockOf(t, zone) === wall).sort((a, b) => a - b);
  if (exact.length > 0) {
    return exact[0]!;
  }
  // In a gap: the jump is the latest instant before `wall` shows, found between the candidates by bisection.
  let low = Math.min(...candidates);
  let high = Math.max(...candidates);
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (wallClockOf(mid, zone) < wall) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return high;
}
