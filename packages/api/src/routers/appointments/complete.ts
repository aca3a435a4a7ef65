import { APPOINTMENT_TRANSITIONS, appointmentAnswer, completeInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/complete: the appointment's own doctor, with the diagnosis and clinical notes. */
export const complete = permissionProcedure(APPOINTMENT_TRANSITIONS.complete.permission)
  .meta(
    rest('POST', '/appointments/{id}/complete', {
      description:
        "Completes a checked-in appointment with the diagnosis and clinical notes (the appointment's doctor). Clinical text is written once.",
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE'],
      summary: 'Complete an appointment (checked_in -> completed)',
    }),
  )
  .input(completeInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await applyTransition(ctx.work, 'complete', input)));
