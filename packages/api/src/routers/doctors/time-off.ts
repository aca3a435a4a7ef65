import { addTimeOffInput, removeTimeOffInput, timeOffEntry } from '@meditrack/contract';
import { addTimeOff as add, removeTimeOff as remove, timeOffOf } from '@meditrack/domain';
import { z } from 'zod';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/**
 * POST /api/doctors/{id}/schedule/time-off (admins, or the doctor themselves). Refused (409,
 * listing them) while active appointments fall inside it.
 */
export const addTimeOff = authedProcedure
  .meta(
    rest('POST', '/doctors/{id}/schedule/time-off', {
      description:
        "Adds time off to a doctor's schedule (the doctor themself or a scheduler). Refused with 409 while active appointments fall inside it.",
      errors: ['FORBIDDEN', 'APPOINTMENT_CONFLICT'],
      summary: 'Add time off',
      successStatus: 201,
    }),
  )
  .input(addTimeOffInput)
  .output(timeOffEntry)
  .mutation(async ({ ctx, input }) => timeOffOf(await add(ctx.work, input)));

/** DELETE /api/doctors/{id}/schedule/time-off/{timeOffId}: the doctor is bookable again then. */
export const removeTimeOff = authedProcedure
  .meta(
    rest('DELETE', '/doctors/{id}/schedule/time-off/{timeOffId}', {
      description: "Removes time off from a doctor's schedule.",
      errors: ['FORBIDDEN'],
      summary: 'Remove time off',
      successStatus: 204,
    }),
  )
  .input(removeTimeOffInput)
  .output(z.void())
  .mutation(({ ctx, input }) => remove(ctx.work, input));
