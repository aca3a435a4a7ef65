import { employeePage, listEmployeesInput } from '@meditrack/contract';
import { listEmployees } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/employees */
export const list = permissionProcedure('employees:read')
  .meta(
    rest('GET', '/employees', {
      description: 'Staff records page by page, by role, department or a search of name and email.',
      summary: 'List employees',
    }),
  )
  .input(listEmployeesInput)
  .output(employeePage)
  .query(({ ctx, input }) => listEmployees(ctx.work, input));
