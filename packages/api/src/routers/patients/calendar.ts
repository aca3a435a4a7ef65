import { calendar, patientCalendarInput } from '@meditrack/contract';
import { patientCalendar as readCalendar } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients/{id}/appointments?from=&to=: the patient's calendar. */
export const patientCalendar = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/patients/{id}/appointments', {
      description: "A patient's appointments between two days or instants (at most 31 days).",
      summary: 'A patient’s appointments over a date range',
    }),
  )
  .input(patientCalendarInput)
  .output(calendar)
  .query(({ ctx, input }) => readCalendar(ctx.work, input));
