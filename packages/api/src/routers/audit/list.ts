import { auditEventPage, listAuditEventsInput } from '@meditrack/contract';
import { AuditEvent } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { findPage } from '../../records/page.js';
import { instantOf } from '../../scheduling/instants.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/audit-events (admins). The trail is read-only: no route changes or deletes it. */
export const list = permissionProcedure('audit:read')
  .meta(rest('GET', '/audit-events', { summary: 'List audit events' }))
  .input(listAuditEventsInput)
  .output(auditEventPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<AuditEvent> = {};
    if (input.entityType) where.entityType = input.entityType;
    if (input.entityId) where.entityId = input.entityId;
    if (input.actorId) where.actor = input.actorId;
    if (input.action) where.action = input.action;
    if (input.requestId) where.requestId = input.requestId;
    if (input.from || input.to) {
      where.occurredAt = {
        ...(input.from ? { $gte: instantOf(ctx, input.from, 'from') } : {}),
        ...(input.to ? { $lt: instantOf(ctx, input.to, 'to') } : {}),
      };
    }
    const page = await findPage(ctx.em, AuditEvent, where, input, { sortFields: {} });
    return {
      ...page,
      items: page.items.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        actorId: e.actor?.id ?? null,
        actorLabel: e.actorLabel ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        changes: e.changes ?? null,
        requestId: e.requestId ?? null,
      })),
    };
  });
