import { doctorIdInput } from '@meditrack/contract';
import { archiveDoctor } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/doctors/{id}: archives the doctor's account (sessions end at once); appointments and schedules are kept. */
export const archive = permissionProcedure('doctors:write')
  .meta(
    rest('DELETE', '/doctors/{id}', {
      description: 'Archives a doctor and their staff account: nothing is deleted.',
      errors: ['INVALID_STATE'],
      summary: 'Archive a doctor',
      successStatus: 204,
    }),
  )
  .input(doctorIdInput)
  .output(z.void())
  .mutation(({ ctx, input }) => archiveDoctor(ctx.work, input.id));
