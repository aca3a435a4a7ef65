import { patientAnswer, updatePatientInput } from '@meditrack/contract';
import { patientOf, patientAnswer as shape, updatePatient } from '@meditrack/domain';
import { permissionProcedure, versionOf } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/patients/{id}: replaces every editable field; needs the current version. */
export const update = permissionProcedure('patients:write')
  .meta(rest('PUT', '/patients/{id}', { summary: 'Replace a patient’s editable fields' }))
  .input(updatePatientInput)
  .output(patientAnswer)
  .mutation(async ({ ctx, input }) => {
    const patient = await updatePatient(ctx.work, { ...input, version: versionOf(ctx, input) });
    return shape(ctx.work.actor, patientOf(patient));
  });
