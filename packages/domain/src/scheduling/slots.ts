import type { SlotUnavailableReason } from '@meditrack/contract';
import { localDateOf } from '../time/zone.js';
import { type BookedTime, type DoctorCalendar, type Interval, overlaps, workingWindows } from './calendar.js';
import { MAX_BLOCKED_MS } from './overlap-window.js';
import { groupSessionKey } from './rules.js';
import type { VisitRules } from './visit-types.js';

export interface SlotQuery {
  /** The visit type asked for; null: the doctor's default length, no rules beyond the calendar. */
  visitType: VisitRules | null;
  slotMinutes: number;
  timeZone: string;
  now: Date;
  /** Too soon or too far ahead for the visit type (rules.ts timingRefusal). */
  timing: (start: Date) => 'notice' | 'horizon' | null;
  /** Weekly hours that offer the visit type (rules.ts offering). */
  offered: DoctorCalendar['weekly'];
}

export interface FreeSlot extends Interval {
  /** Places left in a group session. */
  remaining?: number;
}

export interface SlotsAnswer {
  slots: FreeSlot[];
  /** Times of the grid not offered, with why. */
  unavailable: (Interval & { reason: SlotUnavailableReason })[];
}

const MINUTE = 60_000;

/** The first appointment (sorted by blocked start) whose blocked time could reach `from`: binary search. */
function firstReaching(appointments: BookedTime[], from: number): number {
  let lo = 0;
  let hi = appointments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((appointments[mid] as BookedTime).blocked.start.getTime() <= from - MAX_BLOCKED_MS) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start times of the type's group sessions already booked (their places may be left off the grid). */
function sessionsOf(calendar: DoctorCalendar, visitType: VisitRules): number[] {
  return calendar.appointments
    .filter((a) => a.visitTypeId === visitType.id && a.sessionKey === groupSessionKey(visitType.id, a.start))
    .map((a) => a.start.getTime());
}

/** The grid's times in a window, and the booked sessions' starts that fit in it, in order, once each. */
function candidateTimes(window: Interval, step: number, duration: number, sessions: number[]): number[] {
  const grid: number[] = [];
  for (let t = window.start.getTime(); t + duration <= window.end.getTime(); t += step) grid.push(t);
  const fitting = sessions.filter((t) => t >= window.start.getTime() && t + duration <= window.end.getTime());
  if (fitting.length === 0) return grid;
  return [...new Set([...grid, ...fitting])].sort((a, b) => a - b);
}

/**
 * The grid of a visit type over `range`: from each offering working window's start, every
 * duration plus buffers (so booked neighbours' buffers never meet), and the times of the type's
 * group sessions booked already (their places left, wherever they start). Each time is offered unless
 * it is past, too soon or too far (notice, horizon), in time off, taken by another session's
 * blocked time (`booked` when the appointments meet, `buffer` when only a buffer does), in a full
 * group session, or on a day whose quota of the type is reached: the same rules a booking checks
 * (rules.ts), over the calendar read once.
 */
export function freeSlots(calendar: DoctorCalendar, range: Interval, query: SlotQuery): SlotsAnswer {
  const { visitType } = query;
  const duration = query.slotMinutes * MINUTE;
  const before = (visitType?.bufferBeforeMinutes ?? 0) * MINUTE;
  const after = (visitType?.bufferAfterMinutes ?? 0) * MINUTE;
  const step = duration + before + after;
  const group = visitType !== null && visitType.capacity > 1;
  const perDay = new Map<string, number>();
  if (visitType?.dailyQuotaPerDoctor) {
    for (const a of calendar.appointments) {
      if (a.visitTypeId !== visitType.id) continue;
      const day = localDateOf(a.start, query.timeZone);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
  }
  const sessions = group && visitType ? sessionsOf(calendar, visitType) : [];
  const answer: SlotsAnswer = { slots: [], unavailable: [] };
  for (const window of workingWindows(query.offered, range, query.timeZone)) {
    for (const t of candidateTimes(window, step, duration, sessions)) {
      if (t < range.start.getTime() || t + duration > range.end.getTime()) continue;
      const slot = { start: new Date(t), end: new Date(t + duration) };
      const sessionKey = group && visitType ? groupSessionKey(visitType.id, slot.start) : null;
      let reason: SlotUnavailableReason | null = t < query.now.getTime() ? 'past' : query.timing(slot.start);
      if (!reason && calendar.timeOff.some((off) => overlaps(off, slot))) reason = 'time_off';
      let taken = 0;
      if (!reason) {
        const blockedEnd = t + duration + after;
        for (let k = firstReaching(calendar.appointments, t - before); k < calendar.appointments.length; k++) {
          const other = calendar.appointments[k] as BookedTime;
          if (other.blocked.start.getTime() >= blockedEnd) break;
          if (other.blocked.end.getTime() <= t - before) continue;
          if (sessionKey !== null && other.sessionKey === sessionKey) {
            taken++;
            continue;
          }
          if (overlaps(other, slot)) {
            reason = 'booked';
            break;
          }
          reason = 'buffer';
        }
      }
      if (!reason && visitType && taken >= visitType.capacity) reason = 'full';
      const quota = visitType?.dailyQuotaPerDoctor ?? null;
      if (!reason && quota !== null && (perDay.get(localDateOf(slot.start, query.timeZone)) ?? 0) >= quota) {
        reason = 'quota_reached';
      }
      if (reason) answer.unavailable.push({ ...slot, reason });
      else answer.slots.push(group && visitType ? { ...slot, remaining: visitType.capacity - taken } : slot);
    }
  }
  return answer;
}
