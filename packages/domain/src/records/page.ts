import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';

export interface PageRequest {
  limit: number;
  offset: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** One page of `entity` matching `where`, with the total count, ordered by a whitelisted field then id. */
export async function findPage<T extends object, P extends string = never>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  request: PageRequest,
  options: { sortFields: Record<string, string>; populate?: readonly P[] },
): Promise<{ items: T[]; total: number; limit: number; offset: number }> {
  const sortField = options.sortFields[request.sort] ?? request.sort;
  const [items, total] = await em.findAndCount(entity, where as never, {
    limit: request.limit,
    offset: request.offset,
    // id as tie-breaker: stable pages even when many rows share the sort value.
    orderBy: { ...nested(sortField, request.order), id: 'asc' } as never,
    ...(options.populate ? { populate: options.populate as never } : {}),
  });
  return { items, total, limit: request.limit, offset: request.offset };
}

/** `employee.searchName` -> `{ employee: { searchName: order } }`, the shape MikroORM orders relations by. */
function nested(path: string, order: 'asc' | 'desc'): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), order) as Record<string, unknown>;
}
