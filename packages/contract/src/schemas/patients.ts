import * as z from 'zod/mini';
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

export const nationalId = z.string().check(z.regex(NATIONAL_ID_PATTERN, 'national ID (NIK) must be exactly 16 digits'));

/** Editable fields of a patient. The vaccination status is written by the sync, not by hand. */
export const patientFields = {
  name: text(100),
  surname: optionalText(100),
  gender: z._default(z.enum(GENDERS), 'unknown'),
  dateOfBirth: dateOnly,
  nationalId,
  address: optionalText(500),
  phone: z.optional(z.nullable(phone)),
  email: z.optional(z.nullable(email)),
  departmentId: z.optional(z.nullable(id)),
};

export const createPatientInput = z.strictObject(patientFields);
export const updatePatientInput = z.strictObject({ id, version, ...patientFields });
export const patientIdInput = z.strictObject({ id });

export const listPatientsInput = listInput(['name', 'mrn', 'dateOfBirth', 'createdAt'], {
  /**
   * The start of any word of the name ("hernan" finds José María Hernández), or a run of words whose
   * last may be partial ("maria hern"); any case, accents optional ("jose" finds "José").
   */
  name: z.optional(inputString().check(z.trim(), z.minLength(1), z.maxLength(100))),
  nationalId: z.optional(inputString().check(z.trim(), z.maxLength(16))),
  mrn: z.optional(inputString().check(z.trim(), z.maxLength(20))),
  dateOfBirth: z.optional(dateOnly),
  departmentId: z.optional(id),
  includeArchived: z.optional(queryBoolean),
});

export const vaccination = z
  .object({
    vaccineType: z.nullable(z.string()),
    doseCount: z.int(),
    lastDoseDate: z.nullable(calendarDate),
    syncedAt: z.nullable(dateTime),
  })
  .register(z.globalRegistry, { id: 'Vaccination' });

/** A patient as everyone with `patients:read` sees them: no clinical fields. */
export const patient = z
  .object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    surname: z.nullable(z.string()),
    gender: z.enum(GENDERS),
    dateOfBirth: calendarDate,
    nationalId: z.string(),
    address: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    email: z.nullable(z.string()),
    departmentId: z.nullable(z.uuid()),
    archivedAt: z.nullable(dateTime),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'Patient' });
/** A patient with their clinical fields (vaccination status), for roles that may see them (FIELD_PERMISSIONS). */
export const clinicalPatient = z
  .object({ ...patient.shape, vaccination })
  .register(z.globalRegistry, { id: 'ClinicalPatient' });

/** What every patient read answers: the clinical shape for clinical roles, the other for everyone else. */
export const patientAnswer = z.union([clinicalPatient, patient]).register(z.globalRegistry, { id: 'PatientAnswer' });
export const patientPage = page(patientAnswer, 'PatientPage');

export type Patient = z.output<typeof patient>;
export type ClinicalPatient = z.output<typeof clinicalPatient>;
export type PatientAnswer = z.output<typeof patientAnswer>;
