import type { ClinicalPatient, updatePatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { AUDIT_EVENT_COLUMNS, auditParams, auditRow } from '../audit/entry.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows } from '../reads/sql.js';
import { notFound, refuseDeadReference } from '../records/find.js';
import { expectVersion } from '../records/version.js';
import { personSearchName } from '../search-text.js';
import type { Work } from '../work/work.js';
import { PATIENT_COLUMNS, type PatientRow, patientOfRow } from './dto.js';
import { patientValues } from './fields.js';

/**
 * The update, its version check and its audit event in one statement (so one transaction, one
 * round trip): `stored` is the row as it was, with the fields the update changes under their
 * property names (as the audit subscriber names an entity's changes); `updated` writes only a live
 * row at the given version that changes something, to a live department; `audited` records it.
 * The answer: the written row, or the stored one with what kept it from being written. Exported for
 * the benchmark's baseline, which sends the same statement.
 */
export const UPDATE_PATIENT_SQL = `with given as (
  select ?::uuid as id, ?::int as version, ?::text as name, ?::text as surname, ?::text as search_name,
         ?::text as gender, ?::date as date_of_birth, ?::text as national_id, ?::text as address,
         ?::text as phone, ?::text as email, ?::uuid as department_id, ?::timestamptz as updated_at
),
stored as (
  select p.*, d.id is not null as department_found, d.archived_at as department_archived_at,
         array_remove(array[
           case when p.name is distinct from g.name then 'name' end,
           case when p.surname is distinct from g.surname then 'surname' end,
           case when p.gender is distinct from g.gender then 'gender' end,
           case when p.date_of_birth is distinct from g.date_of_birth then 'dateOfBirth' end,
           case when p.national_id is distinct from g.national_id then 'nationalId' end,
           case when p.address is distinct from g.address then 'address' end,
           case when p.phone is distinct from g.phone then 'phone' end,
           case when p.email is distinct from g.email then 'email' end,
           case when p.department_id is distinct from g.department_id then 'department' end
         ], null) as changed
    from given g
    join patients p on p.id = g.id
    left join departments d on d.id = g.department_id
),
updated as (
  update patients p
     set name = g.name, surname = g.surname, search_name = g.search_name, gender = g.gender,
         date_of_birth = g.date_of_birth, national_id = g.national_id, address = g.address,
         phone = g.phone, email = g.email, department_id = g.department_id,
         version = p.version + 1, updated_at = g.updated_at
    from given g, stored s
   where p.id = g.id and p.version = g.version and s.archived_at is null and cardinality(s.changed) > 0
     and (g.department_id is null or (s.department_found and s.department_archived_at is null))
  returning p.*
),
audited as (
  insert into audit_events (${AUDIT_EVENT_COLUMNS})
  select ?, ?, ?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb) || jsonb_build_object('fields', s.changed), ?
    from updated p, stored s
)
select true as written, null::text[] as changed, null::boolean as "departmentFound",
       null::timestamptz as "departmentArchivedAt", ${PATIENT_COLUMNS}
  from updated p
union all
select false, p.changed, p.department_found, p.department_archived_at, ${PATIENT_COLUMNS}
  from stored p
 where not exists (select 1 from updated)`;

interface Outcome extends PatientRow {
  written: boolean;
  changed: string[] | null;
  departmentFound: boolean | null;
  departmentArchivedAt: string | null;
}

/**
 * Replaces a live patient's editable fields; needs the current version. The audit event names the
 * changed fields; a PUT that changes nothing writes nothing. One statement rather than the unit of
 * work's read, change set and flush: a third of the round trips and of the API's CPU on the path a
 * front desk uses most after reads (docs/benchmarks.md).
 */
export async function updatePatient(work: Work, input: z.output<typeof updatePatientInput>): Promise<ClinicalPatient> {
  authorize(work.actor, 'patients:write');
  const { id, version, ...fields } = input;
  const v = patientValues(work, fields);
  const audit = auditRow(work, { action: 'patient.update', entityType: 'Patient', entityId: id });
  const [row] = await selectRows<Outcome>(work.em, UPDATE_PATIENT_SQL, [
    id,
    version,
    v.name,
    v.surname,
    personSearchName(v.name, v.surname),
    v.gender,
    v.dateOfBirth,
    v.nationalId,
    v.address,
    v.phone,
    v.email,
    v.departmentId,
    new Date(),
    ...auditParams(audit),
  ]);
  if (!row || row.archivedAt) throw notFound('Patient', id);
  if (!row.written) {
    expectVersion(row, version);
    if (v.departmentId) {
      refuseDeadReference(
        'Department',
        row.departmentFound ? { archivedAt: row.departmentArchivedAt } : null,
        'departmentId',
      );
    }
    // At the given version with changes, yet not written: another edit committed in between.
    if (row.changed?.length) throw new DomainError('VERSION_CONFLICT', { field: 'version' });
  }
  return patientOfRow(row);
}
