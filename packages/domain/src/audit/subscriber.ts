import {
  ChangeSetType,
  type EntityManager,
  type EventSubscriber,
  type FlushEventArgs,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import { workOf } from '../work/work.js';
import { auditRow, insertAuditRowsStatements } from './entry.js';

/** The entities whose every change is audited. */
const AUDITED = new Set([
  'Department',
  'Employee',
  'Doctor',
  'WeeklySchedule',
  'TimeOff',
  'Patient',
  'MedicalHistoryEntry',
  'Appointment',
  'QueueTicket',
]);

/** Bookkeeping columns, not worth naming as changes. */
const UNREMARKABLE = new Set(['version', 'updatedAt', 'searchName']);

const VERB = { [ChangeSetType.CREATE]: 'create', [ChangeSetType.UPDATE]: 'update', [ChangeSetType.DELETE]: 'delete' };

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** The audit rows of each EntityManager's flushes whose transaction has not committed yet. */
const pending = new WeakMap<EntityManager, ReturnType<typeof auditRow>[]>();

/**
 * The one audit writer of changes: every flush that writes an audited entity has its audit events
 * inserted in the same transaction, just before it commits, so the change and its record commit
 * together or not at all, and no operation can forget it. The unit of work (work/work.ts) says who
 * acts; an operation may name the event (`work.describe`). A flush of an audited entity outside a
 * unit of work is a bug and fails. The rows are plain INSERTs (one for all of a transaction's
 * events), not entities: the ORM's bookkeeping for an entity nobody reads back cost more than the
 * insert (docs/benchmarks.md).
 */
export class AuditSubscriber implements EventSubscriber {
  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const changes = uow.getChangeSets().filter((cs) => AUDITED.has(cs.meta.className) && cs.type in VERB);
    if (changes.length === 0) return;
    const work = workOf(em);
    if (!work) {
      throw new Error(
        `unaudited write of ${changes.map((cs) => cs.meta.className).join(', ')}: use a unit of work (Work)`,
      );
    }
    // Outside a transaction this flush opens its own, and nothing is pending (a flush that failed
    // before its transaction began left rows of changes that were never written: dropped here).
    const rows = em.isInTransaction() ? (pending.get(em) ?? []) : [];
    for (const cs of changes) {
      const entity = cs.entity as { id: string };
      const note = work.noteFor(cs.entity);
      const fields =
        cs.type === ChangeSetType.UPDATE ? Object.keys(cs.payload).filter((key) => !UNREMARKABLE.has(key)) : [];
      rows.push(
        auditRow(work, {
          action: note?.action ?? `${lowerFirst(cs.meta.className)}.${VERB[cs.type as keyof typeof VERB]}`,
          entityType: note?.entityType ?? cs.meta.className,
          entityId: note?.entityId ?? entity.id,
          changes: fields.length || note?.changes ? { ...(fields.length ? { fields } : {}), ...note?.changes } : null,
        }),
      );
    }
    pending.set(em, rows);
  }

  async beforeTransactionCommit({ em, transaction }: TransactionEventArgs): Promise<void> {
    const rows = pending.get(em);
    if (!rows?.length) return;
    pending.delete(em);
    for (const [sql, params] of insertAuditRowsStatements(rows)) {
      await em.getConnection().execute(sql, [...params], 'run', transaction);
    }
  }

  async afterTransactionRollback({ em }: TransactionEventArgs): Promise<void> {
    pending.delete(em);
  }
}
