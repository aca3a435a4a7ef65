import { employee, updateEmployeeInput } from '@meditrack/contract';
import { updateEmployee } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/employees/{id}: a new role or password ends the employee's sessions at once. */
export const update = permissionProcedure('employees:write')
  .meta(
    rest('PUT', '/employees/{id}', {
      description:
        "Replaces a staff record's editable fields (and, for an admin, its password). Needs the current version.",
      errors: ['VERSION_CONFLICT', 'DUPLICATE_VALUE', 'UNKNOWN_REFERENCE', 'INVALID_STATE'],
      summary: 'Replace an employee’s editable fields',
    }),
  )
  .input(updateEmployeeInput)
  .output(employee)
  .mutation(({ ctx, input }) => updateEmployee(ctx.work, input));
