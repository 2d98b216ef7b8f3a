// Windows in the user's local time. The API buckets in UTC and has no time-zone parameter, so "today" must be
// asked for as local midnight to now; these helpers rely on the JS runtime's local zone (the extension host's).

/** Local midnight at the start of the day that contains `nowMs`. */
export function startOfLocalDay(nowMs: number): number {
  const date = new Date(nowMs);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Local midnight at the start of the next day (23, 24 or 25 hours later around DST changes). */
export function startOfNextLocalDay(nowMs: number): number {
  const date = new Date(startOfLocalDay(nowMs));
  date.setDate(date.getDate() + 1);
  return date.getTime();
}

export function isSameLocalDay(aMs: number, bMs: number): boolean {
  return startOfLocalDay(aMs) === startOfLocalDay(bMs);
}

/** Today so far: local midnight to `nowMs`, in milliseconds as the API takes them. */
export function todayWindow(nowMs: number): { startUnix: number; endUnix: number } {
  const startUnix = startOfLocalDay(nowMs);
  // A window must not be empty: in the first millisecond of the day, ask for that millisecond.
  return { startUnix, endUnix: Math.max(nowMs, startUnix + 1) };
}
