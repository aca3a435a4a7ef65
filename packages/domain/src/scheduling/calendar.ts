import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import { instant } from '../reads/instant.js';
import { type Statement, selectBatch } from '../reads/sql.js';
import { addDays, isoWeekday, localDateOf, zonedDateTimeToInstant } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { earliestOverlappingStart, MAX_BUFFER_MS } from './overlap-window.js';

export interface Interval {
  start: Date;
  end: Date;
}

/** A weekly working-hours entry as the calendar needs it: local times and validity dates. */
export interface WeeklyHours {
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string;
  validTo: string | null;
  /** The visit types these hours offer; empty: all. */
  visitTypeIds: string[];
}

/** When a doctor works over a range: weekly hours and time off (what a booking is checked against). */
export interface WorkingTime {
  weekly: WeeklyHours[];
  timeOff: Interval[];
}

/** An active appointment as availability sees it: its time, the doctor's time it blocks, its session and type. */
export interface BookedTime extends Interval {
  blocked: Interval;
  /** Its session: shared by a group session's patients, else its own id. */
  sessionKey: string;
  visitTypeId: string | null;
}

/** What decides a doctor's free time over a range: working time and active appointments. */
export interface DoctorCalendar extends WorkingTime {
  /** By blocked start; whole hospital-local days around the range (daily quotas count them). */
  appointments: BookedTime[];
}

/** The hospital-local day around `at`, as instants (23 or 25 hours long on daylight-saving days). */
export function localDay(at: Date, timeZone: string): Interval {
  const day = localDateOf(at, timeZone);
  return {
    start: zonedDateTimeToInstant(day, '00:00', timeZone),
    end: zonedDateTimeToInstant(addDays(day, 1), '00:00', timeZone),
  };
}

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

export type Owned<T> = T & { doctorId: string };
type TextInterval = { start: string; end: string };
type BookedRow = TextInterval & {
  blockedStart: string;
  blockedEnd: string;
  sessionKey: string;
  visitTypeId: string | null;
};
const ids = (doctorIds: readonly string[]) => doctorIds.map(() => '?').join(', ');

/** The weekly hours and time off of `doctorIds` that touch `range`, as statements. */
function workingTimeStatements(work: Work, doctorIds: readonly string[], range: Interval): [Statement, Statement] {
  const firstDay = addDays(localDateOf(range.start, work.timeZone), -1);
  const lastDay = addDays(localDateOf(range.end, work.timeZone), 1);
  return [
    [
      `select doctor_id as "doctorId", weekday, start_time as "startTime", end_time as "endTime",
              valid_from as "validFrom", valid_to as "validTo", visit_type_ids as "visitTypeIds"
         from doctor_weekly_schedules
        where doctor_id in (${ids(doctorIds)}) and valid_from <= ? and (valid_to is null or valid_to >= ?)`,
      [...doctorIds, lastDay, firstDay],
    ],
    [
      `select doctor_id as "doctorId", starts_at as start, ends_at as end from doctor_time_off
        where doctor_id in (${ids(doctorIds)}) and starts_at < ? and ends_at > ?`,
      [...doctorIds, range.end, range.start],
    ],
  ];
}

const intervalOf = (t: TextInterval): Interval => ({ start: instant(t.start), end: instant(t.end) });
const bookedTimeOf = (r: Owned<BookedRow>): BookedTime => ({
  start: instant(r.start),
  end: instant(r.end),
  blocked: { start: instant(r.blockedStart), end: instant(r.blockedEnd) },
  sessionKey: r.sessionKey,
  visitTypeId: r.visitTypeId,
});
const withoutOwner = ({ doctorId: _, ...entry }: Owned<WeeklyHours>): WeeklyHours => entry;

/** Rows by their doctor (one pass, so fifty doctors' months stay linear). */
function byDoctor<T extends { doctorId: string }>(rows: T[]): (doctorId: string) => T[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.doctorId);
    if (group) group.push(row);
    else groups.set(row.doctorId, [row]);
  }
  return (doctorId) => groups.get(doctorId) ?? [];
}

/**
 * Everything that decides the availability of each of `doctorIds` over `range`, in their order: the
 * three reads for all of them in one round trip (inside a transaction, on its connection).
 */
