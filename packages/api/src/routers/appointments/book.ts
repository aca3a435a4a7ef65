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
        "Books an appointment: inside the doctor's working hours, not in their time off, not in the past, and not overlapping another active appointment of the doctor or the patient (409 APPOINTMENT_CONFLICT names the one in the way).",
      errors: [
        'UNKNOWN_REFERENCE',
        'APPOINTMENT_CONFLICT',
        'OUTSIDE_WORKING_HOURS',
        'DOCTOR_UNAVAILABLE',
        'IN_THE_PAST',
      ],
      summary: 'Book an appointment',
      successStatus: 201,
    }),
  )
  .input(bookAppointmentInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await bookAppointment(ctx.work, input)));
