import { queueStepInput, queueTicket } from '@meditrack/contract';
import { takeQueueStep } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/queue-tickets/{id}/steps: call (to a desk), start, finish, skip or cancel a ticket. */
export const step = permissionProcedure('queue:call')
  .meta(
    rest('POST', '/queue-tickets/{id}/steps', {
      description:
        'Moves a ticket of today’s queue one step: `call` (to the `desk` or room named; again to recall a skipped ticket), `start` the consultation, `finish` it, `skip` a patient who did not come when called, or `cancel` (queue:manage). Each step’s time is kept.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE'],
      summary: 'Take a queue ticket’s next step',
      tag: 'queue',
    }),
  )
  .input(queueStepInput)
  .output(queueTicket)
  .mutation(({ ctx, input }) => takeQueueStep(ctx.work, input));
