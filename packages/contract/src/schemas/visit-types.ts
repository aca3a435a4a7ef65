import * as z from 'zod/mini';
import { MAX_BUFFER_MINUTES } from '../enums.js';
import { dateTime, id, strict, text, version } from './primitives.js';

const minutes = (max: number) => strict(z.int().check(z.gte(0), z.lte(max)));
const DAY_MINUTES = 24 * 60;

/**
 * A visit type's booking rules. Durations and buffers in minutes; cutoffs and notice in minutes
 * before the appointment's start; the horizon in days ahead of today (null: no limit).
 */
export const visitTypeFields = {
  name: text(120),
  durationMinutes: strict(z.int().check(z.gte(5), z.lte(480))),
  /** Kept free before and after each appointment of this type (preparation, cleaning). */
  bufferBeforeMinutes: z._default(minutes(MAX_BUFFER_MINUTES), 0),
  bufferAfterMinutes: z._default(minutes(MAX_BUFFER_MINUTES), 0),
  /** How long before its start an appointment can be booked at the latest. */
  minNoticeMinutes: z._default(minutes(30 * DAY_MINUTES), 0),
  /** How many days ahead it can be booked (null: no limit). */
  horizonDays: z._default(z.nullable(strict(z.int().check(z.gte(1), z.lte(730)))), null),
  /** Rescheduling and cancelling close this long before the start. */
  rescheduleCutoffMinutes: z._default(minutes(7 * DAY_MINUTES), 0),
  cancelCutoffMinutes: z._default(minutes(7 * DAY_MINUTES), 0),
  /** Patients per appointment time: 1 is an exclusive visit, more a group session. */
  capacity: z._default(strict(z.int().check(z.gte(1), z.lte(100))), 1),
  /** Appointments of this type per doctor per hospital-local day (null: no quota). */
  dailyQuotaPerDoctor: z._default(z.nullable(strict(z.int().check(z.gte(1), z.lte(500)))), null),
};

/** A visit type of the department in the path. */
export const createVisitTypeInput = z.strictObject({ id, ...visitTypeFields });
/** PUT: all the rules again (omitted ones take their defaults), with the version read. */
export const updateVisitTypeInput = z.strictObject({ id, version, ...visitTypeFields });
export const visitTypeIdInput = z.strictObject({ id });
/** The live visit types of a department. */
export const departmentVisitTypesInput = z.strictObject({ id });

export const visitType = z
  .object({
    id: z.uuid(),
    departmentId: z.uuid(),
    name: z.string(),
    durationMinutes: z.int(),
    bufferBeforeMinutes: z.int(),
    bufferAfterMinutes: z.int(),
    minNoticeMinutes: z.int(),
    horizonDays: z.nullable(z.int()),
    rescheduleCutoffMinutes: z.int(),
    cancelCutoffMinutes: z.int(),
    capacity: z.int(),
    dailyQuotaPerDoctor: z.nullable(z.int()),
    archivedAt: z.nullable(dateTime),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'VisitType' });

export const visitTypeList = z
  .object({ departmentId: z.uuid(), items: z.array(visitType) })
  .register(z.globalRegistry, { id: 'VisitTypeList' });

export type VisitType = z.output<typeof visitType>;
