import type { listPatientsInput, PatientAnswer } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, mayIncludeArchived, readsArchived } from '../access/authorize.js';
import { selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { nameKeyQuery } from '../records/like.js';
import { Filters, listPage, pageOf } from '../records/page.js';
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
  const filters = new Filters();
  const used: string[] = [];
  const where = (filter: string, condition: string, value: unknown) => {
    used.push(filter);
    filters.add(condition, value);
  };
  if (!mayIncludeArchived(work.actor, input.includeArchived)) filters.add('p.archived_at is null');
  const nameQuery = input.name ? nameKeyQuery(input.name) : undefined;
  if (nameQuery) where('name', 'p.search_keys @@ cast(? as tsquery)', nameQuery);
  if (input.nationalId) where('nationalId', 'p.national_id = ?', input.nationalId);
  if (input.mrn) where('mrn', 'p.mrn = ?', input.mrn.toUpperCase());
  if (input.dateOfBirth) where('dateOfBirth', 'p.date_of_birth = ?', input.dateOfBirth);
  if (input.departmentId) where('departmentId', 'p.department_id = ?', input.departmentId);
  const page = await listPage<PatientRow>(
    work.em,
    {
      columns: PATIENT_COLUMNS,
      from: 'from patients p',
      ...filters,
      fewMatches: nameQuery
        ? {
            from: 'from (select * from patients p where p.search_keys @@ cast(? as tsquery) offset 0) p',
            params: [nameQuery],
          }
        : undefined,
      sortColumns: SORT_COLUMNS,
      idColumn: 'p.id',
    },
    input,
  );
  await work.recordRead({
    action: used.length ? 'patient.search' : 'patient.list',
    entityType: 'Patient',
    entityId: null,
    changes: { ids: page.rows.map((r) => r.id), filters: used },
  });
  return pageOf(
    page,
    page.rows.map((r) => patientAnswer(work.actor, patientOfRow(r))),
  );
}
