import { createEmployeeInput, employee } from '@meditrack/contract';
import { createEmployee } from '@meditrack/domain';
import { type Meta, permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** Creating a staff account, served at two paths (the seed documents name both). */
export const makeCreateEmployee = (meta: Meta, action: string) =>
  permissionProcedure('employees:write')
    .meta(meta)
    .input(createEmployeeInput)
    .output(employee)
    .mutation(({ ctx, input }) => createEmployee(ctx.work, input, action));

/** POST /api/employees */
export const create = makeCreateEmployee(
  rest('POST', '/employees', {
    description: 'Creates a staff account with a role. The password is stored hashed (argon2id).',
    errors: ['DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
    summary: 'Create an employee (a staff account)',
    successStatus: 201,
  }),
  'employee.create',
);
