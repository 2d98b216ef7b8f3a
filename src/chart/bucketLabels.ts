// What each bucket is called, in the user's zone, as a calendar names it: a short label for the axis ("Mon 23",
// "Nov 23" for the week from Monday 23 November, "Nov 2026", "14:00", and the hour from midnight by its day,
// "Tue 24") and a full one for the tooltip and the table ("Mon 23 Nov 2026, from 07:01" for a first day the window
// cuts). The API's own UTC buckets are named by where they start and end in the user's zone.

import type { ChartData } from '../usage/chartData';
import { ZonedCalendar, type WallClock } from '../usage/calendar/timeZone';

export interface BucketLabel {
  /** For the axis: one per bucket, short. */
  readonly short: string;
  /** For the tooltip and the table: the whole period, and where the window cuts it. */
  readonly full: string;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number): string => String(n).padStart(2, '0');
const weekday = (w: WallClock): string => WEEKDAYS[(new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7]!;
const clock = (w: WallClock): string => `${pad(w.hour)}:${pad(w.minute)}`;
/** "Mon 23" */
const dayShort = (w: WallClock): string => `${weekday(w)} ${w.day}`;
/** "Mon 23 Nov 2026" */
const dayFull = (w: WallClock): string => `${weekday(w)} ${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
/** An hour's axis label: "14:00", or the day where it begins at midnight ("Tue 24"), so the axis shows its dates. */
const hourShort = (w: WallClock): string => (w.hour === 0 && w.minute === 0 ? dayShort(w) : clock(w));
/** "Mon 23", with the time unless midnight: "Mon 23, 07:01" */
const dayAndTime = (w: WallClock): string => (w.hour === 0 && w.minute === 0 ? dayShort(w) : `${dayShort(w)}, ${clock(w)}`);

/** An instant as the panel writes it everywhere, in `timeZone`: "Thu 17 Dec 2026, 04:44". */
export function dateTimeLabel(ms: number, timeZone: string): string {
  const w = ZonedCalendar.for(timeZone).wallClock(ms);
  return `${dayFull(w)}, ${clock(w)}`;
}

/** Every bucket's labels, in the data's zone. */
export function bucketLabels(data: ChartData): BucketLabel[] {
  const calendar = ZonedCalendar.for(data.timeZone);
  return data.time.map((start, i) => {
    const from = calendar.wallClock(start);
    // The last instant inside the bucket names its end ("until 14:05"), its end itself the next bucket.
    const to = calendar.wallClock(data.ends[i]!);
    const partial = data.partial[i] ?? null;
    const buckets = data.buckets;
    if (buckets.kind === 'api') {
      const short = buckets.interval === 'month' ? `${MONTHS[from.month - 1]} ${from.year}` : buckets.interval === 'hour' ? hourShort(from) : dayAndTime(from);
      return { short, full: `${dayFull(from)}, ${clock(from)} \u2013 ${dayFull(to)}, ${clock(to)}` };
    }
    // The local period the bucket belongs to (its start is before the window's when the window cuts it).
    const cutStart = partial === 'start' || partial === 'both';
    const cutEnd = partial === 'end' || partial === 'both';
    switch (buckets.unit) {
      case 'hour': {
        const range = `${clock(from)}\u2013${clock(to)}`;
        return { short: hourShort(from), full: `${dayFull(from)}, ${range}` };
      }
      case 'day': {
        const cut = cutStart && cutEnd ? `, ${clock(from)}\u2013${clock(to)}` : cutStart ? `, from ${clock(from)}` : cutEnd ? `, until ${clock(to)}` : '';
        return { short: dayShort(from), full: `${dayFull(from)}${cut}` };
      }
      case 'week': {
        const monday = calendar.wallClock(calendar.addDays(start, 1 - calendar.weekday(start)));
        return { short: `${MONTHS[monday.month - 1]} ${monday.day}`, full: `Week of ${dayFull(monday)}${cutText(cutStart, cutEnd, from, to)}` };
      }
      case 'month':
        return { short: `${MONTHS[from.month - 1]} ${from.year}`, full: `${MONTH_NAMES[from.month - 1]} ${from.year}${cutText(cutStart, cutEnd, from, to)}` };
    }
  });
}

/** ", from Wed 25, 07:01", ", until Mon 30, 14:05", or both: where the window cuts a week or a month. */
function cutText(cutStart: boolean, cutEnd: boolean, from: WallClock, to: WallClock): string {
  if (cutStart && cutEnd) {
    return `, ${dayAndTime(from)} \u2013 ${dayAndTime(to)}`;
  }
  return cutStart ? `, from ${dayAndTime(from)}` : cutEnd ? `, until ${dayAndTime(to)}` : '';
}
