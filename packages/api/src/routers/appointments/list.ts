import { appointmentPage, listAppointmentsInput } from '@meditrack/contract';
import { listAppointments } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/appointments: by doctor, patient, status and a time range (appointments overlapping [from, to)). */
export const list = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/appointments', {
      description:
        'Appointments page by page, by doctor, patient, status or time. Clinical fields only for roles allowed to see them.',
      summary: 'List appointments',
    }),
  )
  .input(listAppointmentsInput)
  .output(appointmentPage)
  .query(({ ctx, input }) => listAppointments(ctx.work, input));
