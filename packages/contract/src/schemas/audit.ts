import * as z from 'zod/mini';
import { listInput, page } from './pagination.js';
import { dateTime, dateTimeInput, id, inputString } from './primitives.js';

export const listAuditEventsInput = listInput(['occurredAt'], {
  entityType: z.optional(inputString().check(z.trim(), z.maxLength(64))),
  entityId: z.optional(inputString().check(z.trim(), z.maxLength(64))),
  actorId: z.optional(id),
  action: z.optional(inputString().check(z.trim(), z.maxLength(64))),
  requestId: z.optional(inputString().check(z.trim(), z.maxLength(64))),
  from: z.optional(dateTimeInput),
  to: z.optional(dateTimeInput),
});

export const auditEvent = z
  .object({
    id: z.uuid(),
    occurredAt: dateTime,
    actorId: z.nullable(z.uuid()),
    actorLabel: z.nullable(z.string()),
    action: z.string(),
    entityType: z.string(),
    entityId: z.nullable(z.string()),
    changes: z.nullable(z.record(z.string(), z.unknown())),
    requestId: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'AuditEvent' });
export const auditEventPage = page(auditEvent, 'AuditEventPage');

export type AuditEvent = z.output<typeof auditEvent>;
