import { departmentPage, listDepartmentsInput } from '@meditrack/contract';
import { listDepartments } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments */
export const list = permissionProcedure('departments:read')
  .meta(
    rest('GET', '/departments', {
      description: 'Departments page by page, by a search of their name.',
      summary: 'List departments',
    }),
  )
  .input(listDepartmentsInput)
  .output(departmentPage)
  .query(({ ctx, input }) => listDepartments(ctx.work, input));
