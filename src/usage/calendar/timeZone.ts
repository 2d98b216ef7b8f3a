// Calendar arithmetic in the user's time zone, named by IANA (e.g. "Pacific/Auckland"), whatever zone the
// extension host or the browser runs in. In a remote or server window the extension host often runs in UTC on a
// machine far from the user, and the webview's browser may be in a third zone: "today", the presets, the chart
// and the exports must all follow one zone, the user's. Built on Intl only (every offset, DST rule and 30- or
// 45-minute zone comes from the runtime's time-zone data), with no dependence on the process's own TZ.

import * as l10n from '@vscode/l10n';
import { isValidTimeZone } from '../../shared/isValidTimeZone';

export { isValidTimeZone };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * Every zone in use today changes its offset only at whole quarter hours UTC (offsets and change times are
 * multiples of 15 minutes), so an offset found for one instant holds for its whole quarter hour. Charts ask for
 * the offset of every bucket; this keeps that to one Intl call per quarter hour of data.
 */
const OFFSET_SLOT_MS = 15 * MINUTE;
const MAX_CACHED_OFFSETS = 50_000;

/** A local date and time; month is 1–12, weekday 1 (Monday) to 7 (Sunday). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export interface LocalInstant {
  /** UTC milliseconds. */
  readonly ms: number;
  /**
   * How far the requested time was moved forward because it does not exist in the zone (a DST gap: 02:30 on a
   * spring-forward day becomes 03:30); 0 when it exists.
   */
  readonly movedMs: number;
}


/**
 * ICU names some zones by their old names (its "canonical" IDs): a user in Kolkata would read "Asia/Calcutta".
 * The current IANA names of those a user is likely to meet; both spellings work with Intl.
 */
const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The zone of the runtime this code runs in (the extension host's machine), by its current IANA name. */
export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || !isValidTimeZone(zone)) {
    return 'UTC';
  }
  const current = CURRENT_ZONE_NAMES[zone];
  return current !== undefined && isValidTimeZone(current) ? current : zone;
}

export interface ResolvedTimeZone {
  readonly zone: string;
  /** Where the zone came from, for the log and the tooltip. */
  readonly source: 'setting' | 'system';
  /** Set when the setting names no zone the runtime knows: say so, and what is used instead. */
  readonly problem?: string;
}

