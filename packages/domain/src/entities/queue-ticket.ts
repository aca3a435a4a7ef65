import {
  ACTIVE_QUEUE_TICKET_STATUSES,
  QUEUE_PRIORITIES,
  QUEUE_STEP_NAMES,
  QUEUE_TICKET_STATUSES,
} from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { sqlTextList } from '../reads/sql.js';
import { Appointment } from './appointment.js';
import { idProperty, timestampProperties, versionProperty } from './common.js';
import { Department } from './department.js';
import { Employee } from './employee.js';
import { Patient } from './patient.js';

const ACTIVE = sqlTextList(ACTIVE_QUEUE_TICKET_STATUSES);

/** A patient's place in a department's queue on one hospital-local day. */
export const QueueTicketSchema = defineEntity({
  name: 'QueueTicket',
  tableName: 'queue_tickets',
  properties: {
    id: idProperty(),
    department: () => p.manyToOne(Department).deleteRule('restrict'),
    serviceDate: p.date(),
    // From the department's counter of the day (queue_counters), in the same transaction: unique and
    // without gaps, since a transaction that rolls back gives its number back.
    number: p.integer(),
    priority: p.enum(QUEUE_PRIORITIES).default('regular'),
    status: p.enum(QUEUE_TICKET_STATUSES).default('waiting'),
    patient: () => p.manyToOne(Patient).deleteRule('restrict'),
    appointment: () => p.manyToOne(Appointment).nullable().deleteRule('restrict'),
    // The desk or room of the last call.
    desk: p.string().length(50).nullable(),
    issuedAt: p.datetime(),
    statusChangedAt: p.datetime(),
    issuedBy: () => p.manyToOne(Employee).nullable().deleteRule('restrict'),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [{ name: 'queue_tickets_number_check', expression: 'number > 0' }],
  uniques: [
    { name: 'queue_tickets_department_day_number_unique', properties: ['department', 'serviceDate', 'number'] },
  ],
  indexes: [
    { name: 'queue_tickets_patient_index', properties: ['patient'] },
    // The database's word on the queue's rules, whatever path a ticket takes back into the queue
    // (an issue, a recall, an undo): one active ticket per patient, department and day, and per
    // appointment. Named after the field a violation reports (DUPLICATE_VALUE).
    {
      name: 'queue_tickets_patient_id_unique',
      expression: `create unique index "queue_tickets_patient_id_unique" on "queue_tickets" ("department_id", "service_date", "patient_id") where status in (${ACTIVE})`,
    },
    {
      name: 'queue_tickets_appointment_id_unique',
      expression: `create unique index "queue_tickets_appointment_id_unique" on "queue_tickets" ("appointment_id") where status in (${ACTIVE})`,
    },
  ],
});

export class QueueTicket extends QueueTicketSchema.class {}
QueueTicketSchema.setClass(QueueTicket);

/** The last ticket number given out per department and day: the row a ticket's issue locks. */
export const QueueCounterSchema = defineEntity({
  name: 'QueueCounter',
  tableName: 'queue_counters',
  properties: {
    department: () => p.manyToOne(Department).primary().deleteRule('cascade'),
    serviceDate: p.date().primary(),
    lastNumber: p.integer(),
    // The last event of the department's board that day (queue_board_events.seq).
    lastEvent: p.integer().default(0),
  },
});

export class QueueCounter extends QueueCounterSchema.class {}
QueueCounterSchema.setClass(QueueCounter);

/**
 * Two steps from the same version of a ticket (two desks at once): the second breaks this unique
 * constraint before its version check runs, and is answered VERSION_CONFLICT as well.
 */
export const QUEUE_TICKET_STEP_ORDER_CONSTRAINT = 'queue_ticket_steps_ticket_seq_unique';

/**
 * Every step a ticket took, with its time, desk and who took it: what a national queue system's
 * task-time report reads. An undone step stays, marked undone.
 */
export const QueueTicketStepSchema = defineEntity({
  name: 'QueueTicketStep',
  tableName: 'queue_ticket_steps',
  properties: {
    id: idProperty(),
    ticket: () => p.manyToOne(QueueTicket).deleteRule('restrict'),
    // The ticket's version the step started from: strictly increasing per ticket, its steps' order.
    seq: p.integer(),
    step: p.enum(QUEUE_STEP_NAMES),
    fromStatus: p.enum(QUEUE_TICKET_STATUSES),
    toStatus: p.enum(QUEUE_TICKET_STATUSES),
    // The ticket's desk after the step.
    desk: p.string().length(50).nullable(),
    at: p.datetime(),
    actor: () => p.manyToOne(Employee).deleteRule('restrict'),
    undoneAt: p.datetime().nullable(),
  },
  uniques: [{ name: QUEUE_TICKET_STEP_ORDER_CONSTRAINT, properties: ['ticket', 'seq'] }],
});

export class QueueTicketStep extends QueueTicketStepSchema.class {}
QueueTicketStepSchema.setClass(QueueTicketStep);

/**
 * What a waiting-room board shows, as a log per department and day: a ticket's number, status and
 * desk after each change, never who the patient is. `seq` comes from the day's counter row, locked
 * until the change commits, so events commit in their order and a reader that has seen `seq` n
 * misses nothing by reading those after it.
 */
export const QueueBoardEventSchema = defineEntity({
  name: 'QueueBoardEvent',
  tableName: 'queue_board_events',
  properties: {
    department: () => p.manyToOne(Department).primary().deleteRule('cascade'),
    serviceDate: p.date().primary(),
    seq: p.integer().primary(),
    ticket: () => p.manyToOne(QueueTicket).deleteRule('cascade'),
    number: p.integer(),
    priority: p.enum(QUEUE_PRIORITIES),
    status: p.enum(QUEUE_TICKET_STATUSES),
    desk: p.string().length(50).nullable(),
    at: p.datetime(),
  },
});

export class QueueBoardEvent extends QueueBoardEventSchema.class {}
QueueBoardEventSchema.setClass(QueueBoardEvent);
