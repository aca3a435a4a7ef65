import { RESCHEDULABLE_STATUSES, type rescheduleInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import type { Appointment } from '../entities/appointment.js';
import { DomainError } from '../errors/domain-error.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';
import { withConflictAnswer } from './book.js';
import { findAppointment } from './find-appointment.js';
import { lockForScheduling } from './locks.js';
import { assertBeforeCutoff, assertBookable, type Booking, occupancyOf } from './rules.js';
import { intervalOf } from './time.js';
import { visitRulesOf } from './visit-types.js';

/**
 * Moves a scheduled appointment to another time (same doctor, same patient): one UPDATE of its own
 * row, so the old slot is freed only when the new one is taken. The same locks and rules as a
 * booking; an archived doctor or patient cannot be given a new time.
 */
export async function rescheduleAppointment(work: Work, input: z.output<typeof rescheduleInput>): Promise<Appointment> {
  authorize(work.actor, 'appointments:write');
  const { appointment, doctor } = await findAppointment(work, input.id);
  expectVersion(appointment, input.version, false);
  if (!(RESCHEDULABLE_STATUSES as readonly string[]).includes(appointment.status)) {
    throw new DomainError('INVALID_STATE', {
      message: `A ${appointment.status} appointment cannot be rescheduled.`,
      field: 'status',
      details: { status: appointment.status },
    });
  }
  const visitType = appointment.visitType ? await visitRulesOf(work, appointment.visitType.id) : null;
  if (visitType && (input.endsAt || input.durationMinutes)) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'The appointment’s visit type sets its length: give startsAt only.',
      field: input.endsAt ? 'endsAt' : 'durationMinutes',
    });
  }
  assertBeforeCutoff(work, appointment.startsAt, visitType?.rescheduleCutoffMinutes ?? 0, 'reschedule');
  const from = { start: appointment.startsAt, end: appointment.endsAt };
  const durationMinutes =
    input.durationMinutes ?? (input.endsAt ? undefined : (from.end.getTime() - from.start.getTime()) / 60_000);
  const to = intervalOf(
    work,
    visitType
      ? { startsAt: input.startsAt, durationMinutes: visitType.durationMinutes }
      : { ...input, durationMinutes },
    doctor.defaultAppointmentMinutes,
  );
  const booking: Booking = {
    doctorId: appointment.doctor.id,
    patientId: appointment.patient.id,
    interval: to,
    visitType,
    exceptAppointmentId: appointment.id,
  };
  await withConflictAnswer(work, occupancyOf(booking), () =>
    work.transaction(async (tx) => {
      await lockForScheduling(tx, booking);
      const placement = await assertBookable(tx, booking);
      const row = tx.em.merge(appointment);
      row.place(to, placement.occupancy.blocked, placement.occupancy.sessionKey);
      tx.describe(row, {
        action: 'appointment.reschedule',
        changes: { from: from.start.toISOString(), to: to.start.toISOString() },
      });
    }),
  );
  return appointment;
}
