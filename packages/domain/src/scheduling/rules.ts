import { ACTIVE_APPOINTMENT_STATUSES, MAX_APPOINTMENT_HOURS } from '@meditrack/contract';
import { authorize, can } from '../access/authorize.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows, sqlTextList } from '../reads/sql.js';
import { addDays, localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import {
  type Interval,
  localDay,
  type Owned,
  overlaps,
  type WeeklyHours,
  workingTimeColumns,
  workingTimeOf,
  workingWindows,
} from './calendar.js';
import { findOverlapping, type Occupancy, type Overlap, overlapStatement } from './overlap.js';
import { MAX_APPOINTMENT_MS } from './overlap-window.js';
import type { VisitRules } from './visit-types.js';

export interface Booking {
  doctorId: string;
  patientId: string;
  interval: Interval;
  /** Its visit type's rules; null: booked without one (no buffers, notice, horizon, capacity or quota). */
  visitType: VisitRules | null;
  /** The appointment being moved (a reschedule), which does not conflict with itself. */
  exceptAppointmentId?: string | undefined;
  /** Asked to go beyond capacity or quota, and why (the caller holds appointments:overbook). */
  overbookReason?: string | undefined;
}

/** Where a bookable booking goes: what it occupies, and what it goes beyond (an overbooking). */
export interface Placement {
  occupancy: Occupancy;
  overbooked: 'capacity' | 'quota' | null;
}

const MINUTE = 60_000;

/** The doctor's time a booking blocks: its own, with its visit type's buffers around it. */
export function blockedTime(interval: Interval, visitType: VisitRules | null): Interval {
  return {
    start: new Date(interval.start.getTime() - (visitType?.bufferBeforeMinutes ?? 0) * MINUTE),
    end: new Date(interval.end.getTime() + (visitType?.bufferAfterMinutes ?? 0) * MINUTE),
  };
}

/** The session a group session's patients share: the visit type at that time. */
export const groupSessionKey = (visitTypeId: string, start: Date) => `${visitTypeId}@${start.toISOString()}`;

/**
 * What a booking occupies before any overbooking: a group session's patients share one session
 * (the type at that time); any other appointment is a session of its own.
 */
export function occupancyOf(booking: Booking): Occupancy {
  const { visitType, interval } = booking;
  return {
    doctorId: booking.doctorId,
    patientId: booking.patientId,
    interval,
    blocked: blockedTime(interval, visitType),
    visitTypeId: visitType?.id ?? null,
    sessionKey: visitType && visitType.capacity > 1 ? groupSessionKey(visitType.id, interval.start) : null,
    exceptAppointmentId: booking.exceptAppointmentId,
  };
}

/** Weekly hours that offer the visit type: those not restricted to some types, and those naming it. */
export const offering = (weekly: WeeklyHours[], visitTypeId: string | null) =>
  weekly.filter((w) => w.visitTypeIds.length === 0 || (visitTypeId !== null && w.visitTypeIds.includes(visitTypeId)));

/** Notice and horizon of a visit type at `start`: the reason a time is too soon or too far, if it is. */
export function timingRefusal(work: Work, start: Date, visitType: VisitRules | null): 'notice' | 'horizon' | null {
  if (!visitType) return null;
  const now = work.now();
  if (start.getTime() < now.getTime() + visitType.minNoticeMinutes * MINUTE) return 'notice';
  if (visitType.horizonDays !== null) {
    const lastDay = addDays(localDateOf(now, work.timeZone), visitType.horizonDays);
    if (localDateOf(start, work.timeZone) > lastDay) return 'horizon';
  }
  return null;
}

const ACTIVE = `status in (${sqlTextList(ACTIVE_APPOINTMENT_STATUSES)})`;

/**
 * What a booking's checks read under its locks, in one round trip: the doctor's working time, the
 * appointment in the way, and the counts that capacity and quota compare.
 */
interface BookingFacts extends Partial<Overlap> {
  weekly: Owned<WeeklyHours>[];
  timeOff: { start: number; end: number }[];
  /** Patients already in the group session (but the one being moved). */
  sessionSize: number;
  /** The doctor's active appointments of the type that hospital-local day (but the one being moved). */
  dailyCount: number;
}

async function bookingFacts(work: Work, o: Occupancy, visitType: VisitRules | null) {
  // A group session's places and the type's daily quota are counted only where they apply.
  const counts = {
    session: visitType !== null && visitType.capacity > 1 && o.sessionKey !== null,
    quota: visitType?.dailyQuotaPerDoctor != null,
  };
  const except = o.exceptAppointmentId ? ' and id <> ?' : '';
  const exceptParam = o.exceptAppointmentId ? [o.exceptAppointmentId] : [];
  const day = localDay(o.interval.start, work.timeZone);
  const [workingSql, workingParams] = workingTimeColumns(work, o.doctorId, o.interval);
  const [overlapSql, overlapParams] = overlapStatement(o);
  const [row] = await selectRows<BookingFacts>(
    work.em,
    `select o.*, ${workingSql},
            ${counts.session ? `(select count(*)::int from appointments where doctor_id = ? and starts_at = ? and session_key = ? and ${ACTIVE}${except})` : '0'} as "sessionSize",
            ${counts.quota ? `(select count(*)::int from appointments where doctor_id = ? and starts_at >= ? and starts_at < ? and visit_type_id = ? and ${ACTIVE}${except})` : '0'} as "dailyCount"
       from (select 1) as one left join (${overlapSql}) as o on true`,
    [
      ...workingParams,
      ...(counts.session ? [o.doctorId, o.interval.start, o.sessionKey, ...exceptParam] : []),
      ...(counts.quota ? [o.doctorId, day.start, day.end, o.visitTypeId, ...exceptParam] : []),
      ...overlapParams,
    ],
  );
  if (!row) throw new Error('the booking facts statement answers one row');
  const { weekly, timeOff, sessionSize, dailyCount, ...overlap } = row;
  return {
    working: workingTimeOf({ weekly, timeOff }),
    sessionSize,
    dailyCount,
    counted: counts,
    overlap: overlap.id ? (overlap as Overlap) : undefined,
  };
}

function refuseTiming(reason: 'notice' | 'horizon', visitType: VisitRules): never {
  if (reason === 'notice') {
    throw new DomainError('TOO_SHORT_NOTICE', {
      field: 'startsAt',
      details: { minNoticeMinutes: visitType.minNoticeMinutes },
    });
  }
  throw new DomainError('BEYOND_HORIZON', { field: 'startsAt', details: { horizonDays: visitType.horizonDays } });
}

/**
 * The booking rules, in the order a front desk would explain them: not in the past, the visit
 * type's notice and horizon, inside the doctor's working hours that offer the type, not in their
 * time off, a place left in a group session, the doctor's daily quota of the type, and clear of the
 * doctor's other appointments (with the buffers around both) and the patient's (409 naming the one
 * in the way). Capacity and quota give way to an overbooking with its reason. Booking and
 * rescheduling call it under the scheduling locks (locks.ts), so what it reads cannot change
 * before the write; the exclusion constraints hold the blocked times of other sessions apart.
 */
export async function assertBookable(work: Work, booking: Booking): Promise<Placement> {
  const { interval, visitType } = booking;
  if (interval.end <= interval.start) {
    throw new DomainError('VALIDATION_FAILED', { message: 'endsAt must be after startsAt.', field: 'endsAt' });
  }
  if (interval.end.getTime() - interval.start.getTime() > MAX_APPOINTMENT_MS) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `An appointment lasts at most ${MAX_APPOINTMENT_HOURS} hours.`,
      field: 'endsAt',
    });
  }
  if (interval.start < work.now()) {
    throw new DomainError('IN_THE_PAST', { message: 'Appointments cannot start in the past.', field: 'startsAt' });
  }
  const timing = timingRefusal(work, interval.start, visitType);
  if (timing && visitType) refuseTiming(timing, visitType);
  const occupancy = occupancyOf(booking);
  const facts = await bookingFacts(work, occupancy, visitType);
  const { working } = facts;
  const inside = (weekly: WeeklyHours[]) =>
    workingWindows(weekly, interval, work.timeZone).some((w) => w.start <= interval.start && interval.end <= w.end);
  if (!inside(working.weekly)) {
    throw new DomainError('OUTSIDE_WORKING_HOURS', { field: 'startsAt', details: { timeZone: work.timeZone } });
  }
  if (!inside(offering(working.weekly, visitType?.id ?? null))) {
    throw new DomainError('VISIT_TYPE_NOT_OFFERED', {
      message: visitType
        ? 'The doctor’s hours at this time are kept for other visit types.'
        : 'The doctor’s hours at this time are kept for some visit types: name one (visitTypeId).',
      field: visitType ? 'startsAt' : 'visitTypeId',
    });
  }
  if (working.timeOff.some((t) => overlaps(t, interval))) {
    throw new DomainError('DOCTOR_UNAVAILABLE', { field: 'startsAt' });
  }

  const overbook = booking.overbookReason !== undefined;
  let overbooked = beyondRoom(facts, visitType, overbook);
  let other = facts.overlap;
  // An exclusive time that is taken: an overbooking joins its session, as a second patient of that time.
  if (other && overbook && occupancy.sessionKey === null && joinable(other)) {
    occupancy.sessionKey = other.sessionKey;
    overbooked = 'capacity';
    other = await findOverlapping(work.em, occupancy);
  }
  if (other) throw conflict(other);
  return { occupancy, overbooked };
}

