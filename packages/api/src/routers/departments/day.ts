import { departmentDay, departmentDayInput } from '@meditrack/contract';
import { departmentDay as readDay } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id}/day?date=YYYY-MM-DD: every doctor of the department and their appointments that day. */
export const day = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/departments/{id}/day', {
      description: "A department's day: its doctors and their appointments on one date, in the hospital's time zone.",
      summary: 'A department’s day: doctors and their appointments',
    }),
  )
  .input(departmentDayInput)
  .output(departmentDay)
  .query(({ ctx, input }) => readDay(ctx.work, input));
