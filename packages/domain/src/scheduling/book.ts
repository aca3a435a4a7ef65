import type { bookAppointmentInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { Doctor } from '../entities/doctor.js';
import { Employee } from '../entities/employee.js';
import { Patient } from '../entities/patient.js';
import { VisitType } from '../entities/visit-type.js';
import { DomainError } from '../errors/domain-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import { type Statement, selectBatch, selectRows } from '../reads/sql.js';
import { refuseDeadReference, unknownReference } from '../records/find.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
import type { Work } from '../work/work.js';
import { lockForScheduling } from './locks.js';
import type { Occupancy } from './overlap.js';
import {
  assertBookable,
  authorizeOverbooking,
  type Booking,
  occupancyOf,
  type Placement,
  refuseOverlap,
} from './rules.js';
import { intervalOf } from './time.js';
import { type BookedVisitTypeRow, bookableVisitType, bookedVisitTypeStatement } from './visit-types.js';

/**
 * When the exclusion constraints refuse anyway (a write that bypassed the locks), answer exactly
 * like the check would have: 409 naming the other appointment.
 */
export async function withConflictAnswer<T>(work: Work, occupancy: Occupancy, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // The constraint's refusal only: the rules' own 409 already names the appointment in the way.
    if (!(error instanceof DomainError) && translateDatabaseError(error)?.code === 'APPOINTMENT_CONFLICT') {
      await refuseOverlap(work.fork(), occupancy);
    }
    throw error;
  }
}

/** The audit of an overbooking: its own event, with the reason, next to the booking's. */
function recordOverbooking(tx: Work, appointment: Appointment, placement: Placement, reason?: string): void {
  if (!placement.overbooked) return;
  tx.record({
    action: 'appointment.overbook',
    entityType: 'Appointment',
    entityId: appointment.id,
    changes: { beyond: placement.overbooked, reason: reason ?? null, sessionKey: placement.occupancy.sessionKey },
  });
}

interface BookedDoctor {
  id: string;
  defaultAppointmentMinutes: number;
  archivedAt: string | null;
}

/** Books an appointment: the booking rules under the scheduling locks; the exclusion constraints have the last word. */
export async function bookAppointment(work: Work, input: z.output<typeof bookAppointmentInput>): Promise<Appointment> {
  authorize(work.actor, 'appointments:write');
  authorizeOverbooking(work, input.overbookReason);
  const doctorStatement: Statement = [
    `select d.id, d.default_appointment_minutes as "defaultAppointmentMinutes", e.archived_at as "archivedAt"
       ${DOCTORS_WITH_ACCOUNTS} where d.id = ?`,
    [input.doctorId],
  ];
  // The doctor and the visit type named, in one round trip.
  const [doctors, visitTypes = []] = input.visitTypeId
    ? await selectBatch<[BookedDoctor, BookedVisitTypeRow]>(work.em, [
        doctorStatement,
        bookedVisitTypeStatement(input.visitTypeId, input.doctorId),
      ])
    : [await selectRows<BookedDoctor>(work.em, ...doctorStatement)];
  const [doctor] = doctors;
  if (!doctor) throw unknownReference('doctor', 'doctorId');
  refuseDeadReference('doctor', doctor, 'doctorId');
  const visitType = input.visitTypeId ? bookableVisitType(visitTypes[0]) : null;
  const interval = intervalOf(work, input, visitType?.durationMinutes ?? doctor.defaultAppointmentMinutes);
  // The patient (and again the doctor) must be live under the lock: locks.ts checks them there.
  const booking: Booking = {
    doctorId: doctor.id,
    patientId: input.patientId,
    interval,
    visitType,
    overbookReason: input.overbookReason,
  };

  return withConflictAnswer(work, occupancyOf(booking), () =>
    work.transaction(async (tx) => {
      await lockForScheduling(tx, booking);
      const placement = await assertBookable(tx, booking);
      const appointment = tx.em.create(Appointment, {
        patient: tx.em.getReference(Patient, booking.patientId),
        doctor: tx.em.getReference(Doctor, doctor.id),
        visitType: visitType ? tx.em.getReference(VisitType, visitType.id) : null,
        startsAt: interval.start,
        endsAt: interval.end,
        reason: input.reason ?? null,
        createdBy: work.actor.kind === 'employee' ? tx.em.getReference(Employee, work.actor.id) : null,
      });
      appointment.place(interval, placement.occupancy.blocked, placement.occupancy.sessionKey);
      tx.describe(appointment, { action: 'appointment.book' });
      recordOverbooking(tx, appointment, placement, input.overbookReason);
      return appointment;
    }),
  );
}
