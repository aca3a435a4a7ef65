import { APPOINTMENT_TRANSITIONS, appointmentAnswer, noShowInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/no-show: the patient did not come (once the appointment has begun); frees the slot. */
export const noShow = permissionProcedure(APPOINTMENT_TRANSITIONS.noShow.permission)
  .meta(
    rest('POST', '/appointments/{id}/no-show', {
      description: 'Marks a scheduled appointment whose time has begun as a no-show. No body needed.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE'],
      summary: 'Mark a no-show',
    }),
  )
  .input(noShowInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await applyTransition(ctx.work, 'noShow', input)));
