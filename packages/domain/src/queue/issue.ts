import type { issueQueueTicketInput, QueueTicket as QueueTicketDto } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, requireEmployee } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { Department } from '../entities/department.js';
import { Employee } from '../entities/employee.js';
import { Patient } from '../entities/patient.js';
import { QueueTicket } from '../entities/queue-ticket.js';
import { DomainError } from '../errors/domain-error.js';
import { instant } from '../reads/instant.js';
import { selectRows } from '../reads/sql.js';
import { findOr404, liveReference, unknownReference } from '../records/find.js';
import { applyTransition } from '../scheduling/transitions.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { recordBoardEvent } from './board.js';
import { nextOnCounter } from './counter.js';
import { ACTIVE_TICKET_STATUSES_SQL, queueTicketOf } from './dto.js';

/**
 * An arrival by appointment: the appointment's doctor works in the department and the appointment
 * is today's; a scheduled one is checked in by the same transaction (the check-in's own rules).
 */
async function arrivingAppointment(work: Work, departmentId: string, appointmentId: string, serviceDate: string) {
  // Locked: two arrivals of one appointment at once run one after the other (the second finds the
  // first one's ticket).
  const [row] = await selectRows<{ patientId: string; status: string; startsAt: string; inDepartment: boolean }>(
    work.em,
    `select a.patient_id as "patientId", a.status, a.starts_at as "startsAt",
            exists (select 1 from doctor_departments dd where dd.doctor_id = a.doctor_id and dd.department_id = ?) as "inDepartment"
       from appointments a where a.id = ? for update of a`,
    [departmentId, appointmentId],
  );
  if (!row) throw unknownReference('Appointment', 'appointmentId');
  if (!row.inDepartment) {
    throw new DomainError('INVALID_STATE', {
      message: 'The appointment’s doctor does not work in this department.',
      field: 'appointmentId',
    });
  }
  if (localDateOf(instant(row.startsAt), work.timeZone) !== serviceDate) {
    throw new DomainError('INVALID_STATE', {
      message: 'Only today’s appointments take a queue ticket.',
      field: 'appointmentId',
      details: { reason: 'another-day' },
    });
  }
  if (row.status === 'scheduled') {
    await applyTransition(work, 'checkIn', { id: appointmentId });
  } else if (row.status !== 'checked_in') {
    throw new DomainError('INVALID_STATE', {
      message: `A ${row.status} appointment takes no queue ticket.`,
      field: 'appointmentId',
      details: { status: row.status, allowedFrom: ['scheduled', 'checked_in'] },
    });
  }
  return row.patientId;
}

/**
 * A queue ticket at a department for today (the hospital's time zone): a walk-in patient or an
 * arrival by appointment. A patient holds one ticket still in the queue per department and day.
 */
export async function issueQueueTicket(
  work: Work,
  input: z.output<typeof issueQueueTicketInput>,
): Promise<QueueTicketDto> {
  authorize(work.actor, 'queue:manage');
  const issuer = requireEmployee(work.actor);
  const serviceDate = localDateOf(work.now(), work.timeZone);
  return work.transaction(async (tx) => {
    const department = await findOr404(tx, Department, input.id);
    const patientId = input.appointmentId
      ? await arrivingAppointment(tx, department.id, input.appointmentId, serviceDate)
      : (await liveReference(tx, Patient, input.patientId ?? '', 'patientId')).id;
    const number = await nextOnCounter(tx, department.id, serviceDate, 'number');
    const [held] = await selectRows<{ number: number }>(
      tx.em,
      `select number from queue_tickets
        where department_id = ? and service_date = ? and patient_id = ? and status in (${ACTIVE_TICKET_STATUSES_SQL}) limit 1`,
      [department.id, serviceDate, patientId],
    );
    if (held) {
      throw new DomainError('DUPLICATE_VALUE', {
        message: `The patient already holds ticket ${held.number} in this department's queue today.`,
        field: input.appointmentId ? 'appointmentId' : 'patientId',
      });
    }
    const now = tx.now();
    const ticket = tx.em.create(QueueTicket, {
      department,
      serviceDate,
      number,
      priority: input.priority,
      patient: tx.em.getReference(Patient, patientId),
      appointment: input.appointmentId ? tx.em.getReference(Appointment, input.appointmentId) : null,
      issuedAt: now,
      statusChangedAt: now,
      issuedBy: tx.em.getReference(Employee, issuer.id),
    });
    tx.describe(ticket, {
      action: 'queue-ticket.issue',
      changes: { number, priority: input.priority, patientId, appointmentId: input.appointmentId ?? null },
    });
    await tx.commit();
    await recordBoardEvent(tx, ticket);
    return queueTicketOf(ticket);
  });
}