/** The zone to use: the setting when it names a known zone, else the system's. */
export function resolveTimeZone(setting: string | undefined, system: string): ResolvedTimeZone {
  const wanted = setting?.trim() ?? '';
  if (wanted === '') {
    return { zone: system, source: 'system' };
  }
  if (isValidTimeZone(wanted)) {
    // The user's own spelling: Intl would rename some zones to old aliases (Asia/Kathmandu to Asia/Katmandu).
    return { zone: wanted, source: 'setting' };
  }
  return {
    zone: system,
    source: 'system',
    problem: l10n.t(
      'elevenlabsUsage.timeZone is "{0}", which is not a time zone name this VS Code knows. Using {1} (the system’s) instead. Set an IANA name such as "Europe/Berlin" or "America/New_York", or leave it empty.',
      wanted,
      system,
    ),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Calendar arithmetic in one zone. Instances are shared: use ZonedCalendar.for(zone). */
export class ZonedCalendar {
  private static readonly instances = new Map<string, ZonedCalendar>();
  private readonly parts: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  private constructor(readonly zone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The calendar of `zone` (which must be valid: see resolveTimeZone). */
  static for(zone: string): ZonedCalendar {
    let calendar = ZonedCalendar.instances.get(zone);
    if (!calendar) {
      calendar = new ZonedCalendar(zone);
      ZonedCalendar.instances.set(zone, calendar);
    }
    return calendar;
  }

  /** The local date and time at `ms`. */
  wallClock(ms: number): WallClock {
    const fields: Record<string, number> = {};
    for (const { type, value } of this.parts.formatToParts(new Date(ms))) {
      if (type !== 'literal') {
        fields[type] = Number(value);
      }
    }
    return {
      year: fields['year']!,
      month: fields['month']!,
      day: fields['day']!,
      hour: fields['hour']!,
      minute: fields['minute']!,
      second: fields['second']!,
      millisecond: ((ms % 1000) + 1000) % 1000,
    };
  }

  /** 1 (Monday) to 7 (Sunday) for the local day of `ms`. */
  weekday(ms: number): number {
    const { year, month, day } = this.wallClock(ms);
    return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  }

  /** The zone's offset from UTC at `ms` (Asia/Kolkata: +5:30 h), in milliseconds. */
  offsetMs(ms: number): number {
    const slot = Math.floor(ms / OFFSET_SLOT_MS);
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      const w = this.wallClock(ms);
      offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
      if (this.offsets.size >= MAX_CACHED_OFFSETS) {
        this.offsets.clear();
      }
      this.offsets.set(slot, offset);
    }
    return offset;
  }

  /** The local wall-clock time of `ms` written as if it were UTC: what a UTC-based axis shows as local time. */
  wallClockAsUtc(ms: number): number {
    return ms + this.offsetMs(ms);
  }

  /** The instant of a wall-clock time written as UTC (wallClockAsUtc undone), as `instant` reads it around DST. */
  instantOfWallClockAsUtc(wallMs: number): number {
    const d = new Date(wallMs);
    return this.instant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds() }).ms;
  }

  /**
   * The instant of a local date and time. Fields may overflow (day 32, month 13), as with Date.UTC. A time that
   * occurs twice (the hour repeated when DST ends) gives the earlier; one that does not exist (the hour skipped
   * when DST begins) is moved forward by the gap, and `movedMs` says by how much.
   */
  instant(local: Partial<WallClock> & { readonly year: number; readonly month: number; readonly day: number }): LocalInstant {
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0, local.millisecond ?? 0);
    // The offset can only be one of those in force a day either side; try each, earliest instant first.
    const candidates = [...new Set([this.offsetMs(asUtc - DAY), this.offsetMs(asUtc), this.offsetMs(asUtc + DAY)])]
      .map((offset) => asUtc - offset)
      .sort((a, b) => a - b);
    for (const ms of candidates) {
      if (ms + this.offsetMs(ms) === asUtc) {
        return { ms, movedMs: 0 };
      }
    }
    // In a gap: read the wall time with the offset from before the change, which lands after the gap.
    const before = this.offsetMs(asUtc - DAY);
    const ms = asUtc - before;
    return { ms, movedMs: ms + this.offsetMs(ms) - asUtc };
  }

  /** The first instant of the local day that contains `ms` (usually midnight; 01:00 where midnight is skipped). */
  startOfDay(ms: number): number {
    const { year, month, day } = this.wallClock(ms);
    return this.instant({ year, month, day }).ms;
  }

  /** The start of the local day `days` calendar days after the day of `ms` (negative for before). */
  addDays(ms: number, days: number): number {
    const { year, month, day } = this.wallClock(ms);
    return this.instant({ year, month, day: day + days }).ms;
  }

  /** The start of the next local day: 23, 24 or 25 hours after midnight around DST changes. */
  startOfNextDay(ms: number): number {
    return this.addDays(ms, 1);
  }

  /** The start of the local month of `ms`, `monthsAhead` months on (negative for before). */
  startOfMonth(ms: number, monthsAhead = 0): number {
    const { year, month } = this.wallClock(ms);
    return this.instant({ year, month: month + monthsAhead, day: 1 }).ms;
  }

  /**
   * The instants in [fromMs, toMs) where the zone's offset changes (DST starting or ending), ascending. Found by
   * comparing the offset a day apart and then halving the gap: changes happen on whole quarter hours.
   */
  offsetChanges(fromMs: number, toMs: number): number[] {
    const changes: number[] = [];
    for (let a = fromMs; a < toMs; a += DAY) {
      const b = Math.min(a + DAY, toMs);
      const before = this.offsetMs(a);
      if (before === this.offsetMs(b)) {
        continue;
      }
      // Quarter hours: the one holding `a` has the old offset, the one after `b` the new.
      let low = Math.floor(a / OFFSET_SLOT_MS);
      let high = Math.ceil(b / OFFSET_SLOT_MS);
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.offsetMs(middle * OFFSET_SLOT_MS) === before) {
          low = middle;
        } else {
          high = middle;
        }
      }
      if (high * OFFSET_SLOT_MS < toMs) {
        changes.push(high * OFFSET_SLOT_MS);
      }
    }
    return changes;
  }

  isSameDay(aMs: number, bMs: number): boolean {
    const a = this.wallClock(aMs);
    const b = this.wallClock(bMs);
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }

  /** Local midnight to `nowMs`, as the API takes windows. Never empty: in the day's first millisecond, that one. */
  todayWindow(nowMs: number): { startUnix: number; endUnix: number } {
    const startUnix = this.startOfDay(nowMs);
    return { startUnix, endUnix: Math.max(nowMs, startUnix + 1) };
  }

  /** "2026-11-29". */
  formatDate(ms: number): string {
    const w = this.wallClock(ms);
    return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
  }

  /** "2026-11-29 14:05", or just the date at midnight. */
  formatDateTime(ms: number): string {
    const w = this.wallClock(ms);
    const date = `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
    return w.hour === 0 && w.minute === 0 ? date : `${date} ${pad2(w.hour)}:${pad2(w.minute)}`;
  }

  /** ISO 8601 with the zone's offset, e.g. "2026-11-29T00:00:00.000+13:00" (what spreadsheets and scripts read). */
  isoWithOffset(ms: number): string {
    const w = this.wallClock(ms);
    const offsetMinutes = Math.round(this.offsetMs(ms) / MINUTE);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return (
      `${w.year}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}.${String(w.millisecond).padStart(3, '0')}` +
      `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
    );
  }
}
