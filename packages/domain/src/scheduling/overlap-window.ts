import { MAX_APPOINTMENT_HOURS } from '@meditrack/contract';

export const MAX_APPOINTMENT_MS = MAX_APPOINTMENT_HOURS * 3_600_000;

/**
 * The earliest start of an appointment that can overlap a range starting at `start`: appointments
 * last at most MAX_APPOINTMENT_HOURS (a check constraint). `starts_at > this` gives range queries a
 * lower bound on the (doctor_id | patient_id, starts_at) indexes; `ends_at > start` alone has none,
 * and the scan would begin at the start of the doctor's history.
 */
export function earliestOverlappingStart(start: Date): Date {
  return new Date(start.getTime() - MAX_APPOINTMENT_MS);
}
