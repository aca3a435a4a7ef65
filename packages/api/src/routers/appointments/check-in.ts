import { APPOINTMENT_TRANSITIONS, appointmentAnswer, checkInInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/check-in: the front desk, when the patient arrives (on the appointment's day). */
export const checkIn = permissionProcedure(APPOINTMENT_TRANSITIONS.checkIn.permission)
  .meta(
    rest('POST', '/appointments/{id}/check-in', {
      description: 'Checks a patient in on the day of their appointment (scheduled -> checked_in). No body needed.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'UNKNOWN_REFERENCE'],
      summary: 'Check a patient in (scheduled -> checked_in)',
    }),
  )
  .input(checkInInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await applyTransition(ctx.work, 'checkIn', input)));
