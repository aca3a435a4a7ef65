import { APPOINTMENT_TRANSITIONS, appointmentAnswer, checkInInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure, versionOf } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/check-in: the front desk, when the patient arrives (on the appointment's day). */
export const checkIn = permissionProcedure(APPOINTMENT_TRANSITIONS.checkIn.permission)
  .meta(rest('POST', '/appointments/{id}/check-in', { summary: 'Check a patient in (scheduled -> checked_in)' }))
  .input(checkInInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) =>
    answerOf(ctx.work, await applyTransition(ctx.work, 'checkIn', { ...input, version: versionOf(ctx, input) })),
  );
