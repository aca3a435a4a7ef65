import { createPatientInput, patientAnswer } from '@meditrack/contract';
import { patientOf, registerPatient, patientAnswer as shape } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/patients */
export const create = permissionProcedure('patients:write')
  .meta(
    rest('POST', '/patients', {
      description:
        'Registers a patient with a national ID (NIK, 16 digits, unique) and gives them a medical record number.',
      errors: ['DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
      summary: 'Register a patient',
      successStatus: 201,
    }),
  )
  .input(createPatientInput)
  .output(patientAnswer)
  .mutation(async ({ ctx, input }) => shape(ctx.work.actor, patientOf(await registerPatient(ctx.work, input))));
