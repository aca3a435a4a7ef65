import type {
  createDepartmentInput,
  Department as DepartmentDto,
  listDepartmentsInput,
  updateDepartmentInput,
} from '@meditrack/contract';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { authorize, mayIncludeArchived } from '../access/authorize.js';
import { Department } from '../entities/department.js';
import { findOr404 } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { findPage } from '../records/page.js';
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
  return departmentOf(await findOr404(work, Department, id, { archived: 'readable' }));
}

export async function listDepartments(work: Work, input: z.output<typeof listDepartmentsInput>) {
  authorize(work.actor, 'departments:read');
  const where: FilterQuery<Department> = {};
  if (!mayIncludeArchived(work.actor, input.includeArchived)) where.archivedAt = null;
  if (input.q) where.name = { $ilike: containsPattern(input.q) };
  const page = await findPage(work.em, Department, where, input, { sortFields: {} });
  return { ...page, items: page.items.map(departmentOf) };
}
