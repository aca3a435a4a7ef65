import type { MedicalHistoryEntry as MedicalHistoryDto, Patient as PatientDto } from '@meditrack/contract';
import type { MedicalHistoryEntry, Patient } from '@meditrack/domain';

export function toPatientDto(p: Patient): PatientDto {
  return {
    id: p.id,
    mrn: p.mrn,
    name: p.name,
    surname: p.surname ?? null,
    gender: p.gender,
    dateOfBirth: p.dateOfBirth,
    nationalId: p.nationalId,
    address: p.address ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    departmentId: p.department?.id ?? null,
    vaccination: {
      vaccineType: p.vaccineType ?? null,
      doseCount: p.vaccineDoseCount,
      lastDoseDate: p.lastVaccineDoseDate ?? null,
      syncedAt: p.vaccinationSyncedAt ?? null,
    },
    archivedAt: p.archivedAt ?? null,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function toMedicalHistoryDto(e: MedicalHistoryEntry): MedicalHistoryDto {
  return {
    id: e.id,
    patientId: e.patient.id,
    recordedOn: e.recordedOn,
    diagnosis: e.diagnosis,
    treatment: e.treatment ?? null,
    notes: e.notes ?? null,
    recordedById: e.recordedBy.id,
    amendsId: e.amends?.id ?? null,
    createdAt: e.createdAt,
  };
}
