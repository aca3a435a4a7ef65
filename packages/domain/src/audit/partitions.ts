import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Creates the audit trail's missing monthly partitions from this month to three months ahead (the
 * list_indexes_and_audit_partitions migration defines the function: serialised between processes,
 * never failing on events already in the default partition). Returns `created`, how many it made.
 * The API runs it at start and the sync worker at start and daily, so an event finds its month even
 * when one of them is down for weeks. For any PostgreSQL client: the worker has no ORM.
 */
export const ENSURE_AUDIT_PARTITIONS_SQL =
  "select audit_events_ensure_partitions(now(), now() + interval '3 months') as created";

export async function ensureAuditPartitions(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ created: number }[]>(ENSURE_AUDIT_PARTITIONS_SQL);
  return Number(row?.created ?? 0);
}
