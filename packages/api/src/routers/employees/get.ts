import { employee, employeeIdInput } from '@meditrack/contract';
import { Employee } from '@meditrack/domain';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from './dto.js';

/** GET /api/employees/{id} (archived ones too: only admins read employees) */
export const get = permissionProcedure('employees:read')
  .meta(rest('GET', '/employees/{id}', { summary: 'Get an employee' }))
  .input(employeeIdInput)
  .output(employee)
  .query(async ({ ctx, input }) =>
    toEmployeeDto(await findOr404(ctx.em, Employee, input.id, { includeArchived: true })),
  );
