import { departmentQueue as departmentQueueAnswer, departmentQueueInput } from '@meditrack/contract';
import { departmentQueue } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id}/queue?date=YYYY-MM-DD: the queue's tickets in calling order, for screens that poll. */
export const department = permissionProcedure('queue:read')
  .meta(
    rest('GET', '/departments/{id}/queue', {
      description:
        "A department's queue on one day (default: today in the hospital's time zone), in calling order: waiting tickets by priority (urgent, priority, regular) and then by number, then the others by number.",
      summary: 'A department’s queue of the day',
      tag: 'queue',
    }),
  )
  .input(departmentQueueInput)
  .output(departmentQueueAnswer)
  .query(({ ctx, input }) => departmentQueue(ctx.work, input));
