import type { AppointmentStatus, QueueTicketStatus } from './enums.js';
import type { Permission } from './permissions.js';

/**
 * The appointment lifecycle: the only status changes there are, from which statuses, and who may
 * make them. scheduled -> checked_in -> completed; scheduled/checked_in -> cancelled or no_show;
 * no_show -> scheduled again on the appointment's day (undoNoShow).
 * The API enforces it; frontends read it to offer only the actions that will work.
 */
export const APPOINTMENT_TRANSITIONS = {
  checkIn: { from: ['scheduled'], to: 'checked_in', permission: 'appointments:check-in' },
  complete: { from: ['checked_in'], to: 'completed', permission: 'appointments:complete' },
  cancel: { from: ['scheduled', 'checked_in'], to: 'cancelled', permission: 'appointments:write' },
  noShow: { from: ['scheduled', 'checked_in'], to: 'no_show', permission: 'appointments:check-in' },
  // A patient marked a no-show (by hand or by the automatic job) who arrives late, the same day.
  undoNoShow: { from: ['no_show'], to: 'scheduled', permission: 'appointments:check-in' },
} as const satisfies Record<
  string,
  { from: readonly AppointmentStatus[]; to: AppointmentStatus; permission: Permission }
>;

export type AppointmentAction = keyof typeof APPOINTMENT_TRANSITIONS;

/** Only scheduled appointments move; a checked-in patient is already here. */
export const RESCHEDULABLE_STATUSES = ['scheduled'] as const satisfies readonly AppointmentStatus[];

export function canTransition(action: AppointmentAction, from: AppointmentStatus): boolean {
  return (APPOINTMENT_TRANSITIONS[action].from as readonly AppointmentStatus[]).includes(from);
}

/**
 * A queue ticket's steps: which exist, from which statuses, and who may take them. A called ticket
 * may be called again (to another desk); a skipped one (not there when called) is recalled by
 * calling it. The last step can be undone within QUEUE_UNDO_SECONDS (`queue:undo`).
 */
export const QUEUE_STEPS = {
  call: { from: ['waiting', 'called', 'skipped'], to: 'called', permission: 'queue:call' },
  start: { from: ['called'], to: 'in_consultation', permission: 'queue:call' },
  finish: { from: ['in_consultation'], to: 'done', permission: 'queue:call' },
  skip: { from: ['called'], to: 'skipped', permission: 'queue:call' },
  cancel: { from: ['waiting', 'called', 'skipped'], to: 'cancelled', permission: 'queue:manage' },
} as const satisfies Record<
  string,
  { from: readonly QueueTicketStatus[]; to: QueueTicketStatus; permission: Permission }
>;

export type QueueStep = keyof typeof QUEUE_STEPS;
export const QUEUE_STEP_NAMES = Object.keys(QUEUE_STEPS) as [QueueStep, ...QueueStep[]];
