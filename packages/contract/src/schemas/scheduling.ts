import * as z from 'zod/mini';
import { SLOT_UNAVAILABLE_REASONS } from '../enums.js';
import { appointmentAnswer } from './appointments.js';
import {
  calendarDate,
  dateTime,
  dateTimeInput,
  dayOrInstant,
  id,
  inputString,
  optionalText,
  queryBoolean,
  scheduleDate,
  strict,
  text,
  timeOfDay,
  version,
} from './primitives.js';

/** Longest range availability and calendars answer for, in days. */
export const MAX_RANGE_DAYS = 31;

const range = { from: dayOrInstant, to: dayOrInstant };

export const addWeeklyHoursInput = z.strictObject({
  id,
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: strict(z.int().check(z.gte(1), z.lte(7))),
  startTime: timeOfDay,
  endTime: timeOfDay,
  validFrom: scheduleDate,
  validTo: z.optional(z.nullable(scheduleDate)),
  /** Only these visit types are booked in these hours (e.g. vaccinations on Tuesday afternoons); none: all. */
  visitTypeIds: z.optional(z.array(id).check(z.maxLength(50))),
});
export const removeWeeklyHoursInput = z.strictObject({ id, entryId: id });

export const addTimeOffInput = z.strictObject({
  id,
  startsAt: dateTimeInput,
  endsAt: dateTimeInput,
  reason: optionalText(500),
});
export const removeTimeOffInput = z.strictObject({ id, timeOffId: id });

/**
 * Slots of a visit type (its length, buffers, notice, horizon, capacity and quota; none: the
 * doctor's default length); `explain` also lists the times on the grid that are not offered, and why.
 */
const visitTypeQuery = { visitTypeId: z.optional(id), explain: z.optional(queryBoolean) };

export const availabilityInput = z.strictObject({ id, ...range, ...visitTypeQuery });

export const slot = z
  .object({
    startsAt: dateTime,
    endsAt: dateTime,
    /** Places left in a group session (visit types with a capacity over 1). */
    remaining: z.optional(z.int()),
  })
  .register(z.globalRegistry, { id: 'Slot' });

export const unavailableSlot = z
  .object({ startsAt: dateTime, endsAt: dateTime, reason: z.enum(SLOT_UNAVAILABLE_REASONS) })
  .register(z.globalRegistry, { id: 'UnavailableSlot' });

export const availability = z
  .object({
    doctorId: z.uuid(),
    timeZone: z.string(),
    visitTypeId: z.nullable(z.uuid()),
    slotMinutes: z.int(),
    slots: z.array(slot),
    /** With `explain=true`: the times of the grid inside working hours that are not offered, and why. */
    unavailable: z.optional(z.array(unavailableSlot)),
  })
  .register(z.globalRegistry, { id: 'Availability' });

export const searchAvailabilityInput = z
  .strictObject({
    departmentId: z.optional(id),
    specialization: z.optional(inputString().check(z.trim(), z.minLength(1), z.maxLength(120))),
    ...range,
    ...visitTypeQuery,
  })
  .check(
    z.refine((v) => v.departmentId !== undefined || v.specialization !== undefined, {
      message: 'give departmentId or specialization',
      path: ['departmentId'],
    }),
  );

export const availabilitySearchResult = z
  .object({
    timeZone: z.string(),
    doctors: z.array(z.object({ ...availability.shape, name: z.string(), specialization: z.string() })),
  })
  .register(z.globalRegistry, { id: 'AvailabilitySearchResult' });

const transition = { id, version: z.optional(version) };
export const checkInInput = z.strictObject(transition);
export const noShowInput = z.strictObject(transition);
export const undoNoShowInput = z.strictObject(transition);
/**
 * Completion by the appointment's doctor: the diagnosis and the clinical notes. Clinical text is
 * written once and never overwritten.
 */
export const completeInput = z.strictObject({ ...transition, diagnosis: text(2000), notes: optionalText(4000) });
export const cancelInput = z.strictObject({ ...transition, reason: text(500) });

export const rescheduleInput = z
  .strictObject({
    ...transition,
    startsAt: dateTimeInput,
    endsAt: z.optional(dateTimeInput),
    durationMinutes: z.optional(strict(z.int().check(z.gte(5), z.lte(480)))),
  })
  .check(
    z.refine((v) => !(v.endsAt && v.durationMinutes), {
      message: 'give endsAt or durationMinutes, not both',
      path: ['durationMinutes'],
    }),
  );

export const doctorCalendarInput = z.strictObject({ id, ...range });
export const patientCalendarInput = z.strictObject({ id, ...range });
export const calendar = z
  .object({
    from: dateTime,
    to: dateTime,
    timeZone: z.string(),
    items: z.array(appointmentAnswer),
  })
  .register(z.globalRegistry, { id: 'Calendar' });

export const departmentDayInput = z.strictObject({ id, date: scheduleDate });
export const departmentDay = z
  .object({
    departmentId: z.uuid(),
    date: calendarDate,
    timeZone: z.string(),
    doctors: z.array(z.object({ doctorId: z.uuid(), name: z.string(), appointments: z.array(appointmentAnswer) })),
  })
  .register(z.globalRegistry, { id: 'DepartmentDay' });

export type Availability = z.output<typeof availability>;
export type Slot = z.output<typeof slot>;