/**
 * Capacity and quota: SESSION_FULL when the group session has no place left, QUOTA_REACHED when
 * the doctor's day has no room for the type; with an overbooking, what it goes beyond instead.
 */
function beyondRoom(
  facts: { sessionSize: number; dailyCount: number; counted: { session: boolean; quota: boolean } },
  visitType: VisitRules | null,
  overbook: boolean,
): Placement['overbooked'] {
  if (!visitType) return null;
  let beyond: Placement['overbooked'] = null;
  if (facts.counted.session && facts.sessionSize >= visitType.capacity) {
    if (!overbook)
      throw new DomainError('SESSION_FULL', { field: 'startsAt', details: { capacity: visitType.capacity } });
    beyond = 'capacity';
  }
  const quota = visitType.dailyQuotaPerDoctor;
  if (facts.counted.quota && quota !== null && facts.dailyCount >= quota) {
    if (!overbook)
      throw new DomainError('QUOTA_REACHED', { field: 'startsAt', details: { dailyQuotaPerDoctor: quota } });
    beyond ??= 'quota';
  }
  return beyond;
}

const joinable = (other: Overlap) =>
  other.conflictWith === 'doctor' && other.reason === 'booked' && other.sameTime && other.sameVisitType;

function conflict(other: Overlap): DomainError {
  return new DomainError('APPOINTMENT_CONFLICT', {
    message:
      other.reason === 'buffer'
        ? 'The time is too close to another appointment of the doctor: the buffer kept free between them.'
        : `The ${other.conflictWith} already has an active appointment at this time.`,
    field: 'startsAt',
    details: { conflictWith: other.conflictWith, conflictingAppointmentId: other.id, reason: other.reason },
  });
}

