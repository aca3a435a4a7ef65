import { uuidv7 } from '../ids.js';
import type { Statement } from '../reads/sql.js';
import type { Work } from '../work/work.js';

/** An audit event as operations describe it; who and which request come from the unit of work. */
export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `patient.update`, `medical-history.read`, `auth.login-failed`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** What changed (field names, never secrets or clinical text), read parameters, or the records a read returned. */
  changes?: Record<string, unknown> | null;
}

/** How an entity change is recorded, when its default (`<entity>.<create|update|delete>`, changed field names) is not enough. */
export interface AuditNote {
  action: string;
  /** Recorded against another record (a doctor's time off against the doctor). */
  entityType?: string;
  entityId?: string;
  changes?: Record<string, unknown>;
}

/** The audit_events row of `entry` in this unit of work: the one place that says who did it. */
export function auditRow(work: Work, entry: AuditEntry) {
  const actor = work.actor;
  return {
    id: uuidv7(),
    occurredAt: work.now(),
    actor: actor.kind === 'employee' ? actor.id : null,
    actorLabel: actor.kind === 'system' ? actor.label : actor.kind === 'anonymous' ? 'anonymous' : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    requestId: work.requestId,
  };
}

/** The audit_events columns every writer fills, in this order. */
export const AUDIT_EVENT_COLUMNS =
  'id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, changes, request_id';

type AuditRow = ReturnType<typeof auditRow>;

/** An audit row's values in the order of AUDIT_EVENT_COLUMNS (its changes as JSON). */
export const auditParams = (row: AuditRow): unknown[] => [
  row.id,
  row.occurredAt,
  row.actor,
  row.actorLabel,
  row.action,
  row.entityType,
  row.entityId,
  row.changes ? JSON.stringify(row.changes) : null,
  row.requestId,
];
const AUDIT_ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per INSERT: 9 parameters a row stays far below PostgreSQL's 65,535 a statement. */
const AUDIT_ROWS_PER_STATEMENT = 1000;

/** Audit rows as INSERT statements (one for up to a thousand rows). */
export function insertAuditRowsStatements(rows: readonly AuditRow[]): Statement[] {
  const statements: Statement[] = [];
  for (let at = 0; at < rows.length; at += AUDIT_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(at, at + AUDIT_ROWS_PER_STATEMENT);
    statements.push([
      `insert into audit_events (${AUDIT_EVENT_COLUMNS}) values ${chunk.map(() => AUDIT_ROW_PLACEHOLDERS).join(', ')}`,
      chunk.flatMap(auditParams),
    ]);
  }
  return statements;
}

/** `auditRow` as one INSERT, for reads (no unit of work to flush). */
export function insertAuditStatement(work: Work, entry: AuditEntry): Statement {
  const [statement] = insertAuditRowsStatements([auditRow(work, entry)]);
  if (!statement) throw new Error('an audit row makes one statement');
  return statement;
}
