// Local calendar arithmetic in a named time zone with Intl only, independent of the extension's own code (which
// relies on the process's local zone): the tests compute "local midnight" and "7 days ago" themselves.

function parts(ms, timeZone) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const out = {};
  for (const { type, value } of format.formatToParts(new Date(ms))) {
    if (type !== 'literal') out[type] = Number(value);
  }
  return out;
}

/** The zone's offset from UTC at `ms`, in ms (Asia/Kolkata: +5:30). */
export function zoneOffsetMs(ms, timeZone) {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The zone's offset at `ms` as ISO 8601 writes it: "+05:30", "-08:00". */
export function isoOffset(ms, timeZone) {
  const minutes = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** UTC ms of 00:00 local time on the local calendar day `dayOffset` days after the day containing `ms`. */
export function localMidnight(ms, timeZone, dayOffset = 0) {
  const p = parts(ms, timeZone);
  const wallClock = Date.UTC(p.year, p.month - 1, p.day + dayOffset);
  // Two rounds settle the offset around a DST change.
  let guess = wallClock - zoneOffsetMs(wallClock, timeZone);
  guess = wallClock - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** Local calendar days from the day of `fromMs` to the day of `toMs` in `timeZone` (0: the same day). */
export function localDaysBetween(fromMs, toMs, timeZone) {
  const day = (ms) => {
    const p = parts(ms, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
  };
  return day(toMs) - day(fromMs);
}

/** "Dec 7, 2026" as an en-US reader in `timeZone` reads the day of `ms`. */
export function shortDate(ms, timeZone) {
  return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(ms));
}

/**
 * "Tue, Nov 24, 2026": the local day of `ms` in `timeZone` as a reader of `locale` names it, read from Intl here,
 * not from the extension (spaces collapsed: ICU releases differ on them).
 */
export function localDayName(ms, timeZone, locale = 'en') {
  return normalizeSpaces(new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(ms)));
}

/** "7:01 AM" (English) or "07:01"/"7:01" (a 24-hour language): the local time of `ms` in `timeZone`, from Intl. */
export function localClock(ms, timeZone, locale = 'en') {
  return normalizeSpaces(new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(ms)));
}

/**
 * The largest of an hour, half an hour and a quarter that divides every offset `timeZone` has between two
 * instants (sampled hourly): the fine buckets that add up into its local days without straddling a midnight.
 */
export function fineBucketSeconds(fromMs, toMs, timeZone) {
  const offsets = new Set();
  for (let t = fromMs; t <= toMs; t += 3_600_000) offsets.add(zoneOffsetMs(t, timeZone));
  offsets.add(zoneOffsetMs(toMs, timeZone));
  return [3600, 1800, 900].find((size) => [...offsets].every((offset) => offset % (size * 1000) === 0));
}

/** Collapses every kind of space (ICU puts U+202F before AM/PM) so two ICU versions compare equal. */
export function normalizeSpaces(text) {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
