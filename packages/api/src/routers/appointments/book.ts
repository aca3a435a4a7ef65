import { appointmentAnswer, bookAppointmentInput } from '@meditrack/contract';
import { bookAppointment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments */
export const book = permissionProcedure('appointments:write')
  .meta(
    rest('POST', '/appointments', {
      description:
        "Books an appointment: inside the doctor's working hours (those that offer its visit type), not in their time off, not in the past, and not overlapping another active appointment of the doctor or the patient (409 APPOINTMENT_CONFLICT names the one in the way). With a `visitTypeId`, the type's rules apply too: its length, the buffers kept free around it, minimum notice, booking horizon, capacity (a group session's places) and the doctor's daily quota of the type. `overbookReason` (appointments:overbook) books beyond capacity or quota, audited with the reason.",
      errors: [
        'FORBIDDEN',
        'UNKNOWN_REFERENCE',
        'APPOINTMENT_CONFLICT',
        'OUTSIDE_WORKING_HOURS',
        'DOCTOR_UNAVAILABLE',
        'IN_THE_PAST',
        'VISIT_TYPE_NOT_OFFERED',
        'TOO_SHORT_NOTICE',
        'BEYOND_HORIZON',
        'SESSION_FULL',
        'QUOTA_REACHED',
      ],
      summary: 'Book an appointment',
      successStatus: 201,
    }),
  )
  .input(bookAppointmentInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await bookAppointment(ctx.work, input)));
