import { MAX_APPOINTMENT_HOURS } from '@meditrack/contract';
import type { Interval } from './calendar.js';

/**
 * The earliest start of an appointment that can overlap `range`: appointments last at most
 * MAX_APPOINTMENT_HOURS (a check constraint). `starts_at > this` gives range queries a lower
 * bound on the (doctor_id | patient_id, starts_at) indexes; `ends_at > range.start` alone has
 * none, and the scan would begin at the start of the doctor's history.
 */
export function earliestOverlappingStart(range: Interval): Date {
  return new Date(range.start.getTime() - MAX_APPOINTMENT_HOURS * 3_600_000);
}

/** MikroORM filter on startsAt/endsAt for appointments overlapping `range`. */
export function overlappingFilter(range: Interval) {
  return {
    startsAt: { $lt: range.end, $gt: earliestOverlappingStart(range) },
    endsAt: { $gt: range.start },
  };
}
