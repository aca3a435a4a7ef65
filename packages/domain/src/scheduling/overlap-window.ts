import { MAX_APPOINTMENT_HOURS, MAX_BUFFER_MINUTES } from '@meditrack/contract';

export const MAX_APPOINTMENT_MS = MAX_APPOINTMENT_HOURS * 3_600_000;
/** How far a visit type's buffer reaches before or after an appointment, at most. */
export const MAX_BUFFER_MS = MAX_BUFFER_MINUTES * 60_000;
/** The longest doctor's time one appointment blocks: its length with both buffers. */
export const MAX_BLOCKED_MS = MAX_APPOINTMENT_MS + 2 * MAX_BUFFER_MS;

/**
 * The earliest start of an appointment that can overlap a range starting at `start`: appointments
 * last at most MAX_APPOINTMENT_HOURS (a check constraint). `starts_at > this` gives range queries a
 * lower bound on the (doctor_id | patient_id, starts_at) indexes; `ends_at > start` alone has none,
 * and the scan would begin at the start of the doctor's history.
 */
export function earliestOverlappingStart(start: Date): Date {
  return new Date(start.getTime() - MAX_APPOINTMENT_MS);
}
