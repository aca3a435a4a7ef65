import type { AppointmentAction, ClinicalAppointment } from '@meditrack/contract';
import { AUDIT_EVENT_COLUMNS, auditParams, auditRow } from '../audit/entry.js';
import { LIFECYCLE_PROPERTIES, type Lifecycle } from '../entities/appointment.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentOfRow } from './dto.js';

/**
 * A lifecycle move and its audit event in one statement (one transaction, one round trip): the
 * lifecycle columns at the version the rules were checked against, then the event, only if the row
 * was written. Exported for the benchmark's baseline, which sends the same statement.
 */
export const MOVE_APPOINTMENT_SQL = `with updated as (
  update appointments a
     set status = ?, diagnosis = ?, clinical_notes = ?, cancellation_reason = ?, checked_in_at = ?,
         completed_at = ?, cancelled_at = ?, version = a.version + 1, updated_at = ?
   where a.id = ? and a.version = ?
  returning ${APPOINTMENT_COLUMNS}
),
audited as (
  insert into audit_events (${AUDIT_EVENT_COLUMNS})
  select ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ? from updated
)
select * from updated`;

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Writes `change` over `stored` (as the rules saw it: at its version) with its audit event
 * `appointment.<action>`, naming the fields that changed as the audit subscriber names an entity's
 * changes. An edit committed since the read is a 409.
 */
export async function writeMove(
  work: Work,
  action: AppointmentAction,
  stored: ClinicalAppointment,
  change: Partial<Lifecycle>,
): Promise<ClinicalAppointment> {
  const before: Lifecycle = {
    status: stored.status,
    diagnosis: stored.diagnosis,
    clinicalNotes: stored.notes,
    cancellationReason: stored.cancellationReason,
    checkedInAt: stored.checkedInAt,
    completedAt: stored.completedAt,
    cancelledAt: stored.cancelledAt,
  };
  const after: Lifecycle = { ...before, ...change };
  const fields = LIFECYCLE_PROPERTIES.filter((name) => !sameValue(before[name], after[name]));
  const audit = auditRow(work, {
    action: `appointment.${action}`,
    entityType: 'Appointment',
    entityId: stored.id,
    changes: { fields, status: after.status },
  });
  const [row] = await selectRows<AppointmentRow>(work.em, MOVE_APPOINTMENT_SQL, [
    ...LIFECYCLE_PROPERTIES.map((name) => after[name]),
    new Date(),
    stored.id,
    stored.version,
    ...auditParams(audit),
  ]);
  if (!row) throw new DomainError('VERSION_CONFLICT', { field: 'version' });
  return appointmentOfRow(row);
}
