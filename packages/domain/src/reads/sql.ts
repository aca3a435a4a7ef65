import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool, QueryResult } from 'pg';

/** The pg pool under each ORM connection (MikroORM's own, not a second pool), looked up once. */
const pools = new WeakMap<object, Promise<Pool>>();

function poolOf(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection();
  let pool = pools.get(connection);
  if (!pool) {
    pool = connection.getNativeClient();
    pools.set(connection, pool);
  }
  return pool;
}

/** A statement with `?` placeholders and its values. */
export type Statement = readonly [sql: string, params: readonly unknown[]];

/**
 * Statements of the hottest read paths. Outside a transaction they go straight to the ORM's pg
 * pool in one simple-protocol message: the text MikroORM would send (values inlined by its
 * platform), on the same connections with the same type parsers, without the per-statement layers
 * (kysely's connection provider, query context objects) that cost more CPU than the database does
 * for these reads, and in one round trip when there are several (docs/benchmarks.md). Inside a unit
 * of work they run one by one on the transaction's connection. The rows of each, in order.
 */
async function run(em: EntityManager, statements: readonly Statement[], method: 'all' | 'run'): Promise<unknown[][]> {
  const transaction = em.getTransactionContext();
  if (transaction) {
    const results: unknown[][] = [];
    for (const [sql, params] of statements) {
      results.push(await em.getConnection().execute(sql, params as unknown[], method, transaction));
    }
    return results;
  }
  const platform = em.getPlatform();
  const text = statements.map(([sql, params]) => platform.formatQuery(sql, params as unknown[])).join(';\n');
  const logger = em.config.getLogger();
  const started = Date.now();
  try {
    // pg answers a message of several statements with one result per statement.
    const result = (await (await poolOf(em)).query(text)) as QueryResult | QueryResult[];
    if (logger.isEnabled('query')) logger.logQuery({ query: text, took: Date.now() - started, level: 'info' });
    return Array.isArray(result) ? result.map((r) => r.rows) : [result.rows];
  } catch (error) {
    // As MikroORM's exceptions (UniqueConstraintViolationException, ...), so translateDatabaseError maps them alike.
    throw em.getDriver().convertException(error as Error);
  }
}

/** Rows of a hand-written statement (a read, or a write's RETURNING), without entity hydration (see `run`). */
export async function selectRows<T>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const [rows] = await run(em, [[sql, params]], 'all');
  return (rows ?? []) as T[];
}

/**
 * The rows of each of several independent reads (a page and its total), in one round trip.
 * `selectBatch<[PageRow, { total: string }]>(em, [page, count])`.
 */
export function selectBatch<T extends unknown[]>(
  em: EntityManager,
  statements: { [K in keyof T]: Statement },
): Promise<{ [K in keyof T]: T[K][] }> {
  return run(em, statements, 'all') as Promise<{ [K in keyof T]: T[K][] }>;
}

/** Runs a statement that returns nothing (an insert), as `selectRows` does. */
export async function runStatement(em: EntityManager, sql: string, params: readonly unknown[]): Promise<void> {
  await run(em, [[sql, params]], 'run');
}

/** Constant texts (statuses, priorities from the contract) as an SQL list: `'scheduled', 'checked_in'`. */
export const sqlTextList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
