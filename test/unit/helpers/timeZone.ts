// Runs a block with the process in another IANA time zone (as an extension host on a far machine would be).
// Node re-reads process.env.TZ when it changes, so Date's local methods follow it for the duration of the block
// (until its promise settles, for an async block); code that honours the user's zone must give the same answers
// whatever this is.
export function inTimeZone<T>(zone: string, block: () => T): T {
  const previous = process.env.TZ;
  const restore = (): void => {
    if (previous === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = previous;
    }
  };
  process.env.TZ = zone;
  let result: T;
  try {
    result = block();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(restore) as T;
  }
  restore();
  return result;
}

/**
 * The local date of an instant ("2026-11-24"), as Intl writes it in `zone`: the tests' oracle of a local day, apart
 * from the extension's calendar.
 */
export function localDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}
