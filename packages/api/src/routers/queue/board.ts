import { queueBoard as queueBoardAnswer, queueBoardInput } from '@meditrack/contract';
import { queueBoard } from '@meditrack/domain';
import { publicProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id}/board: what a waiting-room screen shows, no login needed. */
export const board = publicProcedure
  .meta(
    rest('GET', '/departments/{id}/board', {
      description:
        "A department's board today, for a waiting-room screen (no login): the tickets still in the queue in calling order, with their number, status and desk, never who the patient is. `lastEventId` continues from here on the event stream (GET /departments/{id}/board/events, server-sent events).",
      summary: 'A department’s waiting-room board (public)',
      tag: 'queue',
    }),
  )
  .input(queueBoardInput)
  .output(queueBoardAnswer)
  .query(({ ctx, input }) => queueBoard(ctx.work, input.id));
