import { AuditEvent, Employee } from '@meditrack/domain';
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

/** Audit of a read of clinical data: written at once (there is no other write to ride along with). */
export async function auditRead(ctx: AuthedContext, entry: AuditEntry): Promise<void> {
  audit(ctx, entry);
  await ctx.em.flush();
}
