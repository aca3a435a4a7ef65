import { calendar, doctorCalendarInput } from '@meditrack/contract';
import { doctorCalendar as readCalendar } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/doctors/{id}/appointments?from=&to=: the doctor's calendar. */
export const doctorCalendar = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/doctors/{id}/appointments', {
      description: "A doctor's appointments between two days or instants (at most 31 days).",
      summary: 'A doctor’s appointments over a date range',
    }),
  )
  .input(doctorCalendarInput)
  .output(calendar)
  .query(({ ctx, input }) => readCalendar(ctx.work, input));
