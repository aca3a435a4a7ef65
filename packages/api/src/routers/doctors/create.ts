import { createDoctorInput, doctor } from '@meditrack/contract';
import { createDoctor } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/doctors: creates the doctor's staff account (role doctor) and profile together. */
export const create = permissionProcedure('doctors:write')
  .meta(
    rest('POST', '/doctors', {
      description: 'Creates a doctor: a staff account with the role doctor and a clinical profile, together.',
      errors: ['DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
      summary: 'Create a doctor (account and profile)',
      successStatus: 201,
    }),
  )
  .input(createDoctorInput)
  .output(doctor)
  .mutation(({ ctx, input }) => createDoctor(ctx.work, input));