export async function loadDoctorCalendars(
  work: Work,
  doctorIds: readonly string[],
  range: Interval,
): Promise<DoctorCalendar[]> {
  if (doctorIds.length === 0) return [];
  const active = ACTIVE_APPOINTMENT_STATUSES.map(() => '?').join(', ');
  // Whole local days (a daily quota counts the day) and the buffers reaching into the range.
  const days = {
    start: new Date(localDay(range.start, work.timeZone).start.getTime() - MAX_BUFFER_MS),
    end: new Date(localDay(range.end, work.timeZone).end.getTime() + MAX_BUFFER_MS),
  };
  const [weekly, timeOff, appointments] = await selectBatch<
    [Owned<WeeklyHours>, Owned<TextInterval>, Owned<BookedRow>]
  >(work.em, [
    ...workingTimeStatements(work, doctorIds, range),
    // Only their times matter: a busy month is a thousand appointments. The lower bound on
    // starts_at keeps the scan on the (doctor_id, starts_at) index (overlap-window.ts).
    [
      `select doctor_id as "doctorId", starts_at as start, ends_at as end, blocked_from as "blockedStart",
                blocked_to as "blockedEnd", coalesce(session_key, id::text) as "sessionKey", visit_type_id as "visitTypeId"
           from appointments
          where doctor_id in (${ids(doctorIds)}) and status in (${active})
            and starts_at < ? and starts_at > ? and ends_at > ?
          order by blocked_from`,
      [...doctorIds, ...ACTIVE_APPOINTMENT_STATUSES, days.end, earliestOverlappingStart(days.start), days.start],
    ],
  ]);
  const [weeklyOf, timeOffOf, appointmentsOf] = [byDoctor(weekly), byDoctor(timeOff), byDoctor(appointments)];
  return doctorIds.map((doctorId) => ({
    weekly: weeklyOf(doctorId).map(withoutOwner),
    timeOff: timeOffOf(doctorId).map(intervalOf),
    appointments: appointmentsOf(doctorId).map(bookedTimeOf),
  }));
}

/**
 * A doctor's weekly hours and time off around `range` as two JSON columns of a booking's own
 * statement (rules.ts), so that what a booking checks under its locks is one round trip.
 */
export function workingTimeColumns(work: Work, doctorId: string, range: Interval): Statement {
  const [[weekly, weeklyParams], [timeOff, timeOffParams]] = workingTimeStatements(work, [doctorId], range);
  return [
    `(select coalesce(json_agg(w), '[]'::json) from (${weekly}) w) as weekly,
     (select coalesce(json_agg(json_build_object('start', extract(epoch from t.start) * 1000,
                                                'end', extract(epoch from t.end) * 1000)), '[]'::json)
        from (${timeOff}) t) as "timeOff"`,
    [...weeklyParams, ...timeOffParams],
  ];
}

/** The two columns of `workingTimeColumns`, as the rules use them. */
export function workingTimeOf(row: {
  weekly: Owned<WeeklyHours>[];
  timeOff: { start: number; end: number }[];
}): WorkingTime {
  return {
    weekly: row.weekly.map(withoutOwner),
    timeOff: row.timeOff.map((t) => ({ start: new Date(Number(t.start)), end: new Date(Number(t.end)) })),
  };
}

/**
 * The doctor's working windows that touch `range`: each weekly entry on each local date it applies
 * to, turned into instants in `timeZone` (so a 09:00 start stays 09:00 across daylight-saving
 * changes), then merged where they touch, so back-to-back entries form one window.
 */
export function workingWindows(weekly: WeeklyHours[], range: Interval, timeZone: string): Interval[] {
  const windows: Interval[] = [];
  const last = addDays(localDateOf(range.end, timeZone), 1);
  for (let date = addDays(localDateOf(range.start, timeZone), -1); date <= last; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    for (const entry of weekly) {
      if (entry.weekday !== weekday || entry.validFrom > date || (entry.validTo && entry.validTo < date)) continue;
      const window = {
        start: zonedDateTimeToInstant(date, entry.startTime, timeZone),
        end: zonedDateTimeToInstant(date, entry.endTime, timeZone),
      };
      if (window.end > window.start && overlaps(window, range)) windows.push(window);
    }
  }
  windows.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const w of windows) {
    const previous = merged.at(-1);
    if (previous && w.start <= previous.end) {
      if (w.end > previous.end) previous.end = w.end;
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}
