import { queueTicket, undoQueueStepInput } from '@meditrack/contract';
import { undoQueueStep } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/queue-tickets/{id}/undo: takes back the ticket's last step, shortly after it. */
export const undo = permissionProcedure('queue:undo')
  .meta(
    rest('POST', '/queue-tickets/{id}/undo', {
      description:
        'Takes back a ticket’s last step within QUEUE_UNDO_SECONDS of it (default 300): the ticket returns to its status and desk before the step; the step stays on record, marked undone.',
      errors: ['VERSION_CONFLICT', 'INVALID_STATE', 'DUPLICATE_VALUE'],
      summary: 'Undo a queue ticket’s last step',
      tag: 'queue',
    }),
  )
  .input(undoQueueStepInput)
  .output(queueTicket)
  .mutation(({ ctx, input }) => undoQueueStep(ctx.work, input));
