import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { AuditEvent } from '../entities/audit-event.js';
import { workOf } from '../work/work.js';
import { auditRow } from './entry.js';

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
]);

/** Bookkeeping columns, not worth naming as changes. */
const UNREMARKABLE = new Set(['version', 'updatedAt', 'searchName']);

const VERB = { [ChangeSetType.CREATE]: 'create', [ChangeSetType.UPDATE]: 'update', [ChangeSetType.DELETE]: 'delete' };

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The one audit writer of changes: every flush that writes an audited entity adds its audit event
 * to the same flush, so the change and its record commit together or not at all, and no operation
 * can forget it. The unit of work (work/work.ts) says who acts; an operation may name the event
 * (`work.describe`). A flush of an audited entity outside a unit of work is a bug and fails.
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
    for (const cs of changes) {
      const entity = cs.entity as { id: string };
      const note = work.noteFor(cs.entity);
      const fields =
        cs.type === ChangeSetType.UPDATE ? Object.keys(cs.payload).filter((key) => !UNREMARKABLE.has(key)) : [];
      const event = em.create(
        AuditEvent,
        auditRow(work, {
          action: note?.action ?? `${lowerFirst(cs.meta.className)}.${VERB[cs.type as keyof typeof VERB]}`,
          entityType: note?.entityType ?? cs.meta.className,
          entityId: note?.entityId ?? entity.id,
          changes: fields.length || note?.changes ? { ...(fields.length ? { fields } : {}), ...note?.changes } : null,
        }),
      );
      uow.computeChangeSet(event);
    }
  }
}
