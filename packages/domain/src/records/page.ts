import { decodeCursor, EXACT_TOTAL_LIMIT, encodeCursor } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.js';
import { type Statement, selectBatch, selectRows } from '../reads/sql.js';

export interface PageRequest {
  limit: number;
  offset: number;
  cursor?: string | undefined;
  sort: string;
  order: 'asc' | 'desc';
}

/** A list's filters as they are added: SQL conditions (ANDed) and their `?` values, in order. */
export class Filters {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...values);
    return this;
  }
}

/** A list read: what to select, from where, which filters, and the orders it offers. */
export interface ListQuery {
  /** The answer's columns, named after its fields. */
  columns: string;
  /** FROM and its joins. */
  from: string;
  /** Filters, ANDed, with their values in order of their `?`. */
  conditions: readonly string[];
  params: readonly unknown[];
  /**
   * API sort field -> a NOT NULL column. Each is backed by an index ending in the id (or the id's
   * order within the filter is a small sort), so a page costs its rows, not its depth.
   */
  sortColumns: Record<string, string>;
  /** The id column: the tie-breaker of every order, and the cursor's second half. */
  idColumn: string;
  /** The record the list belongs to (a patient's history): a row when it exists for the reader, sent with the page. */
  owner?: { exists: Statement; notFound: () => Error };
  /**
   * The same rows read through a filter's own index (a name search's GIN index), fenced so the
   * planner cannot trade it for a walk of the sort order's index. Used when the count finds at most
   * EXACT_TOTAL_LIMIT matches: the planner's estimate of such a filter can be far too high (a name
   * nobody has, estimated at thousands), and walking the order's index looking for them reads the
   * whole table. Above that, matches are dense enough that the walk finds a page quickly.
   */
  fewMatches?: { from: string; params: readonly unknown[] };
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
  nextCursor: string | null;
}

/**
 * One page of a list, by offset (bounded by the contract) or by keyset cursor: rows after the
 * cursor's (sort value, id) in the same order, read from the index of that order. Its total is
 * exact up to EXACT_TOTAL_LIMIT matches (a count that stops there) and the planner's estimate above.
 * The page and its count travel in one round trip (a list with `fewMatches` counts first).
 */
export async function listPage<Row extends { id: string }>(
  em: EntityManager,
  query: ListQuery,
  request: PageRequest,
): Promise<Page<Row>> {
  const sortColumn = query.sortColumns[request.sort];
  if (!sortColumn) throw new Error(`not a sortable field: ${request.sort}`);
  const direction = request.order === 'desc' ? 'desc' : 'asc';
  const conditions = [...query.conditions];
  const params = [...query.params];
  const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';
  if (request.cursor !== undefined) {
    const cursor = decodeCursor(request.cursor);
    // The contract checked both; a caller inside the server could skip it.
    if (!cursor || cursor.sort !== request.sort || cursor.order !== request.order) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'The cursor belongs to another list order.',
        field: 'cursor',
      });
    }
    conditions.push(`(${sortColumn}, ${query.idColumn}) ${direction === 'asc' ? '>' : '<'} (?, ?)`);
    params.push(cursor.key, cursor.id);
  }
  const pageFilter = conditions.length ? `where ${conditions.join(' and ')}` : '';
  type Keyed = Row & { pageKey: string };
  const pageFrom = (from: string, fromParams: readonly unknown[]): Statement => [
    `select ${query.columns}, (${sortColumn})::text as "pageKey" ${from} ${pageFilter}
     order by ${sortColumn} ${direction}, ${query.idColumn} ${direction} limit ? offset ?`,
    [...fromParams, ...params, request.limit + 1, request.offset],
  ];
  const count: Statement = [
    `select count(*) as total from (select 1 ${query.from} ${filter} limit ${EXACT_TOTAL_LIMIT + 1}) counted`,
    query.params,
  ];
  // One round trip: the owner's existence first, when the list has one, then these reads.
  const read = async <T extends unknown[]>(statements: { [K in keyof T]: Statement }) => {
    if (!query.owner) return selectBatch<T>(em, statements);
    const [owner, ...results] = await selectBatch<[unknown, ...T]>(em, [query.owner.exists, ...statements]);
    if (owner.length === 0) throw query.owner.notFound();
    return results;
  };
  let rows: Keyed[];
  let counted: { total: string } | undefined;
  if (query.fewMatches) {
    // The count first (one more round trip), to choose the page's plan.
    [[counted]] = await read<[{ total: string }]>([count]);
    const fewMatches = Number(counted?.total ?? 0) <= EXACT_TOTAL_LIMIT;
    rows = await selectRows<Keyed>(
      em,
      ...(fewMatches ? pageFrom(query.fewMatches.from, query.fewMatches.params) : pageFrom(query.from, [])),
    );
  } else {
    [rows, [counted]] = await read<[Keyed, { total: string }]>([pageFrom(query.from, []), count]);
  }
  const more = rows.length > request.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  let total = Number(counted?.total ?? 0);
  const totalExact = total <= EXACT_TOTAL_LIMIT;
  if (!totalExact)
    total = Math.max(EXACT_TOTAL_LIMIT + 1, await estimatedRows(em, `select 1 ${query.from} ${filter}`, query.params));
  return {
    rows,
    total,
    totalExact,
    limit: request.limit,
    offset: request.offset,
    nextCursor:
      more && last ? encodeCursor({ sort: request.sort, order: direction, key: last.pageKey, id: last.id }) : null,
  };
}

/** The planner's estimate of a query's rows (EXPLAIN plans it without running it). */
async function estimatedRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<number> {
  const [row] = await selectRows<{ 'QUERY PLAN': unknown }>(em, `explain (format json) ${sql}`, params);
  const raw = row?.['QUERY PLAN'];
  const plan: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const top: unknown = Array.isArray(plan) ? plan[0] : undefined;
  const node = top && typeof top === 'object' && 'Plan' in top ? top.Plan : undefined;
  const rows = node && typeof node === 'object' && 'Plan Rows' in node ? Number(node['Plan Rows']) : Number.NaN;
  return Number.isFinite(rows) ? Math.round(rows) : 0;
}

/** A page as the contract answers it (`page()` in the contract), with its rows shaped as `items`. */
export function pageOf<Row, Item>(page: Page<Row>, items: Item[]) {
  const { rows: _, ...rest } = page;
  return { items, ...rest };
}
