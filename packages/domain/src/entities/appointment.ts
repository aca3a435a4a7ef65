import {
  ACTIVE_APPOINTMENT_STATUSES,
  APPOINTMENT_STATUSES,
  APPOINTMENT_TRANSITIONS,
  type AppointmentAction,
  type AppointmentStatus,
} from '@meditrack/contract';
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
    // over a range, with the buffers and sessions of their visit types: calendar.ts), which then
    // read the index alone, not a heap page per appointment: a week's appointments lie on as many
    // pages as there are appointments, in a table written in booking order.
    {
      name: 'appointments_doctor_starts_at_index',
      properties: ['doctor', 'startsAt'],
      include: ['endsAt', 'status', 'blockedFrom', 'blockedTo', 'sessionKey', 'visitType', 'id'],
    },
    { name: 'appointments_patient_starts_at_index', properties: ['patient', 'startsAt'] },
    { name: 'appointments_status_starts_at_index', properties: ['status', 'startsAt'] },
    // The list's sort orders without a doctor or patient filter (keyset pages).
    { name: 'appointments_starts_at_id_index', properties: ['startsAt', 'id'] },
    { name: 'appointments_created_at_id_index', properties: ['createdAt', 'id'] },
  ],
});

/** An appointment's lifecycle columns, the properties its moves write. */
export interface Lifecycle {
  status: AppointmentStatus;
  diagnosis: string | null;
  clinicalNotes: string | null;
  cancellationReason: string | null;
  checkedInAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

/** The lifecycle's properties in the entity's order: the order an audit event names changed fields in. */
export const LIFECYCLE_PROPERTIES = [
  'status',
  'diagnosis',
  'clinicalNotes',
  'cancellationReason',
  'checkedInAt',
  'completedAt',
  'cancelledAt',
] as const satisfies readonly (keyof Lifecycle)[];

/** What a move is given: the doctor's clinical text at completion, the reason of a cancellation. */
export interface MoveInput {
  diagnosis?: string | undefined;
  notes?: string | null | undefined;
  reason?: string | undefined;
}

/**
 * What each lifecycle move writes (the rest stays as it was). Completion writes the clinical text,
 * once: never overwritten afterwards (trigger). The entity's `move` applies these; a move made in
 * one statement (scheduling/move.ts) writes them.
 */
export function lifecycleChange(action: AppointmentAction, now: Date, input: MoveInput = {}): Partial<Lifecycle> {
  const status = APPOINTMENT_TRANSITIONS[action].to;
  switch (action) {
    case 'checkIn':
      return { status, checkedInAt: now };
    case 'complete':
      return { status, diagnosis: input.diagnosis ?? '', clinicalNotes: input.notes ?? null, completedAt: now };
    case 'cancel':
      return { status, cancellationReason: input.reason ?? '', cancelledAt: now };
    case 'noShow':
    case 'undoNoShow':
      return { status };
  }
}

export class Appointment extends AppointmentSchema.class {
  /** Takes `interval` of the doctor's time, with the buffers kept free around it, in `sessionKey`'s session (null: its own). */
  place(interval: { start: Date; end: Date }, blocked: { start: Date; end: Date }, sessionKey: string | null): void {
    this.startsAt = interval.start;
    this.endsAt = interval.end;
    this.blockedFrom = blocked.start;
    this.blockedTo = blocked.end;
    this.sessionKey = sessionKey;
  }

  /** A lifecycle move through the unit of work (the automatic no-show, an undone one): `lifecycleChange`'s columns. */
  move(action: AppointmentAction, now: Date, input?: MoveInput): void {
    Object.assign(this, lifecycleChange(action, now, input));
  }
}
AppointmentSchema.setClass(Appointment);
