import { AuditEvent, Employee, uuidv7 } from '@meditrack/domain';
import { runStatement } from '../records/sql.js';
import type { AuthedContext } from '../trpc/init.js';

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `patient.update`, `medical-history.read`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** What changed (field names and new values, never secrets), or read parameters. */
  changes?: Record<string, unknown>;
}

/**
 * Queues an audit event in the request's unit of work, so it is written in the same transaction
 * (flush) as the change it describes: both or neither.
 */
export function audit(ctx: AuthedContext, entry: AuditEntry): void {
  ctx.em.create(AuditEvent, {
    actor: ctx.em.getReference(Employee, ctx.user.id),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    requestId: ctx.requestId,
  });
}

/**
 * Audit of a read of clinical data: written at once, as one INSERT (there is no other write to ride
 * along with, so no unit of work and no transaction around a single statement).
 */
export async function auditRead(ctx: AuthedContext, entry: AuditEntry): Promise<void> {
  await runStatement(
    ctx.em,
    `insert into audit_events (id, actor_id, action, entity_type, entity_id, changes, request_id)
     values (?, ?, ?, ?, ?, ?, ?)`,
    [
      uuidv7(),
      ctx.user.id,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.changes ? JSON.stringify(entry.changes) : null,
      ctx.requestId,
    ],
  );
}
