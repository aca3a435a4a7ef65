import { type EntityClass, type EntityDictionary, ReferenceKind } from '@mikro-orm/postgresql';
import { readsArchived } from '../access/authorize.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';

export function notFound(entityName: string, id: string, field = 'id'): DomainError {
  return new DomainError('NOT_FOUND', { message: `${entityName} ${id} does not exist.`, field });
}

/** An entity's `select <the columns the ORM loads> from <table> where id = ?` (lazy columns left out). */
const selectByIdOf = new WeakMap<object, string>();
function selectById(work: Work, entity: EntityClass<object>): string {
  let sql = selectByIdOf.get(entity);
  if (!sql) {
    const meta = work.em.getMetadata().get(entity);
    const columns = meta.props
      .filter((prop) => !prop.lazy && prop.persist !== false)
      .filter((prop) => prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE)
      .flatMap((prop) => prop.fieldNames.map((column) => `"${column}"`));
    sql = `select ${columns.join(', ')} from "${meta.tableName}" where id = ?`;
    selectByIdOf.set(entity, sql);
  }
  return sql;
}

/**
 * One record by id, managed by the unit of work (its changes flush with their version check and
 * audit event): one row read, mapped by the ORM (`em.map`), without building a query per call.
 */
async function findManaged<T extends object>(work: Work, entity: EntityClass<T>, id: string): Promise<T | undefined> {
  const [row] = await selectRows<EntityDictionary<T>>(work.em, selectById(work, entity), [id]);
  return row ? work.em.map(entity, row) : undefined;
}

/**
 * One record by id, or NOT_FOUND. Archived records exist only for actors who may read them
 * (`archived:read`), unless `includeArchived` says otherwise for a record that must be live.
 */
export async function findOr404<T extends { id: string; archivedAt?: Date | null }>(
  work: Work,
  entity: EntityClass<T>,
  id: string,
  options: { archived?: 'readable' | 'excluded'; field?: string } = {},
): Promise<T> {
  const found = await findManaged(work, entity, id);
  const archivedOk = options.archived === 'readable' && readsArchived(work.actor);
  if (!found || (found.archivedAt && !archivedOk)) throw notFound(entity.name, id, options.field);
  return found;
}

export const unknownReference = (entityName: string, field: string) =>
  new DomainError('UNKNOWN_REFERENCE', { message: `No ${entityName} has the id given as ${field}.`, field });

/**
 * A record named by the client as a reference (a booking's doctor, a patient's department) must
 * exist and be live: UNKNOWN_REFERENCE on its field otherwise, archived or absent alike.
 */
export function refuseDeadReference(
  entityName: string,
  record: { archivedAt?: Date | string | null } | null | undefined,
  field: string,
): asserts record {
  if (!record) throw unknownReference(entityName, field);
  if (record.archivedAt) {
    throw new DomainError('UNKNOWN_REFERENCE', {
      message: `The ${entityName} given as ${field} is archived.`,
      field,
      details: { reason: 'archived' },
    });
  }
}

export async function liveReference<T extends { id: string; archivedAt?: Date | null }>(
  work: Work,
  entity: EntityClass<T>,
  id: string,
  field: string,
): Promise<T> {
  const found = await findManaged(work, entity, id);
  refuseDeadReference(entity.name, found, field);
  return found;
}

/**
 * A record's answer row read straight from SQL (the columns its list selects, so one row-to-answer
 * mapping serves both): 404 when absent, or archived and the reader may not read archived records.
 */
export async function findRow<Row>(
  work: Work,
  query: { columns: string; from: string; idColumn: string; archivedColumn: string },
  entityName: string,
  id: string,
): Promise<Row> {
  const live = readsArchived(work.actor) ? '' : `and ${query.archivedColumn} is null`;
  const [row] = await selectRows<Row>(
    work.em,
    `select ${query.columns} ${query.from} where ${query.idColumn} = ? ${live} limit 1`,
    [id],
  );
  if (!row) throw notFound(entityName, id);
  return row;
}
