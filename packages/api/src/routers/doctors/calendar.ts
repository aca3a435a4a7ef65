import { calendar, doctorCalendarInput } from '@meditrack/contract';
import { selectBatch } from '../../records/sql.js';
import { appointmentsInRangeStatement } from '../../scheduling/appointments-in-range.js';
import { rangeOf } from '../../scheduling/range.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { type AppointmentRow, appointmentRowToDto } from '../appointments/dto.js';
import { assertDoctorFound, doctorExistsStatement } from './find.js';

/** GET /api/doctors/{id}/appointments?from=&to=: the doctor's calendar. */
export const doctorCalendar = permissionProcedure('appointments:read')
  .meta(rest('GET', '/doctors/{id}/appointments', { summary: 'A doctor’s appointments over a date range' }))
  .input(doctorCalendarInput)
  .output(calendar)
  .query(async ({ ctx, input }) => {
    const range = rangeOf(ctx, input.from, input.to);
    // The doctor's existence and the appointments in one round trip.
    const [doctor, rows] = await selectBatch<[unknown, AppointmentRow]>(ctx.em, [
      doctorExistsStatement(input.id),
      appointmentsInRangeStatement({ doctorIds: [input.id] }, range),
    ]);
    assertDoctorFound(doctor, input.id);
    return {
      from: range.start,
      to: range.end,
      timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE,
      items: rows.map(appointmentRowToDto),
    };
  });
