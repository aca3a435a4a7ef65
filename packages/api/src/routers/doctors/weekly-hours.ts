import { addWeeklyHoursInput, removeWeeklyHoursInput, type Weekday, weeklyScheduleEntry } from '@meditrack/contract';
import { addDays, DomainError, localDateOf, WeeklySchedule } from '@meditrack/domain';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { authorizeScheduleWrite } from '../../scheduling/permissions.js';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { findDoctorOr404 } from './find.js';

const normaliseTime = (t: string) => (t.length === 5 ? `${t}:00` : t.slice(0, 8));

/** POST /api/doctors/{id}/schedule/weekly-hours: working hours on one weekday, from a date (until another). */
export const addWeeklyHours = authedProcedure
  .meta(
    rest('POST', '/doctors/{id}/schedule/weekly-hours', { summary: 'Add weekly working hours', successStatus: 201 }),
  )
  .input(addWeeklyHoursInput)
  .output(weeklyScheduleEntry)
  .mutation(async ({ ctx, input }) => {
    const doctor = await findDoctorOr404(ctx.em, input.id);
    authorizeScheduleWrite(ctx, doctor);
    const startTime = normaliseTime(input.startTime);
    const endTime = normaliseTime(input.endTime);
    if (endTime <= startTime)
      throw new DomainError('VALIDATION_FAILED', { message: 'endTime must be after startTime.', field: 'endTime' });
    if (input.validTo && input.validTo < input.validFrom) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'validTo must not be before validFrom.',
        field: 'validTo',
      });
    }
    const clash = await ctx.em.findOne(WeeklySchedule, {
      doctor,
      weekday: input.weekday as Weekday,
      startTime: { $lt: endTime },
      endTime: { $gt: startTime },
      ...(input.validTo ? { validFrom: { $lte: input.validTo } } : {}),
      $or: [{ validTo: null }, { validTo: { $gte: input.validFrom } }],
    });
    if (clash)
      throw new DomainError('SCHEDULE_CONFLICT', { field: 'startTime', details: { conflictingEntryId: clash.id } });
    const entry = ctx.em.create(WeeklySchedule, {
      doctor,
      weekday: input.weekday as Weekday,
      startTime,
      endTime,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    });
    audit(ctx, {
      action: 'schedule.add-hours',
      entityType: 'Doctor',
      entityId: doctor.id,
      changes: { entryId: entry.id },
    });
    await ctx.em.flush();
    return {
      id: entry.id,
      weekday: entry.weekday,
      startTime,
      endTime,
      validFrom: entry.validFrom,
      validTo: entry.validTo ?? null,
      version: entry.version,
    };
  });

/**
 * DELETE /api/doctors/{id}/schedule/weekly-hours/{entryId}: ends the entry yesterday (its past stays
 * on record); an entry that has not started yet is removed. Booked appointments are not touched.
 */
export const removeWeeklyHours = authedProcedure
  .meta(
    rest('DELETE', '/doctors/{id}/schedule/weekly-hours/{entryId}', {
      summary: 'End weekly working hours',
      successStatus: 204,
    }),
  )
  .input(removeWeeklyHoursInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const doctor = await findDoctorOr404(ctx.em, input.id);
    authorizeScheduleWrite(ctx, doctor);
    const entry = await ctx.em.findOne(WeeklySchedule, { id: input.entryId, doctor });
    if (!entry)
      throw new DomainError('NOT_FOUND', { message: 'No such weekly hours for this doctor.', field: 'entryId' });
    const yesterday = addDays(localDateOf(new Date(), ctx.services.config.env.HOSPITAL_TIMEZONE), -1);
    if (entry.validFrom <= yesterday)
      entry.validTo = entry.validTo && entry.validTo < yesterday ? entry.validTo : yesterday;
    else ctx.em.remove(entry);
    audit(ctx, {
      action: 'schedule.end-hours',
      entityType: 'Doctor',
      entityId: doctor.id,
      changes: { entryId: entry.id },
    });
    await ctx.em.flush();
  });
