import { listPatientsInput, patientPage } from '@meditrack/contract';
import { mayIncludeArchived } from '../../records/archived.js';
import { nameKeyQuery } from '../../records/like.js';
import { orderBy, selectBatch } from '../../records/sql.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { PATIENT_COLUMNS, type PatientRow, patientRowToDto } from './dto.js';

const SORT_COLUMNS = { name: 'p.search_name', mrn: 'p.mrn', dateOfBirth: 'p.date_of_birth', createdAt: 'p.created_at' };

/**
 * GET /api/patients: name search by word prefixes, case- and accent-insensitive (see nameKeyQuery).
 * The front desk's most frequent query, so it is plain SQL (docs/benchmarks.md).
 */
export const list = permissionProcedure('patients:read')
  .meta(rest('GET', '/patients', { summary: 'List and search patients' }))
  .input(listPatientsInput)
  .output(patientPage)
  .query(async ({ ctx, input }) => {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    if (!mayIncludeArchived(ctx, input.includeArchived)) conditions.push('p.archived_at is null');
    const nameQuery = input.name ? nameKeyQuery(input.name) : undefined;
    if (nameQuery) where('p.search_keys @@ cast(? as tsquery)', nameQuery);
    if (input.nationalId) where('p.national_id = ?', input.nationalId);
    if (input.mrn) where('p.mrn = ?', input.mrn.toUpperCase());
    if (input.dateOfBirth) where('p.date_of_birth = ?', input.dateOfBirth);
    if (input.departmentId) where('p.department_id = ?', input.departmentId);
    const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';
    // The page and its total in one round trip.
    const [rows, [counted]] = await selectBatch<[PatientRow, { total: string }]>(ctx.em, [
      [
        `select ${PATIENT_COLUMNS} from patients p ${filter} ${orderBy(SORT_COLUMNS, input.sort, input.order, 'p.id')}
         limit ? offset ?`,
        [...params, input.limit, input.offset],
      ],
      [`select count(*) as total from patients p ${filter}`, params],
    ]);
    return {
      items: rows.map(patientRowToDto),
      total: Number(counted?.total ?? 0),
      limit: input.limit,
      offset: input.offset,
    };
  });
