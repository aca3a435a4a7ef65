import { departmentIdInput } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/departments/{id}: archives it (hidden from lists; doctors and patients keep their link). */
export const archive = permissionProcedure('departments:write')
  .meta(rest('DELETE', '/departments/{id}', { summary: 'Archive a department', successStatus: 204 }))
  .input(departmentIdInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Department, input.id);
    record.archivedAt = new Date();
    audit(ctx, { action: 'department.archive', entityType: 'Department', entityId: record.id });
    await ctx.em.flush();
  });
