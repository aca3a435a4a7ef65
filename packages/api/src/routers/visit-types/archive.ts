import { visitTypeIdInput } from '@meditrack/contract';
import { archiveVisitType } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/visit-types/{id}: no longer booked; its appointments keep it. */
export const archive = permissionProcedure('visit-types:write')
  .meta(
    rest('DELETE', '/visit-types/{id}', {
      description:
        'Archives a visit type: it is no longer booked; appointments of the type keep it. Nothing is deleted.',
      summary: 'Archive a visit type',
      successStatus: 204,
      tag: 'visit-types',
    }),
  )
  .input(visitTypeIdInput)
  .output(z.void())
  .mutation(({ ctx, input }) => archiveVisitType(ctx.work, input.id));
