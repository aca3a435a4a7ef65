import { department, departmentIdInput } from '@meditrack/contract';
import { getDepartment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id} */
export const get = permissionProcedure('departments:read')
  .meta(rest('GET', '/departments/{id}', { description: 'One department.', summary: 'Get a department' }))
  .input(departmentIdInput)
  .output(department)
  .query(({ ctx, input }) => getDepartment(ctx.work, input.id));
