import { isRealDate, isRealTime } from '@meditrack/contract';

/**
 * Wall-clock time in a named time zone <-> instants, with the Intl API only (no tz library).
 * Daylight-saving safe: the offset is looked up for the instant itself, twice, to settle on the
 * right side of a transition.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (Intl's formatToParts: microseconds a call). */
function offsetAt(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * Offsets by zone and minute: zones change offset on whole minutes, and a busy minute asks for the
 * same few again and again (now, the day's working hours). Bounded: cleared when full.
 */
const offsets = new Map<string, Map<number, number>>();
const OFFSETS_KEPT = 10_000;

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Jakarta: +420). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const minute = Math.floor(instant.getTime() / 60_000);
  let byMinute = offsets.get(timeZone);
  if (!byMinute) {
    byMinute = new Map();
    offsets.set(timeZone, byMinute);
  }
  let offset = byMinute.get(minute);
  if (offset === undefined) {
    if (byMinute.size >= OFFSETS_KEPT) byMinute.clear();
    offset = offsetAt(new Date(minute * 60_000), timeZone);
    byMinute.set(minute, offset);
  }
  return offset;
}

/** `2024-10-01` + `09:30` (+ optional `:ss`) in `timeZone` -> the instant. */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  const wallAsUtc = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0);
  let offset = zoneOffsetMinutes(new Date(wallAsUtc), timeZone);
  let instant = wallAsUtc - offset * 60_000;
  const corrected = zoneOffsetMinutes(new Date(instant), timeZone);
  if (corrected !== offset) {
    offset = corrected;
    instant = wallAsUtc - offset * 60_000;
  }
  return new Date(instant);
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `days`, as a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Reads an instant the API accepts: ISO 8601 with an offset, or `YYYY-MM-DD HH:MM[:SS]` in the
 * hospital's time zone (the seed documents' format). Returns null when it is neither, or names a
 * day or time that does not exist (JavaScript would roll `2027-02-30` over into March).
 */
export function parseDateTimeInput(value: string, timeZone: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(value);
  if (local) {
    const [date, time] = [local[1] as string, local[2] as string];
    return isRealDate(date) && isRealTime(time) ? zonedDateTimeToInstant(date, time, timeZone) : null;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/i.exec(value);
  if (!iso || !isRealDate(iso[1] as string) || !isRealTime(iso[2] as string)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
