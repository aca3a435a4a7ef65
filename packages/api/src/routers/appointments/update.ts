import { appointmentAnswer, updateAppointmentInput } from '@meditrack/contract';
import { updateAppointment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** PUT /api/appointments/{id}: the reason and the front desk's notes (clinical text is the doctor's, never here). */
export const update = permissionProcedure('appointments:write')
  .meta(
    rest('PUT', '/appointments/{id}', {
      description: "Replaces an appointment's reason and front-desk notes. Needs the current version.",
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE'],
      summary: 'Replace an appointment’s reason and front-desk notes',
    }),
  )
  .input(updateAppointmentInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await updateAppointment(ctx.work, input)));
