import type { AppointmentAction, ClinicalAppointment } from '@meditrack/contract';
import { AUDIT_EVENT_COLUMNS, auditParams, auditRow } from '../audit/entry.js';
import { LIFECYCLE_PROPERTIES, type Lifecycle } from '../entities/appointment.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentOfRow } from './dto.js';

/** The column of each lifecycle property. */
const COLUMNS: Record<keyof Lifecycle, string> = {
  status: 'status',
  diagnosis: 'diagnosis',
  clinicalNotes: 'clinical_notes',
  cancellationReason: 'cancellation_reason',
  checkedInAt: 'checked_in_at',
  completedAt: 'completed_at',
  cancelledAt: 'cancelled_at',
};

/**
 * A lifecycle move and its audit event in one statement (one transaction, one round trip): the
 * columns of `properties` (what the move writes, in this order) at the version the rules were
 * checked against, then the event, only if the row was written. Its values: the properties', the
 * update time, the id and the version, then the audit row's (`auditParams`). Exported for the
 * benchmark's baseline, which sends the same statement.
 */
export function moveAppointmentSql(properties: readonly (keyof Lifecycle)[]): string {
  return `with updated as (
  update appointments a
     set ${properties.map((name) => `${COLUMNS[name]} = ?`).join(', ')}, version = a.version + 1, updated_at = ?
   where a.id = ? and a.version = ?
  returning ${APPOINTMENT_COLUMNS}
),
audited as (
  insert into audit_events (${AUDIT_EVENT_COLUMNS})
  select ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ? from updated
)
select * from updated`;
}

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Writes `change` (only its columns) over `stored` (as the rules saw it: at its version) with its
 * audit event `appointment.<action>`, naming the fields that changed as the audit subscriber names
 * an entity's changes. An edit committed since the read is a 409.
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
  const written = LIFECYCLE_PROPERTIES.filter((name) => name in change);
  const audit = auditRow(work, {
    action: `appointment.${action}`,
    entityType: 'Appointment',
    entityId: stored.id,
    changes: { fields, status: after.status },
  });
  const [row] = await selectRows<AppointmentRow>(work.em, moveAppointmentSql(written), [
    ...written.map((name) => after[name]),
    new Date(),
    stored.id,
    stored.version,
    ...auditParams(audit),
  ]);
  if (!row) throw new DomainError('VERSION_CONFLICT', { field: 'version' });
  return appointmentOfRow(row);
}
