import { defineEntity, p } from '@mikro-orm/core';
import { appendOnlyTrigger, createdAtProperty, idProperty } from './common.js';
import { Employee } from './employee.js';

/**
 * Who did what to which record, from which request. Append-only, enforced by a trigger.
 * Partitioned by month of `occurred_at` (the audit_partitions migration; `ensureAuditPartitions`
 * keeps months ahead): PostgreSQL requires the partition key in the primary key, and a time range
 * reads only its months. The ORM leaves partitioning it is not told about alone.
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: idProperty(),
    occurredAt: createdAtProperty().primary(),
    // Null for system actors (the sync worker, the seed); `actorLabel` names them.
    actor: () => p.manyToOne(Employee).nullable().deleteRule('restrict'),
    actorLabel: p.string().length(100).nullable(),
    action: p.string().length(64),
    entityType: p.string().length(64),
    entityId: p.string().length(64).nullable(),
    changes: p.json<Record<string, unknown>>().nullable(),
    requestId: p.string().length(64).nullable(),
  },
  indexes: [
    { name: 'audit_events_entity_index', properties: ['entityType', 'entityId', 'occurredAt'] },
    { name: 'audit_events_occurred_at_id_index', properties: ['occurredAt', 'id'] },
    { name: 'audit_events_actor_index', properties: ['actor', 'occurredAt'] },
    { name: 'audit_events_action_index', properties: ['action', 'occurredAt'] },
    { name: 'audit_events_request_index', properties: ['requestId'] },
    // The records a read returned (`changes.ids` / `changes.patientIds`), for the entityId filter.
    {
      name: 'audit_events_changes_index',
      expression: 'create index "audit_events_changes_index" on "audit_events" using gin ("changes" jsonb_path_ops)',
    },
  ],
  triggers: [appendOnlyTrigger('audit_events', 'audit events are append-only')],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
