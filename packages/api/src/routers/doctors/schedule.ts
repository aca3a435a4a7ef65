import { doctorIdInput, doctorSchedule } from '@meditrack/contract';
import { doctorSchedule as readSchedule } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/doctors/{id}/schedule: weekly working hours and time off. */
export const schedule = permissionProcedure('doctors:read')
  .meta(
    rest('GET', '/doctors/{id}/schedule', {
      description: "A doctor's weekly working hours and time off.",
      summary: 'A doctor’s weekly hours and time off',
    }),
  )
  .input(doctorIdInput)
  .output(doctorSchedule)
  .query(({ ctx, input }) => readSchedule(ctx.work, input.id));
