import { departmentIdInput } from '@meditrack/contract';
import { archiveDepartment } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/departments/{id}: archives it (hidden from lists; doctors and patients keep their link). */
export const archive = permissionProcedure('departments:write')
  .meta(
    rest('DELETE', '/departments/{id}', {
      description: 'Archives a department: nothing is deleted.',
      summary: 'Archive a department',
      successStatus: 204,
    }),
  )
  .input(departmentIdInput)
  .output(z.void())
  .mutation(({ ctx, input }) => archiveDepartment(ctx.work, input.id));
