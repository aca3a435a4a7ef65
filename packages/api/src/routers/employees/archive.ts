import { employeeIdInput } from '@meditrack/contract';
import { DomainError, Employee } from '@meditrack/domain';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { revokeSessions } from '../../auth/sessions.js';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/employees/{id}: archives the account (it can no longer log in; its history is kept). */
export const archive = permissionProcedure('employees:write')
  .meta(rest('DELETE', '/employees/{id}', { summary: 'Archive an employee', successStatus: 204 }))
  .input(employeeIdInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    if (input.id === ctx.user.id) {
      throw new DomainError('INVALID_STATE', { message: 'You cannot archive your own account.', field: 'id' });
    }
    const record = await findOr404(ctx.em, Employee, input.id);
    record.archivedAt = new Date();
    await revokeSessions(ctx.em, { employee: record.id }, 'archived');
    audit(ctx, { action: 'employee.archive', entityType: 'Employee', entityId: record.id });
    await ctx.em.flush();
  });
