import type { DepartmentQueue, departmentQueueInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, readsArchived } from '../access/authorize.js';
import { selectBatch } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { CALLING_ORDER_SQL, QUEUE_TICKET_COLUMNS, type QueueTicketRow, queueTicketOfRow } from './dto.js';

/**
 * A department's queue on one day (default today, in the hospital's time zone), in calling order:
 * waiting tickets by priority, then by number; then the rest by number. Audited as a read of the
 * patients it names.
 */
export async function departmentQueue(
  work: Work,
  input: z.output<typeof departmentQueueInput>,
): Promise<DepartmentQueue> {
  authorize(work.actor, 'queue:read');
  const date = input.date ?? localDateOf(work.now(), work.timeZone);
  const live = readsArchived(work.actor) ? '' : 'and archived_at is null';
  const [department, rows] = await selectBatch<[unknown, QueueTicketRow]>(work.em, [
    [`select 1 from departments where id = ? ${live}`, [input.id]],
    [
      `select ${QUEUE_TICKET_COLUMNS} from queue_tickets t
        where t.department_id = ? and t.service_date = ?
        order by ${CALLING_ORDER_SQL}`,
      [input.id, date],
    ],
  ]);
  if (department.length === 0) throw notFound('Department', input.id);
  await work.recordRead({
    action: 'queue.read',
    entityType: 'Department',
    entityId: input.id,
    changes: { date, ids: rows.map((r) => r.id), patientIds: [...new Set(rows.map((r) => r.patientId))] },
  });
  return { departmentId: input.id, date, timeZone: work.timeZone, tickets: rows.map(queueTicketOfRow) };
}
