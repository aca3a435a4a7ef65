import * as z from 'zod/mini';
import { APPOINTMENT_STATUSES } from '../enums.js';
import { listInput, page } from './pagination.js';
import { dateTime, dateTimeInput, id, optionalText, queryVersion, strict, text, version } from './primitives.js';

export const bookAppointmentInput = z
  .strictObject({
    patientId: id,
    doctorId: id,
    startsAt: dateTimeInput,
    /** Either an end time or a duration; neither: the visit type's length, else the doctor's default. */
    endsAt: z.optional(dateTimeInput),
    durationMinutes: z.optional(strict(z.int().check(z.gte(5), z.lte(480)))),
    reason: optionalText(2000),
    /** The visit type's rules apply (length, buffers, notice, horizon, capacity, daily quota); none: the doctor's default length. */
    visitTypeId: z.optional(id),
    /**
     * Books beyond the visit type's capacity or the doctor's daily quota (appointments:overbook):
     * why, for the audit trail. A full exclusive time is joined as a second patient of that time.
     */
    overbookReason: z.optional(text(500)),
  })
  .check(
    z.refine((v) => !(v.endsAt && v.durationMinutes), {
      message: 'give endsAt or durationMinutes, not both',
      path: ['durationMinutes'],
    }),
    z.refine((v) => !(v.visitTypeId && (v.endsAt || v.durationMinutes)), {
      message: 'a visit type sets the length: give no endsAt or durationMinutes with visitTypeId',
      path: ['visitTypeId'],
    }),
  );

/** PUT: the editable fields of an appointment (moving it is a reschedule, see the scheduling API). */
export const updateAppointmentInput = z.strictObject({
  id,
  version,
  reason: optionalText(2000),
  /** The front desk's own notes; clinical notes are the doctor's and are not edited here. */
  frontDeskNotes: optionalText(4000),
});

export const appointmentIdInput = z.strictObject({ id });
/** DELETE: a cancellation; the version as a query parameter or an If-Match header. */
export const cancelAppointmentInput = z.strictObject({ id, reason: text(500), version: z.optional(queryVersion) });

export const listAppointmentsInput = listInput(['startsAt', 'createdAt'], {
  doctorId: z.optional(id),
  patientId: z.optional(id),
  status: z.optional(z.enum(APPOINTMENT_STATUSES)),
  from: z.optional(dateTimeInput),
  to: z.optional(dateTimeInput),
});

/** An appointment as everyone with `appointments:read` sees it: no clinical fields. */
export const appointment = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    doctorId: z.uuid(),
    startsAt: dateTime,
    endsAt: dateTime,
    status: z.enum(APPOINTMENT_STATUSES),
    /** Its visit type; null: booked without one (the doctor's default length). */
    visitTypeId: z.nullable(z.uuid()),
    reason: z.nullable(z.string()),
    /** The front desk's notes (administrative: directions, insurance, companions). Not clinical. */
    frontDeskNotes: z.nullable(z.string()),
    cancellationReason: z.nullable(z.string()),
    checkedInAt: z.nullable(dateTime),
    completedAt: z.nullable(dateTime),
    cancelledAt: z.nullable(dateTime),
    createdById: z.nullable(z.uuid()),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'Appointment' });
/**
 * An appointment with its clinical fields, for roles that may see them (FIELD_PERMISSIONS): the
 * diagnosis and the doctor's clinical notes, written at completion and never overwritten.
 */
export const clinicalAppointment = z
  .object({
    ...appointment.shape,
    diagnosis: z.nullable(z.string()),
    /** The doctor's clinical notes. */
    notes: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'ClinicalAppointment' });

/** What every appointment read answers: the clinical shape for clinical roles, the other for everyone else. */
export const appointmentAnswer = z
  .union([clinicalAppointment, appointment])
  .register(z.globalRegistry, { id: 'AppointmentAnswer' });
export const appointmentPage = page(appointmentAnswer, 'AppointmentPage');

export type Appointment = z.output<typeof appointment>;
export type ClinicalAppointment = z.output<typeof clinicalAppointment>;
export type AppointmentAnswer = z.output<typeof appointmentAnswer>;
