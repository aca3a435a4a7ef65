import type { bookAppointmentInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { Doctor } from '../entities/doctor.js';
import { Employee } from '../entities/employee.js';
import { Patient } from '../entities/patient.js';
import { DomainError } from '../errors/domain-error.js';
import { translateDatabaseError } from '../errors/translate-database-error.js';
import { selectRows } from '../reads/sql.js';
import { refuseDeadReference, unknownReference } from '../records/find.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
import type { Work } from '../work/work.js';
import { lockForScheduling } from './locks.js';
import { assertBookable, type Booking, refuseOverlap } from './rules.js';
import { intervalOf } from './time.js';

/**
 * When the exclusion constraints refuse anyway (a write that bypassed the locks), answer exactly
 * like the check would have: 409 naming the other appointment.
 */
export async function withConflictAnswer<T>(work: Work, booking: Booking, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // The constraint's refusal only: the rules' own 409 already names the appointment in the way.
    if (!(error instanceof DomainError) && translateDatabaseError(error)?.code === 'APPOINTMENT_CONFLICT') {
      await refuseOverlap(work.fork(), booking);
    }
    throw error;
  }
}

interface BookedDoctor {
  id: string;
  defaultAppointmentMinutes: number;
  archivedAt: string | null;
}

/** Books an appointment: the booking rules under the scheduling locks; the exclusion constraints have the last word. */
export async function bookAppointment(work: Work, input: z.output<typeof bookAppointmentInput>): Promise<Appointment> {
  authorize(work.actor, 'appointments:write');
  const [doctor] = await selectRows<BookedDoctor>(
    work.em,
    `select d.id, d.default_appointment_minutes as "defaultAppointmentMinutes", e.archived_at as "archivedAt"
       ${DOCTORS_WITH_ACCOUNTS} where d.id = ?`,
    [input.doctorId],
  );
  if (!doctor) throw unknownReference('doctor', 'doctorId');
  refuseDeadReference('doctor', doctor, 'doctorId');
  const interval = intervalOf(work, input, doctor.defaultAppointmentMinutes);
  // The patient (and again the doctor) must be live under the lock: locks.ts checks them there.
  const booking = { doctorId: doctor.id, patientId: input.patientId, interval };

  return withConflictAnswer(work, booking, () =>
    work.transaction(async (tx) => {
      await lockForScheduling(tx, booking);
      await assertBookable(tx, booking);
      const appointment = tx.em.create(Appointment, {
        patient: tx.em.getReference(Patient, booking.patientId),
        doctor: tx.em.getReference(Doctor, doctor.id),
        startsAt: interval.start,
        endsAt: interval.end,
        reason: input.reason ?? null,
        createdBy: work.actor.kind === 'employee' ? tx.em.getReference(Employee, work.actor.id) : null,
      });
      tx.describe(appointment, { action: 'appointment.book' });
      return appointment;
    }),
  );
}
