import type { AppointmentAnswer, ClinicalAppointment } from '@meditrack/contract';
import type { Actor } from '../access/actor.js';
import { visibleTo } from '../access/visibility.js';
import type { Appointment } from '../entities/appointment.js';
import { instant, optionalInstant } from '../reads/instant.js';

/** An appointment as `actor` may see it (FIELD_PERMISSIONS): the one mapping of every route. */
export function appointmentAnswer(actor: Actor, a: ClinicalAppointment): AppointmentAnswer {
  return visibleTo(actor, 'appointment', a);
}

export function appointmentOf(a: Appointment): ClinicalAppointment {
  return {
    id: a.id,
    patientId: a.patient.id,
    doctorId: a.doctor.id,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    status: a.status,
    visitTypeId: a.visitType?.id ?? null,
    reason: a.reason ?? null,
    frontDeskNotes: a.frontDeskNotes ?? null,
    diagnosis: a.diagnosis ?? null,
    notes: a.clinicalNotes ?? null,
    cancellationReason: a.cancellationReason ?? null,
    checkedInAt: a.checkedInAt ?? null,
    completedAt: a.completedAt ?? null,
    cancelledAt: a.cancelledAt ?? null,
    createdById: a.createdBy?.id ?? null,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** An appointment read straight from SQL, columns named after the answer's fields. */
export const APPOINTMENT_COLUMNS = `a.id, a.patient_id as "patientId", a.doctor_id as "doctorId", a.starts_at as "startsAt",
  a.ends_at as "endsAt", a.status, a.visit_type_id as "visitTypeId", a.reason, a.front_desk_notes as "frontDeskNotes", a.diagnosis, a.clinical_notes as notes,
  a.cancellation_reason as "cancellationReason", a.checked_in_at as "checkedInAt", a.completed_at as "completedAt",
  a.cancelled_at as "cancelledAt", a.created_by_id as "createdById", a.version, a.created_at as "createdAt",
  a.updated_at as "updatedAt"`;

type Instants = 'startsAt' | 'endsAt' | 'checkedInAt' | 'completedAt' | 'cancelledAt' | 'createdAt' | 'updatedAt';
export type AppointmentRow = Omit<ClinicalAppointment, Instants> & {
  [K in Instants]: null extends ClinicalAppointment[K] ? string | null : string;
};

export function appointmentOfRow(r: AppointmentRow): ClinicalAppointment {
  return {
    ...r,
    startsAt: instant(r.startsAt),
    endsAt: instant(r.endsAt),
    checkedInAt: optionalInstant(r.checkedInAt),
    completedAt: optionalInstant(r.completedAt),
    cancelledAt: optionalInstant(r.cancelledAt),
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
  };
}
