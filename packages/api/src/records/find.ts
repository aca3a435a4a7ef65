import { DomainError } from '@meditrack/domain';
import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';

/** Loads one record by id or throws NOT_FOUND. Archived records count as absent unless asked for. */
export async function findOr404<T extends { id: string; archivedAt?: Date | null }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  options: { includeArchived?: boolean; populate?: readonly string[] } = {},
): Promise<T> {
  const where = { id, ...(options.includeArchived ? {} : { archivedAt: null }) } as FilterQuery<T>;
  const found = await em.findOne(entity, where, options.populate ? { populate: options.populate as never } : {});
  if (!found || (!options.includeArchived && 'archivedAt' in found && found.archivedAt))
    throw notFound(entity.name, id);
  return found;
}

export function notFound(entityName: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${entityName} ${id} does not exist.`, field: 'id' });
}

/** A foreign key given by the client must name an existing, live record: UNKNOWN_REFERENCE on its field otherwise. */
export async function referenceOr422<T extends { id: string; archivedAt?: Date | null }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  field: string,
): Promise<T> {
  const found = await em.findOne(entity, { id } as FilterQuery<T>);
  if (!found || ('archivedAt' in found && found.archivedAt)) {
    throw new DomainError('UNKNOWN_REFERENCE', {
      message: `No active ${entity.name} has the id given as ${field}.`,
      field,
    });
  }
  return found;
}
