import {
  APPOINTMENT_TRANSITIONS,
  type AppointmentAction,
  type ClinicalAppointment,
  canTransition,
} from '@meditrack/contract';
import { authorize, authorizeOwn } from '../access/authorize.js';
import { type Appointment, lifecycleChange, type MoveInput } from '../entities/appointment.js';
import { DomainError } from '../errors/domain-error.js';
import { refuseDeadReference } from '../records/find.js';
import { expectVersion } from '../records/version.js';
import { addDays, localDateOf, zonedDateTimeToInstant } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { appointmentOf } from './dto.js';
import { type AppointmentContext, findAppointment, findAppointmentAnswer } from './find-appointment.js';
import { lockForScheduling } from './locks.js';
import { writeMove } from './move.js';
import { assertBeforeCutoff, assertTimeStillFree } from './rules.js';
import { visitRulesOf } from './visit-types.js';

/** What the rules read of the appointment a move acts on. */
type MovingAppointment = Pick<ClinicalAppointment, 'status' | 'startsAt' | 'version'>;

export interface TransitionInput extends MoveInput {
  id: string;
  version?: number | undefined;
}

function tooEarly(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INVALID_STATE', { message, field: 'status', details });
}

/**
 * When each move may happen: check-in and undoing a no-show on the appointment's day (in the
 * hospital's time zone); completion and no-show once the appointment has begun. Cancelling is
 * possible until its visit type's cancel cutoff (any time without one).
 */
function assertTimely(work: Work, action: AppointmentAction, appointment: MovingAppointment): void {
  const now = work.now();
  if (action === 'checkIn') {
    const day = localDateOf(appointment.startsAt, work.timeZone);
    const opensAt = zonedDateTimeToInstant(day, '00:00', work.timeZone);
    const closesAt = zonedDateTimeToInstant(addDays(day, 1), '00:00', work.timeZone);
    if (now < opensAt) {
      throw tooEarly('Check-in opens on the day of the appointment.', { reason: 'too-early', opensAt });
    }
    if (now >= closesAt) {
      throw new DomainError('INVALID_STATE', {
        message: 'The day of the appointment is over: mark it a no-show or reschedule it.',
        field: 'status',
        details: { reason: 'too-late', closedAt: closesAt },
      });
    }
  }
  if (action === 'undoNoShow' && localDateOf(now, work.timeZone) !== localDateOf(appointment.startsAt, work.timeZone)) {
    throw new DomainError('INVALID_STATE', {
      message: 'A no-show can be undone on the day of the appointment only.',
      field: 'status',
      details: { reason: 'too-late' },
    });
  }
  if ((action === 'complete' || action === 'noShow') && now < appointment.startsAt) {
    throw tooEarly(
      action === 'complete'
        ? 'An appointment cannot be completed before it starts.'
        : 'A patient is a no-show only once the appointment has begun.',
      { reason: 'too-early', opensAt: appointment.startsAt },
    );
  }
}

/**
 * An undone no-show takes its time again: under the scheduling locks, only if that time is still
 * free and its session's place and its type's daily quota still there (the no-show gave them up).
 */
async function holdTimeAgain(work: Work, appointment: Appointment): Promise<Appointment> {
  const visitType = appointment.visitType ? await visitRulesOf(work, appointment.visitType.id) : null;
  const held = {
    doctorId: appointment.doctor.id,
    patientId: appointment.patient.id,
    interval: { start: appointment.startsAt, end: appointment.endsAt },
    blocked: { start: appointment.blockedFrom, end: appointment.blockedTo },
    visitTypeId: visitType?.id ?? null,
    sessionKey: appointment.sessionKey ?? null,
    exceptAppointmentId: appointment.id,
    visitType,
  };
  return work.transaction(async (tx) => {
    await lockForScheduling(tx, held);
    await assertTimeStillFree(tx, held);
    const row = tx.em.merge(appointment);
    row.move('undoNoShow', tx.now());
    tx.describe(row, { action: 'appointment.undoNoShow', changes: { status: 'scheduled' } });
    return row;
  });
}

/**
 * Whether `action` may move the appointment now: contract/lifecycle.ts says which moves exist and
 * which permission each needs; completion belongs to the appointment's own doctor (own-only
 * permission); check-in needs a live patient and doctor; an optional `version` guards against a
 * stale screen.
 */
function assertMayMove(
  work: Work,
  action: AppointmentAction,
  input: TransitionInput,
  appointment: MovingAppointment,
  { patient, doctor, cancelCutoffMinutes }: AppointmentContext,
): void {
  const transition = APPOINTMENT_TRANSITIONS[action];
  expectVersion(appointment, input.version, false);
  if (action === 'complete') {
    authorizeOwn(
      work.actor,
      'appointments:complete',
      doctor.employeeId,
      'Only the appointment’s own doctor can complete it.',
    );
  }
  if (!canTransition(action, appointment.status)) {
    throw new DomainError('INVALID_STATE', {
      message: `A ${appointment.status} appointment cannot be moved to ${transition.to}.`,
      field: 'status',
      details: { status: appointment.status, action, allowedFrom: transition.from },
    });
  }
  if (action === 'checkIn') {
    refuseDeadReference('patient', patient, 'patientId');
    refuseDeadReference('doctor', doctor, 'doctorId');
  }
  assertTimely(work, action, appointment);
  if (action === 'cancel') assertBeforeCutoff(work, appointment.startsAt, cancelCutoffMinutes, 'cancel');
}

/**
 * Moves an appointment along its lifecycle, with its audit event. Check-in, completion,
 * cancellation and no-show are one read and one statement (scheduling/move.ts): the front desk's
 * and the doctors' most frequent writes. Undoing a no-show takes the time again under the booking's
 * locks and rules, through the unit of work.
 */
export async function applyTransition(
  work: Work,
  action: AppointmentAction,
  input: TransitionInput,
): Promise<ClinicalAppointment> {
  authorize(work.actor, APPOINTMENT_TRANSITIONS[action].permission);
  if (action === 'undoNoShow') {
    const { appointment, ...context } = await findAppointment(work, input.id);
    assertMayMove(work, action, input, appointment, context);
    return appointmentOf(await holdTimeAgain(work, appointment));
  }
  const { appointment, ...context } = await findAppointmentAnswer(work, input.id);
  assertMayMove(work, action, input, appointment, context);
  return writeMove(work, action, appointment, lifecycleChange(action, work.now(), input));
}
