import { ACTIVE_APPOINTMENT_STATUSES, APPOINTMENT_STATUSES } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties, versionProperty } from './common.js';
import { Doctor } from './doctor.js';
import { Employee } from './employee.js';
import { Patient } from './patient.js';

const activeStatuses = ACTIVE_APPOINTMENT_STATUSES.map((s) => `'${s}'`).join(', ');

/** Exclusion constraint names: the error translator maps them to APPOINTMENT_CONFLICT for the doctor or the patient. */
export const APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT = 'appointments_doctor_no_overlap';
export const APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT = 'appointments_patient_no_overlap';

export const AppointmentSchema = defineEntity({
  name: 'Appointment',
  tableName: 'appointments',
  properties: {
    id: idProperty(),
    patient: () => p.manyToOne(Patient).deleteRule('restrict'),
    doctor: () => p.manyToOne(Doctor).deleteRule('restrict'),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    status: p.enum(APPOINTMENT_STATUSES).default('scheduled'),
    reason: p.text().nullable(),
    diagnosis: p.text().nullable(),
    notes: p.text().nullable(),
    cancellationReason: p.text().nullable(),
    checkedInAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('restrict'),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [
    { name: 'appointments_time_range_check', expression: 'ends_at > starts_at' },
    { name: 'appointments_max_length_check', expression: `ends_at <= (starts_at + '24:00:00'::interval)` },
    {
      name: 'appointments_cancellation_reason_check',
      expression: `status <> 'cancelled' or cancellation_reason is not null`,
    },
    // The database is the final word on double-booking: two active appointments of one doctor, or of
    // one patient, can never overlap, whatever races happen above it. Needs btree_gist.
    {
      name: APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT,
      expression: `exclude using gist (doctor_id with =, tstzrange(starts_at, ends_at) with &&) where (status in (${activeStatuses}))`,
    },
    {
      name: APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT,
      expression: `exclude using gist (patient_id with =, tstzrange(starts_at, ends_at) with &&) where (status in (${activeStatuses}))`,
    },
  ],
  indexes: [
    { name: 'appointments_doctor_starts_at_index', properties: ['doctor', 'startsAt'] },
    { name: 'appointments_patient_starts_at_index', properties: ['patient', 'startsAt'] },
    { name: 'appointments_status_starts_at_index', properties: ['status', 'startsAt'] },
  ],
});

export class Appointment extends AppointmentSchema.class {}
AppointmentSchema.setClass(Appointment);
