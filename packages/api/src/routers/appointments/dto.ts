import type { Appointment as AppointmentDto } from '@meditrack/contract';
import type { Appointment } from '@meditrack/domain';
import { instant, optionalInstant } from '../../records/instant.js';

export function toAppointmentDto(a: Appointment): AppointmentDto {
  return {
    id: a.id,
    patientId: a.patient.id,
    doctorId: a.doctor.id,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    status: a.status,
    reason: a.reason ?? null,
    diagnosis: a.diagnosis ?? null,
    notes: a.notes ?? null,
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

/** An appointment read straight from SQL (calendars), columns named after the DTO's fields. */
export const APPOINTMENT_COLUMNS = `a.id, a.patient_id as "patientId", a.doctor_id as "doctorId", a.starts_at as "startsAt",
  a.ends_at as "endsAt", a.status, a.reason, a.diagnosis, a.notes, a.cancellation_reason as "cancellationReason",
  a.checked_in_at as "checkedInAt", a.completed_at as "completedAt", a.cancelled_at as "cancelledAt",
  a.created_by_id as "createdById", a.version, a.created_at as "createdAt", a.updated_at as "updatedAt"`;

type Instants = 'startsAt' | 'endsAt' | 'checkedInAt' | 'completedAt' | 'cancelledAt' | 'createdAt' | 'updatedAt';
export type AppointmentRow = Omit<AppointmentDto, Instants> & {
  [K in Instants]: null extends AppointmentDto[K] ? string | null : string;
};

export function appointmentRowToDto(r: AppointmentRow): AppointmentDto {
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
