import { employee, updateEmployeeInput } from '@meditrack/contract';
import { Employee } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { findOr404 } from '../../records/find.js';
import { expectVersion } from '../../records/version.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from './dto.js';
import { updateEmployee } from './write.js';

/** PUT /api/employees/{id} */
export const update = permissionProcedure('employees:write')
  .meta(rest('PUT', '/employees/{id}', { summary: 'Replace an employee’s editable fields' }))
  .input(updateEmployeeInput)
  .output(employee)
  .mutation(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Employee, input.id);
    expectVersion(record, input.version, ctx.ifMatchVersion);
    const changed = await updateEmployee(ctx, record, input);
    audit(ctx, {
      action: 'employee.update',
      entityType: 'Employee',
      entityId: record.id,
      changes: { fields: changed },
    });
    await ctx.em.flush();
    return toEmployeeDto(record);
  });
