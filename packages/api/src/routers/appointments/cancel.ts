import { APPOINTMENT_TRANSITIONS, appointmentAnswer, cancelAppointmentInput, cancelInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/cancel: scheduled or checked-in -> cancelled (reason required); frees the slot. */
export const cancel = permissionProcedure(APPOINTMENT_TRANSITIONS.cancel.permission)
  .meta(
    rest('POST', '/appointments/{id}/cancel', {
      description:
        'Cancels a scheduled or checked-in appointment, with a reason, until its visit type’s cancel cutoff before its start.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE', 'CUTOFF_PASSED'],
      summary: 'Cancel an appointment (reason required)',
    }),
  )
  .input(cancelInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await applyTransition(ctx.work, 'cancel', input)));

/** DELETE /api/appointments/{id}?reason=...: the same cancellation, for the seed documents' DELETE. */
export const remove = permissionProcedure(APPOINTMENT_TRANSITIONS.cancel.permission)
  .meta(
    rest('DELETE', '/appointments/{id}', {
      description: 'Cancels an appointment, with a reason (as POST /appointments/{id}/cancel). Nothing is deleted.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE', 'CUTOFF_PASSED'],
      summary: 'Cancel an appointment (reason required)',
      successStatus: 204,
    }),
  )
  .input(cancelAppointmentInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    await applyTransition(ctx.work, 'cancel', input);
  });
