// What each bucket is called, in the user's zone and the display language (shared/locale/dateFormats.ts, the rule
// the tooltip follows too): a short label for the axis ("Nov 23", "Nov 2026", "02:00 PM", and the hour from
// midnight by its day) and a full one for the tooltip and the table ("Mon, Nov 23, 2026, from 07:01 AM" for a
// first day the window cuts). The API's own UTC buckets are named by where they start and end in the user's zone.

import * as l10n from '@vscode/l10n';
import type { ChartData } from '../usage/chartData';
import { ZonedCalendar, type WallClock } from '../usage/calendar/timeZone';
import { formatInstant, formatWallTime } from '../shared/locale/dateFormats';

export interface BucketLabel {
  /** For the axis: one per bucket, short. */
  readonly short: string;
  /** For the tooltip and the table: the whole period, and where the window cuts it. */
  readonly full: string;
}

const clock = (w: WallClock): string => formatWallTime(w, 'time');
/** "Nov 23" */
const dayShort = (w: WallClock): string => formatWallTime(w, 'monthDay');
/** "Mon, Nov 23, 2026" */
const dayFull = (w: WallClock): string => formatWallTime(w, 'weekdayDate');
/** Whether a wall clock stands at midnight, where a label names the day alone. */
const atMidnight = (w: WallClock): boolean => w.hour === 0 && w.minute === 0;
/** An hour's axis label: "02:00 PM", or the day where it begins at midnight ("Nov 24"), so the axis shows its dates. */
const hourShort = (w: WallClock): string => (atMidnight(w) ? dayShort(w) : clock(w));
/** "Nov 23", with the time unless midnight: "Nov 23, 07:01 AM" */
const dayAndTime = (w: WallClock): string => (atMidnight(w) ? dayShort(w) : formatWallTime(w, 'monthDayTime'));
/** "A – B": a period from its first moment to its last. */
const range = (from: string, to: string): string => l10n.t('{0} – {1}', from, to);

/** An instant as the panel writes it everywhere, in `timeZone`: "Thu, Dec 17, 2026, 04:44 AM". */
export function dateTimeLabel(ms: number, timeZone: string): string {
  return formatInstant(ms, 'weekdayDateTime', timeZone);
}

/**
 * A chart's window as its subtitle names it, in `timeZone`: each end's date, with its time unless midnight, and the
 * zone ("Nov 29, 2026 – Dec 6, 2026, 2:05 PM (Asia/Kolkata)").
 */
export function windowLabel(startMs: number, endMs: number, timeZone: string): string {
  const calendar = ZonedCalendar.for(timeZone);
  const edge = (ms: number): string => {
    const w = calendar.wallClock(ms);
    return formatWallTime(w, atMidnight(w) ? 'date' : 'dateTime');
  };
  return l10n.t('{0} – {1} ({2})', edge(startMs), edge(endMs), timeZone);
}

/** Every bucket's labels, in the data's zone. */
export function bucketLabels(data: ChartData): BucketLabel[] {
  const calendar = ZonedCalendar.for(data.timeZone);
  return data.time.map((start, i) => {
    const from = calendar.wallClock(start);
    // The last instant inside the bucket names its end ("until 02:05 PM"), its end itself the next bucket.
    const to = calendar.wallClock(data.ends[i]!);
    const partial = data.partial[i] ?? null;
    const buckets = data.buckets;
    if (buckets.kind === 'api') {
      const short = buckets.interval === 'month' ? formatWallTime(from, 'month') : buckets.interval === 'hour' ? hourShort(from) : dayAndTime(from);
      return { short, full: range(formatWallTime(from, 'weekdayDateTime'), formatWallTime(to, 'weekdayDateTime')) };
    }
    // The local period the bucket belongs to (its start is before the window's when the window cuts it).
    const cutStart = partial === 'start' || partial === 'both';
    const cutEnd = partial === 'end' || partial === 'both';
    switch (buckets.unit) {
      case 'hour':
        return { short: hourShort(from), full: l10n.t('{0}, {1}', dayFull(from), range(clock(from), clock(to))) };
      case 'day': {
        const day = dayFull(from);
        const full = cutStart && cutEnd
          ? l10n.t('{0}, {1}', day, range(clock(from), clock(to)))
          : cutStart ? l10n.t('{0}, from {1}', day, clock(from)) : cutEnd ? l10n.t('{0}, until {1}', day, clock(to)) : day;
        return { short: dayShort(from), full };
      }
      case 'week': {
        const monday = calendar.wallClock(calendar.addDays(start, 1 - calendar.weekday(start)));
        return { short: dayShort(monday), full: withCut(l10n.t('Week of {0}', dayFull(monday)), cutStart, cutEnd, from, to) };
      }
      case 'month':
        return { short: formatWallTime(from, 'month'), full: withCut(formatWallTime(from, 'monthLong'), cutStart, cutEnd, from, to) };
    }
  });
}

/** "…, from Nov 25, 07:01 AM", "…, until Nov 30, 02:05 PM", or both: where the window cuts a week or a month. */
function withCut(period: string, cutStart: boolean, cutEnd: boolean, from: WallClock, to: WallClock): string {
  if (cutStart && cutEnd) {
    return l10n.t('{0}, {1}', period, range(dayAndTime(from), dayAndTime(to)));
  }
  return cutStart ? l10n.t('{0}, from {1}', period, dayAndTime(from)) : cutEnd ? l10n.t('{0}, until {1}', period, dayAndTime(to)) : period;
}
