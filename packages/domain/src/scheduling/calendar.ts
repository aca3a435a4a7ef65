import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment } from '../entities/appointment.js';
import { TimeOff, WeeklySchedule } from '../entities/doctor-schedule.js';
import { addDays, isoWeekday, localDateOf, zonedDateTimeToInstant } from '../time/zone.js';
import { overlappingFilter } from './overlap-window.js';

export interface Interval {
  start: Date;
  end: Date;
}

/** What decides a doctor's free time over a range: weekly hours, time off, active appointments. */
export interface DoctorCalendar {
  weekly: WeeklySchedule[];
  timeOff: Interval[];
  appointments: (Interval & { id: string })[];
}

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** Loads everything that decides a doctor's availability between `from` and `to`. */
export async function loadDoctorCalendar(
  em: EntityManager,
  doctorId: string,
  range: Interval,
  timeZone: string,
): Promise<DoctorCalendar> {
  const firstDay = addDays(localDateOf(range.start, timeZone), -1);
  const lastDay = addDays(localDateOf(range.end, timeZone), 1);
  const [weekly, timeOff, appointments] = await Promise.all([
    em.find(WeeklySchedule, {
      doctor: doctorId,
      validFrom: { $lte: lastDay },
      $or: [{ validTo: null }, { validTo: { $gte: firstDay } }],
    }),
    em.find(TimeOff, { doctor: doctorId, startsAt: { $lt: range.end }, endsAt: { $gt: range.start } }),
    // Plain rows, not entities: a busy month is a thousand appointments and only their times matter.
    em
      .createQueryBuilder(Appointment)
      .select(['id', 'startsAt', 'endsAt'])
      .where({
        doctor: doctorId,
        status: { $in: [...ACTIVE_APPOINTMENT_STATUSES] },
        ...overlappingFilter(range),
      })
      .execute<{ id: string; startsAt: Date | string; endsAt: Date | string }[]>('all'),
  ]);
  return {
    weekly,
    timeOff: timeOff.map((t) => ({ start: t.startsAt, end: t.endsAt })),
    appointments: appointments.map((a) => ({ id: a.id, start: new Date(a.startsAt), end: new Date(a.endsAt) })),
  };
}

/**
 * The doctor's working windows that touch `range`: each weekly entry on each local date it applies
 * to, turned into instants in `timeZone` (so a 09:00 start stays 09:00 across daylight-saving
 * changes), then merged where they touch, so back-to-back entries form one window.
 */
export function workingWindows(weekly: WeeklySchedule[], range: Interval, timeZone: string): Interval[] {
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
