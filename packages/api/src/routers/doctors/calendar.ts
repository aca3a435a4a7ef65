import { calendar, doctorCalendarInput } from '@meditrack/contract';
import { appointmentsInRange } from '../../scheduling/appointments-in-range.js';
import { rangeOf } from '../../scheduling/range.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { assertDoctorExists } from './find.js';

/** GET /api/doctors/{id}/appointments?from=&to=: the doctor's calendar. */
export const doctorCalendar = permissionProcedure('appointments:read')
  .meta(rest('GET', '/doctors/{id}/appointments', { summary: 'A doctor’s appointments over a date range' }))
  .input(doctorCalendarInput)
  .output(calendar)
  .query(async ({ ctx, input }) => {
    await assertDoctorExists(ctx.em, input.id);
    const range = rangeOf(ctx, input.from, input.to);
    const items = await appointmentsInRange(ctx.em, { doctorIds: [input.id] }, range);
    return {
      from: range.start,
      to: range.end,
      timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE,
      items,
    };
  });
