import { ACTIVE_APPOINTMENT_STATUSES, APPOINTMENT_STATUSES } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { sqlTextList } from '../reads/sql.js';
import { idProperty, timestampProperties, versionProperty } from './common.js';
import { Doctor } from './doctor.js';
import { Employee } from './employee.js';
import { Patient } from './patient.js';
import { VisitType } from './visit-type.js';

const activeStatuses = sqlTextList(ACTIVE_APPOINTMENT_STATUSES);

/** Exclusion constraint names: the error translator maps them to APPOINTMENT_CONFLICT for the doctor or the patient. */
export const APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT = 'appointments_doctor_no_overlap';
export const APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT = 'appointments_patient_no_overlap';

/**
 * Refuses to change a diagnosis or clinical notes once written (append-only clinical text); named
 * `*_append_only`, so the error translator answers IMMUTABLE_RECORD.
 */
export const APPOINTMENT_CLINICAL_TEXT_TRIGGER = 'appointments_clinical_text_append_only';

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
    visitType: () => p.manyToOne(VisitType).nullable().deleteRule('restrict'),
    // The doctor's time it takes: the appointment with its visit type's buffers around it. Active
    // appointments' blocked times never overlap, except those of one session (below).
    blockedFrom: p.datetime().onCreate((a: { startsAt: Date }) => a.startsAt),
    blockedTo: p.datetime().onCreate((a: { endsAt: Date }) => a.endsAt),
    // Appointments that share a time (a group session's patients, an overbooked patient): the same
    // key. Null: an exclusive appointment, its own session.
    sessionKey: p.string().length(200).nullable(),
    reason: p.text().nullable(),
    // The front desk's notes: administrative, editable by appointments:write.
    frontDeskNotes: p.text().nullable(),
    // Clinical text, written by the appointment's doctor at completion and never overwritten (trigger).
    diagnosis: p.text().nullable(),
    clinicalNotes: p.text().nullable(),
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
      name: 'appointments_blocked_range_check',
      expression: `blocked_from <= starts_at and blocked_to >= ends_at and blocked_from >= (starts_at - '02:00:00'::interval) and blocked_to <= (ends_at + '02:00:00'::interval)`,
    },
    {
      name: 'appointments_cancellation_reason_check',
      expression: `status <> 'cancelled' or cancellation_reason is not null`,
    },
    // The database is the final word on double-booking: two active appointments of one doctor, or of
    // one patient, can never overlap, whatever races happen above it. Needs btree_gist.
    {
      name: APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT,
      expression: `exclude using gist (doctor_id with =, (coalesce(session_key, (id)::text)) with <>, tstzrange(blocked_from, blocked_to) with &&) where (status in (${activeStatuses}))`,
    },
    {
      name: APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT,
      expression: `exclude using gist (patient_id with =, tstzrange(starts_at, ends_at) with &&) where (status in (${activeStatuses}))`,
    },
  ],
  triggers: [
    {
      name: APPOINTMENT_CLINICAL_TEXT_TRIGGER,
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: `if (old.diagnosis is not null and new.diagnosis is distinct from old.diagnosis)
        or (old.clinical_notes is not null and new.clinical_notes is distinct from old.clinical_notes) then
        raise exception 'clinical text is append-only' using errcode = 'restrict_violation', constraint = '${APPOINTMENT_CLINICAL_TEXT_TRIGGER}';
      end if; return new;`,
    },
  ],
  indexes: [
    // Covering the free-slot reads (availability: a doctor's or a department's active appointments
    // over a range), which then read the index alone, not a heap page per appointment.
    {
      name: 'appointments_doctor_starts_at_index',
      properties: ['doctor', 'startsAt'],
      include: ['endsAt', 'status'],
    },
    { name: 'appointments_patient_starts_at_index', properties: ['patient', 'startsAt'] },
    { name: 'appointments_status_starts_at_index', properties: ['status', 'startsAt'] },
    // The list's sort orders without a doctor or patient filter (keyset pages).
    { name: 'appointments_starts_at_id_index', properties: ['startsAt', 'id'] },
    { name: 'appointments_created_at_id_index', properties: ['createdAt', 'id'] },
  ],
});

export class Appointment extends AppointmentSchema.class {
  /** Takes `interval` of the doctor's time, with the buffers kept free around it, in `sessionKey`'s session (null: its own). */
  place(interval: { start: Date; end: Date }, blocked: { start: Date; end: Date }, sessionKey: string | null): void {
    this.startsAt = interval.start;
    this.endsAt = interval.end;
    this.blockedFrom = blocked.start;
    this.blockedTo = blocked.end;
    this.sessionKey = sessionKey;
  }

  /** The patient has arrived. */
  checkIn(now: Date): void {
    this.status = 'checked_in';
    this.checkedInAt = now;
  }

  /** The doctor is done: the clinical text is written once, here, and never overwritten (trigger). */
  complete(now: Date, clinical: { diagnosis: string; clinicalNotes: string | null }): void {
    this.status = 'completed';
    this.completedAt = now;
    this.diagnosis = clinical.diagnosis;
    this.clinicalNotes = clinical.clinicalNotes;
  }

  cancel(now: Date, reason: string): void {
    this.status = 'cancelled';
    this.cancelledAt = now;
    this.cancellationReason = reason;
  }

  markNoShow(): void {
    this.status = 'no_show';
  }

  /** Back to scheduled (the patient came after all): its slot is held again, if still free. */
  undoNoShow(): void {
    this.status = 'scheduled';
  }
}
AppointmentSchema.setClass(Appointment);
