import { createDepartmentInput, department } from '@meditrack/contract';
import { createDepartment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/departments */
export const create = permissionProcedure('departments:write')
  .meta(
    rest('POST', '/departments', {
      description: 'Creates a department.',
      errors: ['DUPLICATE_VALUE'],
      summary: 'Create a department',
      successStatus: 201,
    }),
  )
  .input(createDepartmentInput)
  .output(department)
  .mutation(({ ctx, input }) => createDepartment(ctx.work, input));
