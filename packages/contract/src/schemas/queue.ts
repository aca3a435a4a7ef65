import * as z from 'zod/mini';
import { QUEUE_PRIORITIES, QUEUE_TICKET_STATUSES } from '../enums.js';
import { QUEUE_STEP_NAMES } from '../lifecycle.js';
import { calendarDate, dateTime, id, scheduleDate, text, version } from './primitives.js';

/**
 * A queue ticket for a patient who has arrived: a walk-in (`patientId`) or an arrival by appointment
 * (`appointmentId`, checked in by the same call when it is still scheduled). Today, in the
 * hospital's time zone, at the department in the path.
 */
export const issueQueueTicketInput = z
  .strictObject({
    id,
    patientId: z.optional(id),
    appointmentId: z.optional(id),
    priority: z._default(z.enum(QUEUE_PRIORITIES), 'regular'),
  })
  .check(
    z.refine((v) => (v.patientId === undefined) !== (v.appointmentId === undefined), {
      message: 'give patientId (a walk-in) or appointmentId (an arrival by appointment), not both',
      path: ['patientId'],
    }),
  );

/**
 * A step of a ticket (QUEUE_STEPS): `call` names the desk or room the patient goes to. An optional
 * `version` guards against acting from a stale screen; calling a ticket that is called already
 * (moving it to another desk) needs it.
 */
export const queueStepInput = z
  .strictObject({ id, step: z.enum(QUEUE_STEP_NAMES), desk: z.optional(text(50)), version: z.optional(version) })
  .check(
    z.refine((v) => (v.step === 'call') === (v.desk !== undefined), {
      message: 'a call names the desk or room (desk); the other steps take none',
      path: ['desk'],
    }),
  );

/** Takes back a ticket's last step (within QUEUE_UNDO_SECONDS of it). */
export const undoQueueStepInput = z.strictObject({ id, version: z.optional(version) });

/** A department's queue on one day (default: today in the hospital's time zone). */
export const departmentQueueInput = z.strictObject({ id, date: z.optional(scheduleDate) });

export const queueTicket = z
  .object({
    id: z.uuid(),
    departmentId: z.uuid(),
    /** The hospital-local day the ticket belongs to; numbers start again at 1 every day. */
    serviceDate: calendarDate,
    /** Unique and without gaps per department and day, in the order tickets were issued. */
    number: z.int(),
    /** What a waiting room shows, e.g. `012`. */
    code: z.string(),
    priority: z.enum(QUEUE_PRIORITIES),
    status: z.enum(QUEUE_TICKET_STATUSES),
    patientId: z.uuid(),
    appointmentId: z.nullable(z.uuid()),
    /** Where the patient was called to (the last call), or null before a call. */
    desk: z.nullable(z.string()),
    issuedAt: dateTime,
    /** When the ticket took its current status (each step's time is kept for reporting). */
    statusChangedAt: dateTime,
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'QueueTicket' });

export const departmentQueue = z
  .object({
    departmentId: z.uuid(),
    date: calendarDate,
    timeZone: z.string(),
    /** In calling order: waiting tickets by priority (urgent, priority, regular), then by number; then the rest by number. */
    tickets: z.array(queueTicket),
  })
  .register(z.globalRegistry, { id: 'DepartmentQueue' });

/** A department's board for a waiting room (no login needed): what it may show, never who the patient is. */
export const queueBoardInput = z.strictObject({ id });

export const boardTicket = z
  .object({
    code: z.string(),
    number: z.int(),
    priority: z.enum(QUEUE_PRIORITIES),
    status: z.enum(QUEUE_TICKET_STATUSES),
    desk: z.nullable(z.string()),
    /** When the ticket took this status. */
    at: dateTime,
  })
  .register(z.globalRegistry, { id: 'BoardTicket' });

export const queueBoard = z
  .object({
    departmentId: z.uuid(),
    date: calendarDate,
    timeZone: z.string(),
    /** The last board event this answer reflects: give it as `Last-Event-ID` to the event stream. */
    lastEventId: z.string(),
    /** Tickets still in the queue, in calling order. */
    tickets: z.array(boardTicket),
  })
  .register(z.globalRegistry, { id: 'QueueBoard' });

export type QueueTicket = z.output<typeof queueTicket>;
export type QueueBoard = z.output<typeof queueBoard>;
export type DepartmentQueue = z.output<typeof departmentQueue>;
