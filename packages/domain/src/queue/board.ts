import type { QueueBoard } from '@meditrack/contract';
import type { QueueTicket } from '../entities/queue-ticket.js';
import { instant } from '../reads/instant.js';
import { runStatement, selectBatch, selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { nextOnCounter } from './counter.js';
import { ACTIVE_TICKET_STATUSES_SQL, CALLING_ORDER_SQL, ticketCode } from './dto.js';

/**
 * Adds `ticket`'s state to its department's board log, in the transaction that changed it, numbered
 * from the day's counter (`nextOnCounter`): board events commit in `seq` order.
 */
export async function recordBoardEvent(tx: Work, ticket: QueueTicket): Promise<void> {
  const departmentId = ticket.department.id;
  const seq = await nextOnCounter(tx, departmentId, ticket.serviceDate, 'event');
  await runStatement(
    tx.em,
    `insert into queue_board_events (department_id, service_date, seq, ticket_id, number, priority, status, desk, at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      departmentId,
      ticket.serviceDate,
      seq,
      ticket.id,
      ticket.number,
      ticket.priority,
      ticket.status,
      ticket.desk ?? null,
      tx.now(),
    ],
  );
}

/** A board event id: the day and the event's number (`2031-03-03/17`). */
export const boardEventId = (date: string, seq: number) => `${date}/${seq}`;

interface BoardRow {
  number: number;
  priority: QueueBoard['tickets'][number]['priority'];
  status: QueueBoard['tickets'][number]['status'];
  desk: string | null;
  at: string;
}
const boardItem = (r: BoardRow) => ({
  code: ticketCode(r.number),
  number: r.number,
  priority: r.priority,
  status: r.status,
  desk: r.desk,
  at: instant(r.at),
});

/**
 * A department's board today: the tickets still in the queue, in calling order, as a waiting room
 * may show them (number, desk; never who the patient is), and the id of the last event it reflects.
 */
export async function queueBoard(work: Work, departmentId: string): Promise<QueueBoard> {
  const date = localDateOf(work.now(), work.timeZone);
  const [department, counter, rows] = await selectBatch<[unknown, { lastEvent: number }, BoardRow]>(work.em, [
    ['select 1 from departments where id = ? and archived_at is null', [departmentId]],
    [
      'select last_event as "lastEvent" from queue_counters where department_id = ? and service_date = ?',
      [departmentId, date],
    ],
    [
      `select t.number, t.priority, t.status, t.desk, t.status_changed_at as at from queue_tickets t
        where t.department_id = ? and t.service_date = ? and t.status in (${ACTIVE_TICKET_STATUSES_SQL})
        order by ${CALLING_ORDER_SQL}`,
      [departmentId, date],
    ],
  ]);
  if (department.length === 0) throw notFound('Department', departmentId);
  return {
    departmentId,
    date,
    timeZone: work.timeZone,
    lastEventId: boardEventId(date, counter[0]?.lastEvent ?? 0),
    tickets: rows.map(boardItem),
  };
}

/**
 * The board events of a department's day after the one a client saw last (`lastEventId`, or none:
 * from the day's start), at most `limit`. An id of another day reads today's from the start.
 */
export async function boardEventsAfter(work: Work, departmentId: string, lastEventId: string | undefined, limit = 500) {
  const date = localDateOf(work.now(), work.timeZone);
  const [day, seen] = lastEventId?.split('/') ?? [];
  const after = day === date && /^\d{1,9}$/.test(seen ?? '') ? Number(seen) : 0;
  const rows = await selectRows<BoardRow & { seq: number }>(
    work.em,
    `select seq, number, priority, status, desk, at from queue_board_events
      where department_id = ? and service_date = ? and seq > ? order by seq limit ?`,
    [departmentId, date, after, limit],
  );
  return rows.map((r) => ({ id: boardEventId(date, r.seq), ...boardItem(r) }));
}
