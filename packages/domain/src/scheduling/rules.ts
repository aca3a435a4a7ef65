import { MAX_APPOINTMENT_HOURS } from '@meditrack/contract';
import { DomainError } from '../errors/domain-error.js';
import type { Work } from '../work/work.js';
import { type Interval, loadWorkingTime, overlaps, workingWindows } from './calendar.js';
import { findOverlapping } from './overlap.js';
import { MAX_APPOINTMENT_MS } from './overlap-window.js';

export interface Booking {
  doctorId: string;
  patientId: string;
  interval: Interval;
  /** The appointment being moved (a reschedule), which does not conflict with itself. */
  exceptAppointmentId?: string;
}

/**
 * The booking rules, in the order a front desk would explain them: not in the past, inside the
 * doctor's working hours, not in their time off, and clear of the doctor's and the patient's other
 * active appointments (409 naming the one in the way). Booking and rescheduling call it under the
 * scheduling locks (locks.ts), so what it reads cannot change before the write.
 */
export async function assertBookable(work: Work, booking: Booking): Promise<void> {
  const { interval } = booking;
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
  const working = await loadWorkingTime(work, booking.doctorId, interval);
  const windows = workingWindows(working.weekly, interval, work.timeZone);
  if (!windows.some((w) => w.start <= interval.start && interval.end <= w.end)) {
    throw new DomainError('OUTSIDE_WORKING_HOURS', { field: 'startsAt', details: { timeZone: work.timeZone } });
  }
  if (working.timeOff.some((t) => overlaps(t, interval))) {
    throw new DomainError('DOCTOR_UNAVAILABLE', { field: 'startsAt' });
  }
  await refuseOverlap(work, booking);
}

/** 409 naming the active appointment that overlaps, the doctor's first, then the patient's. */
export async function refuseOverlap(work: Work, booking: Booking): Promise<void> {
  const other = await findOverlapping(work.em, booking, booking.interval, booking.exceptAppointmentId);
  if (other) {
    throw new DomainError('APPOINTMENT_CONFLICT', {
      message: `The ${other.conflictWith} already has an active appointment at this time.`,
      field: 'startsAt',
      details: { conflictWith: other.conflictWith, conflictingAppointmentId: other.id },
    });
  }
}
