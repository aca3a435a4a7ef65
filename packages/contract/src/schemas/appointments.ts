import * as z from 'zod';
import { APPOINTMENT_STATUSES } from '../enums.js';
import { listInput, page } from './pagination.js';
import { dateTime, dateTimeInput, id, optionalText, queryVersion, strict, text, version } from './primitives.js';

export const bookAppointmentInput = z
  .strictObject({
    patientId: id,
    doctorId: id,
    startsAt: dateTimeInput,
    /** Either an end time or a duration; neither: the doctor's default appointment length. */
    endsAt: dateTimeInput.optional(),
    durationMinutes: strict(z.number().int().min(5).max(480)).optional(),
    reason: optionalText(2000),
  })
  .refine((v) => !(v.endsAt && v.durationMinutes), {
    message: 'give endsAt or durationMinutes, not both',
    path: ['durationMinutes'],
  });

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
export const cancelAppointmentInput = z.strictObject({ id, reason: text(500), version: queryVersion.optional() });

export const listAppointmentsInput = listInput(['startsAt', 'createdAt'], {
  doctorId: id.optional(),
  patientId: id.optional(),
  status: z.enum(APPOINTMENT_STATUSES).optional(),
  from: dateTimeInput.optional(),
  to: dateTimeInput.optional(),
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
    reason: z.string().nullable(),
    /** The front desk's notes (administrative: directions, insurance, companions). Not clinical. */
    frontDeskNotes: z.string().nullable(),
    cancellationReason: z.string().nullable(),
    checkedInAt: dateTime.nullable(),
    completedAt: dateTime.nullable(),
    cancelledAt: dateTime.nullable(),
    createdById: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Appointment' });
/**
 * An appointment with its clinical fields, for roles that may see them (FIELD_PERMISSIONS): the
 * diagnosis and the doctor's clinical notes, written at completion and never overwritten.
 */
export const clinicalAppointment = appointment
  .extend({
    diagnosis: z.string().nullable(),
    /** The doctor's clinical notes. */
    notes: z.string().nullable(),
  })
  .meta({ id: 'ClinicalAppointment' });

/** What every appointment read answers: the clinical shape for clinical roles, the other for everyone else. */
export const appointmentAnswer = z.union([clinicalAppointment, appointment]).meta({ id: 'AppointmentAnswer' });
export const appointmentPage = page(appointmentAnswer, 'AppointmentPage');

export type Appointment = z.output<typeof appointment>;
export type ClinicalAppointment = z.output<typeof clinicalAppointment>;
export type AppointmentAnswer = z.output<typeof appointmentAnswer>;
