import type { listAuditEventsInput } from '@meditrack/contract';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { AuditEvent } from '../entities/audit-event.js';
import { findPage } from '../records/page.js';
import { instantOf } from '../scheduling/time.js';
import type { Work } from '../work/work.js';

/**
 * The audit trail (read-only: nothing changes or deletes it). `entityId` also finds the reads that
 * returned the record among others (a search, a calendar: their `ids` / `patientIds`).
 */
export async function listAuditEvents(work: Work, input: z.output<typeof listAuditEventsInput>) {
  authorize(work.actor, 'audit:read');
  const where: FilterQuery<AuditEvent> = {};
  if (input.entityType) where.entityType = input.entityType;
  if (input.entityId) {
    where.$or = [
      { entityId: input.entityId },
      { changes: { ids: { $contains: [input.entityId] } } },
      { changes: { patientIds: { $contains: [input.entityId] } } },
    ] as FilterQuery<AuditEvent>[];
  }
  if (input.actorId) where.actor = input.actorId;
  if (input.action) where.action = input.action;
  if (input.requestId) where.requestId = input.requestId;
  if (input.from || input.to) {
    where.occurredAt = {
      ...(input.from ? { $gte: instantOf(work, input.from, 'from') } : {}),
      ...(input.to ? { $lt: instantOf(work, input.to, 'to') } : {}),
    };
  }
  const page = await findPage(work.em, AuditEvent, where, input, { sortFields: {} });
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
}
