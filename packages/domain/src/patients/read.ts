import type { listPatientsInput, PatientAnswer } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, mayIncludeArchived, readsArchived } from '../access/authorize.js';
import { orderBy, selectBatch, selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { nameKeyQuery } from '../records/like.js';
import type { Work } from '../work/work.js';
import { PATIENT_COLUMNS, type PatientRow, patientAnswer, patientOfRow } from './dto.js';

/** A patient's record, shaped for the reader and audited. Archived patients exist for `archived:read` only. */
export async function getPatient(work: Work, id: string): Promise<PatientAnswer> {
  authorize(work.actor, 'patients:read');
  const live = readsArchived(work.actor) ? '' : 'and p.archived_at is null';
  const [row] = await selectRows<PatientRow>(
    work.em,
    `select ${PATIENT_COLUMNS} from patients p where p.id = ? ${live} limit 1`,
    [id],
  );
  if (!row) throw notFound('Patient', id);
  await work.recordRead({ action: 'patient.read', entityType: 'Patient', entityId: row.id });
  return patientAnswer(work.actor, patientOfRow(row));
}

const SORT_COLUMNS = { name: 'p.search_name', mrn: 'p.mrn', dateOfBirth: 'p.date_of_birth', createdAt: 'p.created_at' };

/**
 * Lists and searches patients: by name (word prefixes, case- and accent-insensitive, see
 * nameKeyQuery), national ID, MRN, date of birth, department. One audit event per request names the
 * patients returned and the filters used (not their values).
 */
export async function listPatients(work: Work, input: z.output<typeof listPatientsInput>) {
  authorize(work.actor, 'patients:read');
  const conditions: string[] = [];
  const params: unknown[] = [];
  const filters: string[] = [];
  const where = (filter: string, condition: string, value: unknown) => {
    filters.push(filter);
    conditions.push(condition);
    params.push(value);
  };
  if (!mayIncludeArchived(work.actor, input.includeArchived)) conditions.push('p.archived_at is null');
  const nameQuery = input.name ? nameKeyQuery(input.name) : undefined;
  if (nameQuery) where('name', 'p.search_keys @@ cast(? as tsquery)', nameQuery);
  if (input.nationalId) where('nationalId', 'p.national_id = ?', input.nationalId);
  if (input.mrn) where('mrn', 'p.mrn = ?', input.mrn.toUpperCase());
  if (input.dateOfBirth) where('dateOfBirth', 'p.date_of_birth = ?', input.dateOfBirth);
  if (input.departmentId) where('departmentId', 'p.department_id = ?', input.departmentId);
  const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';
  // The page and its total in one round trip.
  const [rows, [counted]] = await selectBatch<[PatientRow, { total: string }]>(work.em, [
    [
      `select ${PATIENT_COLUMNS} from patients p ${filter} ${orderBy(SORT_COLUMNS, input.sort, input.order, 'p.id')}
       limit ? offset ?`,
      [...params, input.limit, input.offset],
    ],
    [`select count(*) as total from patients p ${filter}`, params],
  ]);
  await work.recordRead({
    action: filters.length ? 'patient.search' : 'patient.list',
    entityType: 'Patient',
    entityId: null,
    changes: { ids: rows.map((r) => r.id), filters },
  });
  return {
    items: rows.map((r) => patientAnswer(work.actor, patientOfRow(r))),
    total: Number(counted?.total ?? 0),
    limit: input.limit,
    offset: input.offset,
  };
}
