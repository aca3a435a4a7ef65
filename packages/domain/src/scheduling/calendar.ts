import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import { instant } from '../reads/instant.js';
import { type Statement, selectBatch } from '../reads/sql.js';
import { addDays, isoWeekday, localDateOf, zonedDateTimeToInstant } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { earliestOverlappingStart } from './overlap-window.js';

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
}

/** When a doctor works over a range: weekly hours and time off (what a booking is checked against). */
export interface WorkingTime {
  weekly: WeeklyHours[];
  timeOff: Interval[];
}

/** What decides a doctor's free time over a range: working time and active appointments. */
export interface DoctorCalendar extends WorkingTime {
  appointments: Interval[];
}

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

type Owned<T> = T & { doctorId: string };
type TextInterval = { start: string; end: string };
const ids = (doctorIds: readonly string[]) => doctorIds.map(() => '?').join(', ');

/** The weekly hours and time off of `doctorIds` that touch `range`, as statements. */
function workingTimeStatements(work: Work, doctorIds: readonly string[], range: Interval): [Statement, Statement] {
  const firstDay = addDays(localDateOf(range.start, work.timeZone), -1);
  const lastDay = addDays(localDateOf(range.end, work.timeZone), 1);
  return [
    [
      `select doctor_id as "doctorId", weekday, start_time as "startTime", end_time as "endTime",
              valid_from as "validFrom", valid_to as "validTo"
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
  const [weekly, timeOff, appointments] = await selectBatch<
    [Owned<WeeklyHours>, Owned<TextInterval>, Owned<TextInterval>]
  >(work.em, [
    ...workingTimeStatements(work, doctorIds, range),
    // Only their times matter: a busy month is a thousand appointments. The lower bound on
    // starts_at keeps the scan on the (doctor_id, starts_at) index (overlap-window.ts).
    [
      `select doctor_id as "doctorId", starts_at as start, ends_at as end from appointments
        where doctor_id in (${ids(doctorIds)}) and status in (${active})
          and starts_at < ? and starts_at > ? and ends_at > ?`,
      [...doctorIds, ...ACTIVE_APPOINTMENT_STATUSES, range.end, earliestOverlappingStart(range.start), range.start],
    ],
  ]);
  const [weeklyOf, timeOffOf, appointmentsOf] = [byDoctor(weekly), byDoctor(timeOff), byDoctor(appointments)];
  return doctorIds.map((doctorId) => ({
    weekly: weeklyOf(doctorId).map(withoutOwner),
    timeOff: timeOffOf(doctorId).map(intervalOf),
    appointments: appointmentsOf(doctorId).map(intervalOf),
  }));
}

/** A doctor's weekly hours and time off around `range`, in one round trip: what a booking checks. */
export async function loadWorkingTime(work: Work, doctorId: string, range: Interval): Promise<WorkingTime> {
  const [weekly, timeOff] = await selectBatch<[Owned<WeeklyHours>, Owned<TextInterval>]>(
    work.em,
    workingTimeStatements(work, [doctorId], range),
  );
  return { weekly: weekly.map(withoutOwner), timeOff: timeOff.map(intervalOf) };
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

/** Busy intervals as sorted, merged [start, end) pairs of epoch milliseconds. */
function mergedBusy(intervals: Interval[]): [number, number][] {
  const sorted = intervals
    .map((i): [number, number] => [i.start.getTime(), i.end.getTime()])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Free slots of `slotMinutes` on the grid that starts at each working window's start, inside
 * `range`, not before `now`, and clear of time off and active appointments. One sweep over the
 * merged busy intervals: linear in slots + appointments.
 */
export function freeSlots(
  calendar: DoctorCalendar,
  range: Interval,
  slotMinutes: number,
  timeZone: string,
  now: Date,
): Interval[] {
  const step = slotMinutes * 60_000;
  const busy = mergedBusy([...calendar.timeOff, ...calendar.appointments]);
  const earliest = Math.max(range.start.getTime(), now.getTime());
  const latest = range.end.getTime();
  const slots: Interval[] = [];
  let j = 0;
  for (const window of workingWindows(calendar.weekly, range, timeZone)) {
    for (let t = window.start.getTime(); t + step <= window.end.getTime(); t += step) {
      if (t < earliest || t + step > latest) continue;
      while (j < busy.length && (busy[j] as [number, number])[1] <= t) j++;
      const next = busy[j];
      if (next && next[0] < t + step) continue;
      slots.push({ start: new Date(t), end: new Date(t + step) });
    }
  }
  return slots;
}
