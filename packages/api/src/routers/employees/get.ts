import { employee, employeeIdInput } from '@meditrack/contract';
import { getEmployee } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/employees/{id} */
export const get = permissionProcedure('employees:read')
  .meta(rest('GET', '/employees/{id}', { description: 'One staff record.', summary: 'Get an employee' }))
  .input(employeeIdInput)
  .output(employee)
  .query(({ ctx, input }) => getEmployee(ctx.work, input.id));
