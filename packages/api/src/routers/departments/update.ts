import { department, updateDepartmentInput } from '@meditrack/contract';
import { updateDepartment } from '@meditrack/domain';
import { permissionProcedure, versionOf } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/departments/{id} */
export const update = permissionProcedure('departments:write')
  .meta(rest('PUT', '/departments/{id}', { summary: 'Replace a department’s editable fields' }))
  .input(updateDepartmentInput)
  .output(department)
  .mutation(({ ctx, input }) => updateDepartment(ctx.work, { ...input, version: versionOf(ctx, input) }));
