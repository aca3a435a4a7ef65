import { issueQueueTicketInput, queueTicket } from '@meditrack/contract';
import { issueQueueTicket } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/departments/{id}/queue: a ticket for a patient who has arrived, walk-in or by appointment. */
export const issue = permissionProcedure('queue:manage')
  .meta(
    rest('POST', '/departments/{id}/queue', {
      description:
        "Gives a patient who has arrived a ticket in the department's queue for today (the hospital's time zone): a walk-in names the patient, an arrival by appointment names the appointment, which is checked in by the same call when still scheduled. Numbers are unique and without gaps per department and day; a patient holds one ticket still in the queue per department and day.",
      errors: ['DUPLICATE_VALUE', 'INVALID_STATE', 'UNKNOWN_REFERENCE'],
      successStatus: 201,
      summary: 'Issue a queue ticket (walk-in or arrival by appointment)',
      tag: 'queue',
    }),
  )
  .input(issueQueueTicketInput)
  .output(queueTicket)
  .mutation(({ ctx, input }) => issueQueueTicket(ctx.work, input));
