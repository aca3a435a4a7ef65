import { doctor, doctorIdInput } from '@meditrack/contract';
import { getDoctor } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/doctors/{id} */
export const get = permissionProcedure('doctors:read')
  .meta(
    rest('GET', '/doctors/{id}', {
      description: 'One doctor: their staff record and clinical profile.',
      summary: 'Get a doctor',
    }),
  )
  .input(doctorIdInput)
  .output(doctor)
  .query(({ ctx, input }) => getDoctor(ctx.work, input.id));