/** 409 naming the active appointment in the way, the doctor's first, then the patient's. */
export async function refuseOverlap(work: Work, occupancy: Occupancy): Promise<void> {
  const other = await findOverlapping(work.em, occupancy);
  if (other) throw conflict(other);
}

/** Asking to overbook needs appointments:overbook, whether or not the booking then goes beyond anything. */
export function authorizeOverbooking(work: Work, reason: string | undefined): void {
  if (reason !== undefined) authorize(work.actor, 'appointments:overbook', 'overbookReason');
}

/**
 * Rescheduling or cancelling closes the visit type's cutoff before the appointment's start, except
 * for those who may override it (appointments:override-cutoff).
 */
export function assertBeforeCutoff(work: Work, startsAt: Date, cutoffMinutes: number, action: string): void {
  if (can(work.actor, 'appointments:override-cutoff')) return;
  if (cutoffMinutes > 0 && startsAt.getTime() - work.now().getTime() < cutoffMinutes * MINUTE) {
    throw new DomainError('CUTOFF_PASSED', {
      message: `The appointment is too close to ${action}: its visit type closes that ${cutoffMinutes} minutes before.`,
      field: 'startsAt',
      details: { cutoffMinutes, closedAt: new Date(startsAt.getTime() - cutoffMinutes * MINUTE) },
    });
  }
}

/**
 * An appointment that takes its time again (an undone no-show), under the scheduling locks: its
 * group session must still have its place, the day's quota of its type room for it, and its time
 * be free of the doctor's other sessions and the patient's appointments, as a booking's would.
 */
export async function assertTimeStillFree(
  work: Work,
  held: Occupancy & { visitType: VisitRules | null },
): Promise<void> {
  const facts = await bookingFacts(work, held, held.visitType);
  beyondRoom(facts, held.visitType, false);
  if (facts.overlap) throw conflict(facts.overlap);
}
