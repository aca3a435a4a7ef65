import {
  ACTIVE_QUEUE_TICKET_STATUSES,
  QUEUE_PRIORITIES,
  type QueueTicket as QueueTicketDto,
} from '@meditrack/contract';
import type { QueueTicket } from '../entities/queue-ticket.js';
import { instant } from '../reads/instant.js';
import { sqlTextList } from '../reads/sql.js';

/** What a waiting room shows: the number with three digits at least (`7` -> `007`). */
export const ticketCode = (number: number) => String(number).padStart(3, '0');

export function queueTicketOf(t: QueueTicket): QueueTicketDto {
  return {
    id: t.id,
    departmentId: t.department.id,
    serviceDate: t.serviceDate,
    number: t.number,
    code: ticketCode(t.number),
    priority: t.priority,
    status: t.status,
    patientId: t.patient.id,
    appointmentId: t.appointment?.id ?? null,
    desk: t.desk ?? null,
    issuedAt: t.issuedAt,
    statusChangedAt: t.statusChangedAt,
    version: t.version,
  };
}

/** A ticket read straight from SQL, columns named after the answer's fields. */
export const QUEUE_TICKET_COLUMNS = `t.id, t.department_id as "departmentId", t.service_date as "serviceDate", t.number,
  t.priority, t.status, t.patient_id as "patientId", t.appointment_id as "appointmentId", t.desk,
  t.issued_at as "issuedAt", t.status_changed_at as "statusChangedAt", t.version`;

export type QueueTicketRow = Omit<QueueTicketDto, 'code' | 'issuedAt' | 'statusChangedAt'> & {
  issuedAt: string;
  statusChangedAt: string;
};

export const queueTicketOfRow = (r: QueueTicketRow): QueueTicketDto => ({
  ...r,
  code: ticketCode(r.number),
  issuedAt: instant(r.issuedAt),
  statusChangedAt: instant(r.statusChangedAt),
});

/** The statuses of tickets still in the queue, as an SQL list: `status in (${ACTIVE_TICKET_STATUSES_SQL})`. */
export const ACTIVE_TICKET_STATUSES_SQL = sqlTextList(ACTIVE_QUEUE_TICKET_STATUSES);

/** Calling order of `queue_tickets t`: waiting tickets by priority (QUEUE_PRIORITIES), then number; then the rest by number. */
export const CALLING_ORDER_SQL = `t.status <> 'waiting',
  case when t.status = 'waiting' then array_position(array[${sqlTextList(QUEUE_PRIORITIES)}], t.priority::text) end,
  t.number`;
