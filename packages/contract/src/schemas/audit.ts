import * as z from 'zod';
import { listInput, page } from './pagination.js';
import { dateTime, dateTimeInput, id, inputString } from './primitives.js';

export const listAuditEventsInput = listInput(['occurredAt'], {
  entityType: inputString().trim().max(64).optional(),
  entityId: inputString().trim().max(64).optional(),
  actorId: id.optional(),
  action: inputString().trim().max(64).optional(),
  requestId: inputString().trim().max(64).optional(),
  from: dateTimeInput.optional(),
  to: dateTimeInput.optional(),
});

export const auditEvent = z
  .object({
    id: z.uuid(),
    occurredAt: dateTime,
    actorId: z.uuid().nullable(),
    actorLabel: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export const auditEventPage = page(auditEvent, 'AuditEventPage');

export type AuditEvent = z.output<typeof auditEvent>;
