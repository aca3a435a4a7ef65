import * as z from 'zod/mini';
import { inputString, queryInt } from './primitives.js';

export const MAX_PAGE_SIZE = 100;

/**
 * The deepest `offset` a list takes. An offset costs the database every row it skips, so deeper
 * pages are reached with `cursor` (keyset pagination), whose cost does not grow with depth.
 */
export const MAX_OFFSET = 10_000;

/**
 * Totals are counted exactly up to this many matching records; a larger match answers the
 * database planner's estimate with `totalExact: false` (counting millions of rows for a page
 * number would cost more than the page).
 */
export const EXACT_TOTAL_LIMIT = 1_000;

/** Where a page ends in its sort order: the last record's sort value (as the database writes it) and id. */
export interface PageCursor {
  sort: string;
  order: 'asc' | 'desc';
  /** The sort column's value, as PostgreSQL's text of it (timestamps keep their microseconds). */
  key: string;
  id: string;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** The opaque `nextCursor` of a page. */
export function encodeCursor(cursor: PageCursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id])));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor this API gave out, or undefined for any other string. */
export function decodeCursor(text: string): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!Array.isArray(json) || json.length !== 4) return undefined;
    const [sort, order, key, id] = json as unknown[];
    if (typeof sort !== 'string' || (order !== 'asc' && order !== 'desc')) return undefined;
    if (typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
    return { sort, order, key, id };
  } catch {
    return undefined;
  }
}

/**
 * Paging with a hard maximum, a sort field from `sortable` (ties broken by id, in the same
 * direction), and either `offset` (up to MAX_OFFSET) or `cursor`: the previous page's `nextCursor`,
 * for the page after it in the same sort and order.
 */
export function listInput<const S extends readonly [string, ...string[]], F extends z.core.$ZodLooseShape>(
  sortable: S,
  filters: F,
) {
  return z
    .strictObject({
      limit: z._default(queryInt(1, MAX_PAGE_SIZE), 25),
      offset: z._default(queryInt(0, MAX_OFFSET), 0),
      cursor: z.optional(
        inputString().check(
          z.maxLength(1024),
          z.refine(
            (text) => decodeCursor(text) !== undefined,
            'is not a cursor this API gave (pass nextCursor unchanged)',
          ),
        ),
      ),
      sort: z._default(z.enum(sortable), sortable[0]),
      order: z._default(z.enum(['asc', 'desc']), 'asc'),
      ...filters,
    })
    .check(
      z.superRefine((input: Record<string, unknown>, ctx) => {
        // Read as a record: the filters' generic shape hides the paging fields from the type checker.
        const { cursor: text, offset, sort, order } = input;
        if (typeof text !== 'string') return;
        if (typeof offset === 'number' && offset > 0) {
          ctx.addIssue({ code: 'custom', path: ['offset'], message: 'offset and cursor exclude each other' });
        }
        const cursor = decodeCursor(text);
        if (cursor && (cursor.sort !== sort || cursor.order !== order)) {
          ctx.addIssue({
            code: 'custom',
            path: ['cursor'],
            message: `belongs to sort=${cursor.sort}&order=${cursor.order}; send the same sort and order with it`,
          });
        }
      }),
    );
}

/** A page of `item`s, named `name` in the OpenAPI document. */
export function page<T extends z.core.SomeType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      /** Matching records: exact when `totalExact`, otherwise the database's estimate (above EXACT_TOTAL_LIMIT). */
      total: z.int(),
      totalExact: z.boolean(),
      limit: z.int(),
      offset: z.int(),
      /** The `cursor` of the next page in this sort order, or null on the last page. */
      nextCursor: z.nullable(z.string()),
    })
    .register(z.globalRegistry, { id: name });
}
