import { calendar, patientCalendarInput } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import { findOr404 } from '../../records/find.js';
import { appointmentsInRange } from '../../scheduling/appointments-in-range.js';
import { rangeOf } from '../../scheduling/range.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients/{id}/appointments?from=&to=: the patient's calendar. */
export const patientCalendar = permissionProcedure('appointments:read')
  .meta(rest('GET', '/patients/{id}/appointments', { summary: 'A patient’s appointments over a date range' }))
  .input(patientCalendarInput)
  .output(calendar)
  .query(async ({ ctx, input }) => {
    const patient = await findOr404(ctx.em, Patient, input.id, { includeArchived: true });
    const range = rangeOf(ctx, input.from, input.to);
    const items = await appointmentsInRange(ctx.em, { patientId: patient.id }, range);
    return {
      from: range.start,
      to: range.end,
      timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE,
      items,
    };
  });
