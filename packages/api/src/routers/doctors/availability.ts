import {
  availability,
  availabilityInput,
  availabilitySearchResult,
  searchAvailabilityInput,
} from '@meditrack/contract';
import { Doctor } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { containsPattern } from '../../records/like.js';
import { freeSlots, loadDoctorCalendar } from '../../scheduling/calendar.js';
import { rangeOf } from '../../scheduling/range.js';
import type { Context } from '../../trpc/context.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { DOCTOR_POPULATE } from './dto.js';
import { findDoctorOr404 } from './find.js';

async function slotsOf(ctx: Context, doctor: Doctor, from: string, to: string) {
  const timeZone = ctx.services.config.env.HOSPITAL_TIMEZONE;
  const range = rangeOf(ctx, from, to);
  const calendar = await loadDoctorCalendar(ctx.em, doctor.id, range, timeZone);
  const slots = freeSlots(calendar, range, doctor.defaultAppointmentMinutes, timeZone, new Date());
  return {
    doctorId: doctor.id,
    timeZone,
    slotMinutes: doctor.defaultAppointmentMinutes,
    slots: slots.map((s) => ({ startsAt: s.start, endsAt: s.end })),
  };
}

/** GET /api/doctors/{id}/availability?from=&to=: free slots (weekly hours - time off - active appointments). */
export const getAvailability = permissionProcedure('appointments:read')
  .meta(rest('GET', '/doctors/{id}/availability', { summary: 'A doctor’s free slots' }))
  .input(availabilityInput)
  .output(availability)
  .query(async ({ ctx, input }) => slotsOf(ctx, await findDoctorOr404(ctx.em, input.id), input.from, input.to));

/** GET /api/availability?departmentId=|specialization=&from=&to=: free slots of every matching doctor. */
export const searchAvailability = permissionProcedure('appointments:read')
  .meta(rest('GET', '/availability', { summary: 'Free slots across a department or specialization', tag: 'doctors' }))
  .input(searchAvailabilityInput)
  .output(availabilitySearchResult)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Doctor> = { employee: { archivedAt: null } };
    if (input.departmentId) where.departments = input.departmentId;
    if (input.specialization) where.specialization = { $ilike: containsPattern(input.specialization) };
    const doctors = await ctx.em.find(Doctor, where, {
      populate: DOCTOR_POPULATE,
      orderBy: { employee: { searchName: 'asc' } },
      limit: 50,
    });
    const results = [];
    // One doctor at a time: on the embedded database every query queues on one session anyway.
    for (const doctor of doctors) {
      const name = [doctor.employee.name, doctor.employee.surname].filter(Boolean).join(' ');
      results.push({
        ...(await slotsOf(ctx, doctor, input.from, input.to)),
        name,
        specialization: doctor.specialization,
      });
    }
    return { timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE, doctors: results };
  });
