import { addWeeklyHoursInput, removeWeeklyHoursInput, weeklyScheduleEntry } from '@meditrack/contract';
import { addWeeklyHours as add, removeWeeklyHours as remove, weeklyHoursOf } from '@meditrack/domain';
import { z } from 'zod';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/doctors/{id}/schedule/weekly-hours (admins, or the doctor themselves). */
export const addWeeklyHours = authedProcedure
  .meta(
    rest('POST', '/doctors/{id}/schedule/weekly-hours', {
      description:
        "Adds weekly working hours (a weekday, a start and an end time, from a date on). Hours that overlap the doctor's other hours are refused.",
      errors: ['FORBIDDEN', 'SCHEDULE_CONFLICT', 'UNKNOWN_REFERENCE'],
      summary: 'Add weekly working hours',
      successStatus: 201,
    }),
  )
  .input(addWeeklyHoursInput)
  .output(weeklyScheduleEntry)
  .mutation(async ({ ctx, input }) => weeklyHoursOf(await add(ctx.work, input)));

/** DELETE /api/doctors/{id}/schedule/weekly-hours/{entryId}: ends the entry yesterday (or removes a future one). */
export const removeWeeklyHours = authedProcedure
  .meta(
    rest('DELETE', '/doctors/{id}/schedule/weekly-hours/{entryId}', {
      description: "Removes weekly working hours from a doctor's schedule.",
      errors: ['FORBIDDEN'],
      summary: 'End weekly working hours',
      successStatus: 204,
    }),
  )
  .input(removeWeeklyHoursInput)
  .output(z.void())
  .mutation(({ ctx, input }) => remove(ctx.work, input));
