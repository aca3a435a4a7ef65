import { createEmployeeInput, employee } from '@meditrack/contract';
import { audit } from '../../audit/record.js';
import { type Meta, permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from './dto.js';
import { createEmployee } from './write.js';

/** Creating a staff account, served at two paths (the seed documents name both). */
export const makeCreateEmployee = (meta: Meta, action: string) =>
  permissionProcedure('employees:write')
    .meta(meta)
    .input(createEmployeeInput)
    .output(employee)
    .mutation(async ({ ctx, input }) => {
      const created = await createEmployee(ctx, input);
      audit(ctx, { action, entityType: 'Employee', entityId: created.id, changes: { role: input.role } });
      await ctx.em.flush();
      return toEmployeeDto(created);
    });

/** POST /api/employees */
export const create = makeCreateEmployee(
  rest('POST', '/employees', { summary: 'Create an employee (a staff account)', successStatus: 201 }),
  'employee.create',
);
