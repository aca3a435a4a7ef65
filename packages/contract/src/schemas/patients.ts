import * as z from 'zod';
import { GENDERS } from '../enums.js';
import { NATIONAL_ID_PATTERN } from '../national-id.js';
import { listInput, page } from './pagination.js';
import {
  calendarDate,
  dateOnly,
  dateTime,
  email,
  id,
  inputString,
  optionalText,
  phone,
  queryBoolean,
  text,
  version,
} from './primitives.js';

export const nationalId = z.string().regex(NATIONAL_ID_PATTERN, 'national ID (NIK) must be exactly 16 digits');

/** Editable fields of a patient. The vaccination status is written by the sync, not by hand. */
export const patientFields = {
  name: text(100),
  surname: optionalText(100),
  gender: z.enum(GENDERS).default('unknown'),
  dateOfBirth: dateOnly,
  nationalId,
  address: optionalText(500),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  departmentId: id.nullable().optional(),
};

export const createPatientInput = z.strictObject(patientFields);
export const updatePatientInput = z.strictObject({ id, version, ...patientFields });
export const patientIdInput = z.strictObject({ id });

export const listPatientsInput = listInput(['name', 'mrn', 'dateOfBirth', 'createdAt'], {
  /**
   * The start of any word of the name ("hernan" finds José María Hernández), or a run of words whose
   * last may be partial ("maria hern"); any case, accents optional ("jose" finds "José").
   */
  name: inputString().trim().min(1).max(100).optional(),
  nationalId: inputString().trim().max(16).optional(),
  mrn: inputString().trim().max(20).optional(),
  dateOfBirth: dateOnly.optional(),
  departmentId: id.optional(),
  includeArchived: queryBoolean.optional(),
});

export const vaccination = z
  .object({
    vaccineType: z.string().nullable(),
    doseCount: z.number().int(),
    lastDoseDate: calendarDate.nullable(),
    syncedAt: dateTime.nullable(),
  })
  .meta({ id: 'Vaccination' });

/** A patient as everyone with `patients:read` sees them: no clinical fields. */
export const patient = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    surname: z.string().nullable(),
    gender: z.enum(GENDERS),
    dateOfBirth: calendarDate,
    nationalId: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    archivedAt: dateTime.nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Patient' });
/** A patient with their clinical fields (vaccination status), for roles that may see them (FIELD_PERMISSIONS). */
export const clinicalPatient = patient.extend({ vaccination }).meta({ id: 'ClinicalPatient' });

/** What every patient read answers: the clinical shape for clinical roles, the other for everyone else. */
export const patientAnswer = z.union([clinicalPatient, patient]).meta({ id: 'PatientAnswer' });
export const patientPage = page(patientAnswer, 'PatientPage');

export type Patient = z.output<typeof patient>;
export type ClinicalPatient = z.output<typeof clinicalPatient>;
export type PatientAnswer = z.output<typeof patientAnswer>;
