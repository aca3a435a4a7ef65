import { doctor, updateDoctorInput } from '@meditrack/contract';
import { updateDoctor } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/doctors/{id}: the clinical profile (the account is edited through /employees). */
export const update = permissionProcedure('doctors:write')
  .meta(
    rest('PUT', '/doctors/{id}', {
      description:
        "Replaces a doctor's profile (specialization, license, departments, default appointment length). Needs the current version.",
      errors: ['VERSION_CONFLICT', 'DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
      summary: 'Replace a doctor’s profile',
    }),
  )
  .input(updateDoctorInput)
  .output(doctor)
  .mutation(({ ctx, input }) => updateDoctor(ctx.work, input));
