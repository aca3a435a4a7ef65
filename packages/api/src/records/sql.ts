import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows of a hand-written query on the request's connection (and transaction, if any), without
 * entity hydration. For the hottest read paths only: the ORM's query building and hydration cost
 * more CPU than the database does for them (docs/benchmarks.md). `?` placeholders; errors are
 * converted like the ORM's, so translateDatabaseError maps them the same way.
 */
export function selectRows<T>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

/** Runs a statement that returns nothing (an insert), on the request's connection. */
export async function runStatement(em: EntityManager, sql: string, params: readonly unknown[]): Promise<void> {
  await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
}

/** timestamptz values arrive as PostgreSQL's text (MikroORM keeps them raw): `2026-12-21 08:00:00+00`. */
export const instant = (value: string) => new Date(value);
export const optionalInstant = (value: string | null) => (value === null ? null : new Date(value));

/** ORDER BY from a whitelist of sortable fields (API names -> columns): never a client string in SQL. */
export function orderBy(columns: Record<string, string>, sort: string, order: 'asc' | 'desc', tieBreaker: string) {
  const column = columns[sort];
  if (!column) throw new Error(`not a sortable field: ${sort}`);
  const direction = order === 'desc' ? 'desc' : 'asc';
  return `order by ${column} ${direction}, ${tieBreaker} asc`;
}
