import type {
  createDepartmentInput,
  Department as DepartmentDto,
  listDepartmentsInput,
  updateDepartmentInput,
} from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, mayIncludeArchived } from '../access/authorize.js';
import { Department } from '../entities/department.js';
import { instant, optionalInstant, type WithTextInstants } from '../reads/instant.js';
import { findOr404, findRow } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { Filters, listPage, pageOf } from '../records/page.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';

export function departmentOf(d: Department): DepartmentDto {
  return {
    id: d.id,
    name: d.name,
    description: d.description ?? null,
    archivedAt: d.archivedAt ?? null,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export async function createDepartment(work: Work, input: z.output<typeof createDepartmentInput>) {
  authorize(work.actor, 'departments:write');
  const department = work.em.create(Department, { name: input.name, description: input.description ?? null });
  await work.commit();
  return departmentOf(department);
}

export async function updateDepartment(work: Work, input: z.output<typeof updateDepartmentInput>) {
  authorize(work.actor, 'departments:write');
  const department = await findOr404(work, Department, input.id);
  expectVersion(department, input.version);
  work.em.assign(department, { name: input.name, description: input.description ?? null });
  await work.commit();
  return departmentOf(department);
}

/** Archives a department: hidden from lists; doctors and patients keep their link. */
export async function archiveDepartment(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'departments:write');
  const department = await findOr404(work, Department, id);
  department.archivedAt = work.now();
  work.describe(department, { action: 'department.archive' });
  await work.commit();
}

export async function getDepartment(work: Work, id: string) {
  authorize(work.actor, 'departments:read');
  return departmentOfRow(await findRow<DepartmentRow>(work, DEPARTMENT_RECORD, 'Department', id));
}

const DEPARTMENT_COLUMNS = `d.id, d.name, d.description, d.archived_at as "archivedAt", d.version,
  d.created_at as "createdAt", d.updated_at as "updatedAt"`;
type DepartmentRow = WithTextInstants<DepartmentDto, 'archivedAt' | 'createdAt' | 'updatedAt'>;
const departmentOfRow = (r: DepartmentRow): DepartmentDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  version: r.version,
  archivedAt: optionalInstant(r.archivedAt),
  createdAt: instant(r.createdAt),
  updatedAt: instant(r.updatedAt),
});
const SORT_COLUMNS = { name: 'd.name', createdAt: 'd.created_at' };
const DEPARTMENT_RECORD = {
  columns: DEPARTMENT_COLUMNS,
  from: 'from departments d',
  idColumn: 'd.id',
  archivedColumn: 'd.archived_at',
};

export async function listDepartments(work: Work, input: z.output<typeof listDepartmentsInput>) {
  authorize(work.actor, 'departments:read');
  const filters = new Filters();
  if (!mayIncludeArchived(work.actor, input.includeArchived)) filters.add('d.archived_at is null');
  if (input.q) filters.add('d.name ilike ?', containsPattern(input.q));
  const page = await listPage<DepartmentRow>(
    work.em,
    {
      ...DEPARTMENT_RECORD,
      ...filters,
      sortColumns: SORT_COLUMNS,
    },
    input,
  );
  return pageOf(page, page.rows.map(departmentOfRow));
}
