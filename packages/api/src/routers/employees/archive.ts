import { employeeIdInput } from '@meditrack/contract';
import { archiveEmployee } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/employees/{id}: archives the account (it can no longer log in, its sessions end; its history is kept). */
export const archive = permissionProcedure('employees:write')
  .meta(
    rest('DELETE', '/employees/{id}', {
      description: 'Archives a staff record: its sessions end; nothing is deleted.',
      errors: ['INVALID_STATE'],
      summary: 'Archive an employee',
      successStatus: 204,
    }),
  )
  .input(employeeIdInput)
  .output(z.void())
  .mutation(({ ctx, input }) => archiveEmployee(ctx.work, input.id));
