import { doctorIdInput, doctorSchedule } from '@meditrack/contract';
import { TimeOff, WeeklySchedule } from '@meditrack/domain';
import { readsArchived } from '../../records/archived.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { findDoctorOr404 } from './find.js';

/** GET /api/doctors/{id}/schedule: weekly working hours and time off. */
export const schedule = permissionProcedure('doctors:read')
  .meta(rest('GET', '/doctors/{id}/schedule', { summary: 'A doctor’s weekly hours and time off' }))
  .input(doctorIdInput)
  .output(doctorSchedule)
  .query(async ({ ctx, input }) => {
    const doctor = await findDoctorOr404(ctx.em, input.id, readsArchived(ctx));
    const [weekly, timeOff] = await Promise.all([
      ctx.em.find(WeeklySchedule, { doctor }, { orderBy: { weekday: 'asc', startTime: 'asc' } }),
      ctx.em.find(TimeOff, { doctor, endsAt: { $gt: new Date() } }, { orderBy: { startsAt: 'asc' } }),
    ]);
    return {
      doctorId: doctor.id,
      timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE,
      weekly: weekly.map((w) => ({
        id: w.id,
        weekday: w.weekday,
        startTime: w.startTime,
        endTime: w.endTime,
        validFrom: w.validFrom,
        validTo: w.validTo ?? null,
        version: w.version,
      })),
      timeOff: timeOff.map((t) => ({
        id: t.id,
        startsAt: t.startsAt,
        endsAt: t.endsAt,
        reason: t.reason ?? null,
        version: t.version,
      })),
    };
  });
