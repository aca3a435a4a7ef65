import type { AppointmentStatus } from './enums.js';
import type { Permission } from './permissions.js';

/**
 * The appointment lifecycle: the only status changes there are, from which statuses, and who may
 * make them. scheduled -> checked_in -> completed; scheduled/checked_in -> cancelled or no_show.
 * The API enforces it; frontends read it to offer only the actions that will work.
 */
export const APPOINTMENT_TRANSITIONS = {
  checkIn: { from: ['scheduled'], to: 'checked_in', permission: 'appointments:check-in' },
  complete: { from: ['checked_in'], to: 'completed', permission: 'appointments:complete' },
  cancel: { from: ['scheduled', 'checked_in'], to: 'cancelled', permission: 'appointments:write' },
  noShow: { from: ['scheduled', 'checked_in'], to: 'no_show', permission: 'appointments:check-in' },
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
