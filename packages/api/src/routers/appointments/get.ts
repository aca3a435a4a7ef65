import { appointmentAnswer, appointmentIdInput } from '@meditrack/contract';
import { getAppointment } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/appointments/{id}: audited; clinical fields for clinical roles only. */
export const get = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/appointments/{id}', {
      description: 'One appointment; diagnosis and clinical notes only for roles allowed to see them.',
      summary: 'Get an appointment',
    }),
  )
  .input(appointmentIdInput)
  .output(appointmentAnswer)
  .query(({ ctx, input }) => getAppointment(ctx.work, input.id));
