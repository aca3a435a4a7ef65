import { patientAnswer, updatePatientInput } from '@meditrack/contract';
import { patientAnswer as shape, updatePatient } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/patients/{id}: replaces every editable field; needs the current version. */
export const update = permissionProcedure('patients:write')
  .meta(
    rest('PUT', '/patients/{id}', {
      description:
        'Replaces every editable field of a patient. Needs the version the edit is based on (body `version` or `If-Match`); a stale version answers 409 VERSION_CONFLICT with the current one.',
      errors: ['VERSION_CONFLICT', 'DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
      summary: 'Replace a patient’s editable fields',
    }),
  )
  .input(updatePatientInput)
  .output(patientAnswer)
  .mutation(async ({ ctx, input }) => shape(ctx.work.actor, await updatePatient(ctx.work, input)));
