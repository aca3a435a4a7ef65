import { appointment, appointmentIdInput } from '@meditrack/contract';
import { Appointment, DomainError } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** GET /api/appointments/{id} */
export const get = permissionProcedure('appointments:read')
  .meta(rest('GET', '/appointments/{id}', { summary: 'Get an appointment' }))
  .input(appointmentIdInput)
  .output(appointment)
  .query(async ({ ctx, input }) => {
    const found = await ctx.em.findOne(Appointment, input.id);
    if (!found) throw new DomainError('NOT_FOUND', { message: `Appointment ${input.id} does not exist.`, field: 'id' });
    return toAppointmentDto(found);
  });
