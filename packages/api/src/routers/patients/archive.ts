import { patientIdInput } from '@meditrack/contract';
import { archivePatient } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/patients/{id}: archives the patient; appointments and medical history are kept. */
export const archive = permissionProcedure('patients:archive')
  .meta(
    rest('DELETE', '/patients/{id}', {
      description: 'Archives a patient: nothing is deleted; archived patients leave lists and reads unless asked for.',
      summary: 'Archive a patient',
      successStatus: 204,
    }),
  )
  .input(patientIdInput)
  .output(z.void())
  .mutation(({ ctx, input }) => archivePatient(ctx.work, input.id));
