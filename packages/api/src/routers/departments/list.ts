import { departmentPage, listDepartmentsInput } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { mayIncludeArchived } from '../../records/archived.js';
import { containsPattern } from '../../records/like.js';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDepartmentDto } from './dto.js';

/** GET /api/departments */
export const list = permissionProcedure('departments:read')
  .meta(rest('GET', '/departments', { summary: 'List departments' }))
  .input(listDepartmentsInput)
  .output(departmentPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Department> = {};
    if (!mayIncludeArchived(ctx, input.includeArchived)) where.archivedAt = null;
    if (input.q) where.name = { $ilike: containsPattern(input.q) };
    const page = await findPage(ctx.em, Department, where, input, { sortFields: {} });
    return { ...page, items: page.items.map(toDepartmentDto) };
  });
