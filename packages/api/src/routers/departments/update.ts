import { department, updateDepartmentInput } from '@meditrack/contract';
import { updateDepartment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/departments/{id} */
export const update = permissionProcedure('departments:write')
  .meta(
    rest('PUT', '/departments/{id}', {
      description: "Replaces a department's name and description. Needs the current version.",
      errors: ['VERSION_CONFLICT', 'DUPLICATE_VALUE'],
      summary: 'Replace a department’s editable fields',
    }),
  )
  .input(updateDepartmentInput)
  .output(department)
  .mutation(({ ctx, input }) => updateDepartment(ctx.work, input));
