import { APPOINTMENT_TRANSITIONS, appointmentAnswer, noShowInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure, versionOf } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/no-show: the patient did not come (once the appointment has begun); frees the slot. */
export const noShow = permissionProcedure(APPOINTMENT_TRANSITIONS.noShow.permission)
  .meta(rest('POST', '/appointments/{id}/no-show', { summary: 'Mark a no-show' }))
  .input(noShowInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) =>
    answerOf(ctx.work, await applyTransition(ctx.work, 'noShow', { ...input, version: versionOf(ctx, input) })),
  );
