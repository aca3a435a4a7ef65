import type { bookAppointmentInput, rescheduleInput } from '@meditrack/contract';
import { Appointment, Doctor, DomainError, Employee, Patient, translateDatabaseError } from '@meditrack/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { audit } from '../audit/record.js';
import { referenceOr422 } from '../records/find.js';
import type { AuthedContext } from '../trpc/init.js';
import type { Interval } from './calendar.js';
import { instantOf } from './instants.js';
import { assertBookable, refuseOverlap } from './rules.js';

/** [startsAt, endsAt) from client input: an end, a duration, or the doctor's default length. */
function intervalOf(
  ctx: AuthedContext,
  input: { startsAt: string; endsAt?: string | undefined; durationMinutes?: number | undefined },
  defaultMinutes: number,
): Interval {
  const start = instantOf(ctx, input.startsAt, 'startsAt');
  const end = input.endsAt
    ? instantOf(ctx, input.endsAt, 'endsAt')
    : new Date(start.getTime() + (input.durationMinutes ?? defaultMinutes) * 60_000);
  return { start, end };
}

/**
 * When the exclusion constraints refuse anyway (a write that bypassed the locks above), answer
 * exactly like the check would have: 409 naming the other appointment.
 */
async function withConflictAnswer<T>(
  ctx: AuthedContext,
  booking: Parameters<typeof refuseOverlap>[1],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (translateDatabaseError(error)?.code === 'APPOINTMENT_CONFLICT') await refuseOverlap(ctx.em.fork(), booking);
    throw error;
  }
}

/**
 * Locks the patient's and the doctor's rows, in that order, for the rest of the transaction: bookings
 * touching the same patient or doctor then run one after another (so the second one's check sees the
 * first one's appointment and answers 409), and the fixed order means they can never deadlock.
 * FOR NO KEY UPDATE does not block the foreign-key checks of other inserts.
 */
async function lockParticipants(tx: EntityManager, patientId: string, doctorId: string): Promise<void> {
  const connection = tx.getConnection();
  const trx = tx.getTransactionContext();
  await connection.execute('select 1 from patients where id = ? for no key update', [patientId], 'all', trx);
  await connection.execute('select 1 from doctors where id = ? for no key update', [doctorId], 'all', trx);
}

/** Books an appointment; the database's exclusion constraints are the final word on races. */
export async function bookAppointment(
  ctx: AuthedContext,
  input: z.output<typeof bookAppointmentInput>,
): Promise<Appointment> {
  const doctor = await ctx.em.findOne(Doctor, { id: input.doctorId, employee: { archivedAt: null } });
  if (!doctor)
    throw new DomainError('UNKNOWN_REFERENCE', { message: 'No active doctor has this id.', field: 'doctorId' });
  const patient = await referenceOr422(ctx.em, Patient, input.patientId, 'patientId');
  const interval = intervalOf(ctx, input, doctor.defaultAppointmentMinutes);
  const booking = { doctorId: doctor.id, patientId: patient.id, interval };

  return withConflictAnswer(ctx, booking, () =>
    ctx.em.transactional(async (tx) => {
      const txCtx = { ...ctx, em: tx };
      await lockParticipants(tx, patient.id, doctor.id);
      await assertBookable(txCtx, booking);
      const appointment = tx.create(Appointment, {
        patient: tx.getReference(Patient, patient.id),
        doctor: tx.getReference(Doctor, doctor.id),
        startsAt: interval.start,
        endsAt: interval.end,
        reason: input.reason ?? null,
        createdBy: tx.getReference(Employee, ctx.user.id),
      });
      audit(txCtx, { action: 'appointment.book', entityType: 'Appointment', entityId: appointment.id });
      return appointment;
    }),
  );
}

/**
 * Moves an appointment: one UPDATE of its own row, so the old slot is freed only when the new one
 * is taken (the constraint checks the new range against everyone else, in the same statement).
 */
export async function rescheduleAppointment(
  ctx: AuthedContext,
  appointment: Appointment,
  input: z.output<typeof rescheduleInput>,
): Promise<{ from: Interval; to: Interval }> {
  const doctor = await ctx.em.findOneOrFail(Doctor, appointment.doctor.id);
  const from = { start: appointment.startsAt, end: appointment.endsAt };
  const durationMinutes =
    input.durationMinutes ?? (input.endsAt ? undefined : (from.end.getTime() - from.start.getTime()) / 60_000);
  const to = intervalOf(ctx, { ...input, durationMinutes }, doctor.defaultAppointmentMinutes);
  const booking = {
    doctorId: doctor.id,
    patientId: appointment.patient.id,
    interval: to,
    exceptAppointmentId: appointment.id,
  };

  await withConflictAnswer(ctx, booking, () =>
    ctx.em.transactional(async (tx) => {
      const txCtx = { ...ctx, em: tx };
      await lockParticipants(tx, booking.patientId, booking.doctorId);
      await assertBookable(txCtx, booking);
      // One UPDATE of the row (version-checked): the old range is released as the new one is taken.
      const row = tx.merge(appointment);
      row.startsAt = to.start;
      row.endsAt = to.end;
      audit(txCtx, {
        action: 'appointment.reschedule',
        entityType: 'Appointment',
        entityId: appointment.id,
        changes: { from: from.start.toISOString(), to: to.start.toISOString() },
      });
    }),
  );
  return { from, to };
}
