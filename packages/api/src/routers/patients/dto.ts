import type { MedicalHistoryEntry as MedicalHistoryDto, Patient as PatientDto } from '@meditrack/contract';
import type { MedicalHistoryEntry, Patient } from '@meditrack/domain';
import { instant, optionalInstant } from '../../records/instant.js';

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

/** A patient read straight from SQL (hot read paths), columns named after the DTO's fields. */
export const PATIENT_COLUMNS = `p.id, p.mrn, p.name, p.surname, p.gender, p.date_of_birth as "dateOfBirth",
  p.national_id as "nationalId", p.address, p.phone, p.email, p.department_id as "departmentId",
  p.vaccine_type as "vaccineType", p.vaccine_dose_count as "doseCount", p.last_vaccine_dose_date as "lastDoseDate",
  p.vaccination_synced_at as "syncedAt", p.archived_at as "archivedAt", p.version, p.created_at as "createdAt",
  p.updated_at as "updatedAt"`;

type Instants = 'syncedAt' | 'archivedAt' | 'createdAt' | 'updatedAt';
export type PatientRow = Omit<PatientDto, 'vaccination' | Instants> &
  Pick<PatientDto['vaccination'], 'vaccineType' | 'doseCount' | 'lastDoseDate'> & {
    syncedAt: string | null;
    archivedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };

export function patientRowToDto(r: PatientRow): PatientDto {
  return {
    id: r.id,
    mrn: r.mrn,
    name: r.name,
    surname: r.surname,
    gender: r.gender,
    dateOfBirth: r.dateOfBirth,
    nationalId: r.nationalId,
    address: r.address,
    phone: r.phone,
    email: r.email,
    departmentId: r.departmentId,
    vaccination: {
      vaccineType: r.vaccineType,
      doseCount: r.doseCount,
      lastDoseDate: r.lastDoseDate,
      syncedAt: optionalInstant(r.syncedAt),
    },
    archivedAt: optionalInstant(r.archivedAt),
    version: r.version,
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
  };
}
