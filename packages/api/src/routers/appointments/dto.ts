import type { Appointment as AppointmentDto } from '@meditrack/contract';
import type { Appointment } from '@meditrack/domain';

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
