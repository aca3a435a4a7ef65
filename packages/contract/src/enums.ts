/** Value sets shared by the data model, the API contract and the SDK. */

export const ROLES = ['admin', 'doctor', 'nurse', 'receptionist', 'staff'] as const;
export type Role = (typeof ROLES)[number];

// Administrative gender as in HL7 FHIR, so records exchange cleanly with other hospital systems.
export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const APPOINTMENT_STATUSES = ['scheduled', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that hold a slot; the exclusion constraints apply only to these. */
/**
 * The longest appointment, enforced by a check constraint. It also bounds how early an appointment
 * overlapping a time range can start, which lets range queries use the (doctor, starts_at) index.
 */
export const MAX_APPOINTMENT_HOURS = 24;

/** The longest buffer a visit type keeps free before or after its appointments, in minutes. */
export const MAX_BUFFER_MINUTES = 120;

/**
 * Why availability does not offer a time on a visit type's grid (with `explain`): the doctor is booked, a neighbour's or the visit's buffer is in the way, the group
 * session is full, the doctor's daily quota of the type is reached, time off, too short notice,
 * beyond the booking horizon, already past.
 */
export const SLOT_UNAVAILABLE_REASONS = [
  'booked',
  'buffer',
  'full',
  'quota_reached',
  'time_off',
  'notice',
  'horizon',
  'past',
] as const;
export type SlotUnavailableReason = (typeof SLOT_UNAVAILABLE_REASONS)[number];

export const ACTIVE_APPOINTMENT_STATUSES = ['scheduled', 'checked_in'] as const satisfies readonly AppointmentStatus[];

/** A queue ticket's priority, in the order the queue calls them: urgent first, then elderly or disabled, then everyone else. */
export const QUEUE_PRIORITIES = ['urgent', 'priority', 'regular'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];

/** A queue ticket's steps (waiting -> called -> in consultation -> done; skipped or cancelled on the way). */
export const QUEUE_TICKET_STATUSES = ['waiting', 'called', 'in_consultation', 'done', 'skipped', 'cancelled'] as const;
export type QueueTicketStatus = (typeof QUEUE_TICKET_STATUSES)[number];

/**
 * Tickets still in the queue (a skipped ticket is recalled by calling it): a patient holds at most
 * one of these per department and day, an appointment at most one.
 */
export const ACTIVE_QUEUE_TICKET_STATUSES = [
  'waiting',
  'called',
  'in_consultation',
  'skipped',
] as const satisfies readonly QueueTicketStatus[];

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'abandoned'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export const SYNC_TRIGGERS = ['schedule', 'manual', 'api'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
