import { appointmentPage, listAppointmentsInput } from '@meditrack/contract';
import { Appointment } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { findPage } from '../../records/page.js';
import { instantOf } from '../../scheduling/instants.js';
import { earliestOverlappingStart } from '../../scheduling/overlap-window.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** GET /api/appointments: by doctor, patient, status and a time range (appointments overlapping [from, to)). */
export const list = permissionProcedure('appointments:read')
  .meta(rest('GET', '/appointments', { summary: 'List appointments' }))
  .input(listAppointmentsInput)
  .output(appointmentPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Appointment> = {};
    if (input.doctorId) where.doctor = input.doctorId;
    if (input.patientId) where.patient = input.patientId;
    if (input.status) where.status = input.status;
    const from = input.from ? instantOf(ctx, input.from, 'from') : undefined;
    const to = input.to ? instantOf(ctx, input.to, 'to') : undefined;
    if (from) where.endsAt = { $gt: from };
    if (from || to) {
      where.startsAt = {
        ...(to ? { $lt: to } : {}),
        ...(from ? { $gt: earliestOverlappingStart(from) } : {}),
      };
    }
    const page = await findPage(ctx.em, Appointment, where, input, { sortFields: {} });
    return { ...page, items: page.items.map(toAppointmentDto) };
  });
