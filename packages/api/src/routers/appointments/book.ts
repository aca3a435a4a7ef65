import { appointmentAnswer, bookAppointmentInput } from '@meditrack/contract';
import { bookAppointment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments */
export const book = permissionProcedure('appointments:write')
  .meta(rest('POST', '/appointments', { summary: 'Book an appointment', successStatus: 201 }))
  .input(bookAppointmentInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) => answerOf(ctx.work, await bookAppointment(ctx.work, input)));
