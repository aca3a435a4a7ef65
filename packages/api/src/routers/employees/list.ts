import { employeePage, listEmployeesInput } from '@meditrack/contract';
import { Employee } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { mayIncludeArchived } from '../../records/archived.js';
import { containsPattern } from '../../records/like.js';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from './dto.js';

/** GET /api/employees */
export const list = permissionProcedure('employees:read')
  .meta(rest('GET', '/employees', { summary: 'List employees' }))
  .input(listEmployeesInput)
  .output(employeePage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Employee> = {};
    if (!mayIncludeArchived(ctx, input.includeArchived)) where.archivedAt = null;
    if (input.role) where.role = input.role;
    if (input.departmentId) where.department = input.departmentId;
    if (input.q) where.searchName = { $like: containsPattern(input.q) };
    const page = await findPage(ctx.em, Employee, where, input, { sortFields: { name: 'searchName' } });
    return { ...page, items: page.items.map(toEmployeeDto) };
  });
