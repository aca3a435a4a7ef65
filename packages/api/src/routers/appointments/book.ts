import { appointment, bookAppointmentInput } from '@meditrack/contract';
import { bookAppointment } from '../../scheduling/booking.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments */
export const book = permissionProcedure('appointments:write')
  .meta(rest('POST', '/appointments', { summary: 'Book an appointment', successStatus: 201 }))
  .input(bookAppointmentInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => {
    return toAppointmentDto(await bookAppointment(ctx, input));
  });
