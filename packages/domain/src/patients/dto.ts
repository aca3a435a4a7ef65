import type { ClinicalPatient, MedicalHistoryEntry as MedicalHistoryDto, PatientAnswer } from '@meditrack/contract';
import type { Actor } from '../access/actor.js';
import { visibleTo } from '../access/visibility.js';
import type { MedicalHistoryEntry } from '../entities/medical-history-entry.js';
import type { Patient } from '../entities/patient.js';
import { instant, optionalInstant } from '../reads/instant.js';

/** A patient as `actor` may see them (FIELD_PERMISSIONS): the one mapping of every route. */
export const patientAnswer = (actor: Actor, p: ClinicalPatient): PatientAnswer => visibleTo(actor, 'patient', p);

export function patientOf(p: Patient): ClinicalPatient {
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

export function medicalHistoryEntryOf(e: MedicalHistoryEntry): MedicalHistoryDto {
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

/** A patient read straight from SQL (hot read paths), columns named after the answer's fields. */
export const PATIENT_COLUMNS = `p.id, p.mrn, p.name, p.surname, p.gender, p.date_of_birth as "dateOfBirth",
  p.national_id as "nationalId", p.address, p.phone, p.email, p.department_id as "departmentId",
  p.vaccine_type as "vaccineType", p.vaccine_dose_count as "doseCount", p.last_vaccine_dose_date as "lastDoseDate",
  p.vaccination_synced_at as "syncedAt", p.archived_at as "archivedAt", p.version, p.created_at as "createdAt",
  p.updated_at as "updatedAt"`;

type Instants = 'archivedAt' | 'createdAt' | 'updatedAt';
export type PatientRow = Omit<ClinicalPatient, 'vaccination' | Instants> &
  Pick<ClinicalPatient['vaccination'], 'vaccineType' | 'doseCount' | 'lastDoseDate'> & {
    syncedAt: string | null;
    archivedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };

export function patientOfRow(r: PatientRow): ClinicalPatient {
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
