import type { AuditEvent as AuditEventDto, listAuditEventsInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { instant, type WithTextInstants } from '../reads/instant.js';
import { Filters, listPage, pageOf } from '../records/page.js';
import { instantOf } from '../scheduling/time.js';
import type { Work } from '../work/work.js';

const AUDIT_COLUMNS = `a.id, a.occurred_at as "occurredAt", a.actor_id as "actorId", a.actor_label as "actorLabel",
  a.action, a.entity_type as "entityType", a.entity_id as "entityId", a.changes, a.request_id as "requestId"`;
type AuditRow = WithTextInstants<AuditEventDto, 'occurredAt'>;
const SORT_COLUMNS = { occurredAt: 'a.occurred_at' };

/**
 * The audit trail (read-only: nothing changes or deletes it). `entityId` also finds the reads that
 * returned the record among others (a search, a calendar: their `ids` / `patientIds`). Every filter
 * has an index (docs/data-model.md); the table is partitioned by month of `occurredAt`, so a time
 * range reads only its months.
 */
export async function listAuditEvents(work: Work, input: z.output<typeof listAuditEventsInput>) {
  authorize(work.actor, 'audit:read');
  const filters = new Filters();
  const where = filters.add.bind(filters);
  if (input.entityType) where('a.entity_type = ?', input.entityType);
  if (input.entityId) {
    where(
      '(a.entity_id = ? or a.changes @> ? or a.changes @> ?)',
      input.entityId,
      JSON.stringify({ ids: [input.entityId] }),
      JSON.stringify({ patientIds: [input.entityId] }),
    );
  }
  if (input.actorId) where('a.actor_id = ?', input.actorId);
  if (input.action) where('a.action = ?', input.action);
  if (input.requestId) where('a.request_id = ?', input.requestId);
  if (input.from) where('a.occurred_at >= ?', instantOf(work, input.from, 'from'));
  if (input.to) where('a.occurred_at < ?', instantOf(work, input.to, 'to'));
  const page = await listPage<AuditRow>(
    work.em,
    {
      columns: AUDIT_COLUMNS,
      from: 'from audit_events a',
      ...filters,
      sortColumns: SORT_COLUMNS,
      idColumn: 'a.id',
    },
    input,
  );
  return pageOf(
    page,
    page.rows.map(
      (r): AuditEventDto => ({
        id: r.id,
        occurredAt: instant(r.occurredAt),
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        changes: r.changes,
        requestId: r.requestId,
      }),
    ),
  );
}
