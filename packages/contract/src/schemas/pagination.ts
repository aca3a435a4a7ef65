import { z } from 'zod';
import { queryInt } from './primitives.js';

export const MAX_PAGE_SIZE = 100;

/** limit/offset paging with a hard maximum, and a sort field from `sortable`. */
export function listInput<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  filters: F,
) {
  return z.strictObject({
    limit: queryInt(1, MAX_PAGE_SIZE).default(25),
    offset: queryInt(0, 1_000_000).default(0),
    sort: z.enum(sortable).default(sortable[0]),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...filters,
  });
}

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Total matching rows, for page counts. */
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
