import { GENDERS } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import {
  archivedAtProperty,
  idProperty,
  personNameProperties,
  timestampProperties,
  versionProperty,
} from './common.js';
import { Department } from './department.js';

export const PatientSchema = defineEntity({
  name: 'Patient',
  tableName: 'patients',
  properties: {
    id: idProperty(),
    // Medical record number, e.g. MRN-00000042: drawn from a sequence by the database, never reused.
    mrn: p
      .string()
      .length(20)
      .unique()
      .defaultRaw(`('MRN-'::text || lpad((nextval('patients_mrn_seq'::regclass))::text, 8, '0'::text))`)
      .ignoreSchemaChanges('default'),
    ...personNameProperties(),
    gender: p.enum(GENDERS).default('unknown'),
    dateOfBirth: p.date(),
    // NIK printed on the KTP card; the vaccination sync matches patients by it.
    nationalId: p.string().columnType('char(16)').unique(),
    address: p.text().nullable(),
    phone: p.string().length(32).nullable(),
    email: p.string().lowercase().trim().length(254).nullable().unique(),
    department: () => p.manyToOne(Department).nullable().deleteRule('restrict'),
    // Vaccination status, written by the BigQuery sync worker.
    vaccineType: p.string().length(100).nullable(),
    vaccineDoseCount: p.integer().default(0),
    lastVaccineDoseDate: p.date().nullable(),
    vaccinationSyncedAt: p.datetime().nullable(),
    // Name search keys (words and word runs, see the patient_search_keys migration), kept by the database.
    searchKeys: p
      .string()
      .columnType('tsvector')
      .generated('(patient_search_keys(search_name)) stored')
      .nullable()
      .lazy()
      .hidden(),
    archivedAt: archivedAtProperty(),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [
    { name: 'patients_national_id_check', expression: `national_id ~ '^[0-9]{16}$'` },
    { name: 'patients_vaccine_dose_count_check', expression: 'vaccine_dose_count >= 0' },
  ],
  indexes: [
    {
      name: 'patients_search_keys_index',
      expression:
        'create index "patients_search_keys_index" on "patients" using gin ("search_keys") with (fastupdate = off)',
    },
    // One per sort order the list offers (with the id, the tie-breaker), so a page by keyset cursor
    // reads its rows from the index (MRN is unique: its own index serves).
    { name: 'patients_search_name_id_index', properties: ['searchName', 'id'] },
    { name: 'patients_date_of_birth_id_index', properties: ['dateOfBirth', 'id'] },
    { name: 'patients_created_at_id_index', properties: ['createdAt', 'id'] },
    { name: 'patients_department_index', properties: ['department'] },
  ],
});

export class Patient extends PatientSchema.class {}
PatientSchema.setClass(Patient);
