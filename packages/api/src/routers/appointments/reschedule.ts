import { appointmentAnswer, rescheduleInput } from '@meditrack/contract';
import { rescheduleAppointment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/reschedule: moves it atomically; the old slot is freed only if the new one is taken. */
export const reschedule = permissionProcedure('appointments:write')
  .meta(
    rest('POST', '/appointments/{id}/reschedule', {
      description:
        'Moves a scheduled appointment to another time, under the same rules as booking (its visit type’s, which also sets its length), until the visit type’s reschedule cutoff before its start.',
      errors: [
        'VERSION_CONFLICT',
        'INVALID_STATE',
        'APPOINTMENT_CONFLICT',
        'OUTSIDE_WORKING_HOURS',
        'DOCTOR_UNAVAILABLE',
        'IN_THE_PAST',
        'UNKNOWN_REFERENCE',
        'VISIT_TYPE_NOT_OFFERED',
        'TOO_SHORT_NOTICE',
        'BEYOND_HORIZON',
        'SESSION_FULL',
        'QUOTA_REACHED',
        'CUTOFF_PASSED',
      ],
      summary: 'Move an appointment to another time',
    }),
  )
  .input(rescheduleInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await rescheduleAppointment(ctx.work, input)));
