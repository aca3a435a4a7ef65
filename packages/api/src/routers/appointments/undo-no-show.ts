import { APPOINTMENT_TRANSITIONS, appointmentAnswer, undoNoShowInput } from '@meditrack/contract';
import { applyTransition } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/undo-no-show: the patient came after all (the same day). */
export const undoNoShow = permissionProcedure(APPOINTMENT_TRANSITIONS.undoNoShow.permission)
  .meta(
    rest('POST', '/appointments/{id}/undo-no-show', {
      description:
        'Takes back a no-show (marked by hand or by the automatic no-show) on the day of the appointment: it is scheduled again and can be checked in, if its time is still free (and its group session’s place and its visit type’s daily quota still there). No body needed.',
      errors: [
        'VERSION_CONFLICT',
        'INVALID_STATE',
        'APPOINTMENT_CONFLICT',
        'SESSION_FULL',
        'QUOTA_REACHED',
        'UNKNOWN_REFERENCE',
      ],
      summary: 'Undo a no-show (no_show -> scheduled)',
    }),
  )
  .input(undoNoShowInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await applyTransition(ctx.work, 'undoNoShow', input)));
