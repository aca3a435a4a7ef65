import { defineEntity, p } from '@mikro-orm/core';
import { appendOnlyTrigger, createdAtProperty, idProperty } from './common.js';
import { Employee } from './employee.js';

/** Who did what to which record, from which request. Append-only, enforced by a trigger. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: idProperty(),
    occurredAt: createdAtProperty(),
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
    { name: 'audit_events_occurred_at_index', properties: ['occurredAt'] },
    { name: 'audit_events_actor_index', properties: ['actor', 'occurredAt'] },
  ],
  triggers: [appendOnlyTrigger('audit_events', 'audit events are append-only')],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
