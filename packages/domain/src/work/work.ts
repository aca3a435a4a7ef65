import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor.js';
import { type AuditEntry, type AuditNote, auditRow, insertAuditStatement } from '../audit/entry.js';
import { AuditEvent } from '../entities/audit-event.js';
import { runStatement } from '../reads/sql.js';

/** What every operation needs to know of the hospital: its time zone, and the time. */
export interface DomainSettings {
  /** IANA zone of working hours and of dates without an offset (HOSPITAL_TIMEZONE). */
  timeZone: string;
  /** The current time; a fixed or shifted clock in tests. */
  now?: () => Date;
  /** How long after a queue ticket's step it may be undone, in seconds (QUEUE_UNDO_SECONDS; default 300). */
  queueUndoSeconds?: number;
}

/** The Work of each EntityManager a unit of work flushes, for the audit subscriber. */
const works = new WeakMap<object, Work>();

/** The unit of work that owns `em`, if any (audit/subscriber.ts refuses audited writes without one). */
export function workOf(em: object): Work | undefined {
  return works.get(em);
}

/**
 * One unit of work: an actor, a fresh EntityManager (its own identity map and version checks), the
 * request it serves, and the hospital's settings. Every domain operation takes one. Writes go to
 * the database with `commit()` (one flush, one transaction) or inside `transaction()`; the audit
 * subscriber adds an audit event for every audited entity the flush writes, named by `describe()`.
 */
export class Work {
  private constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
    readonly requestId: string | null,
    private readonly settings: DomainSettings,
    private readonly notes: WeakMap<object, AuditNote>,
  ) {
    works.set(em, this);
  }

  /** A unit of work on a fresh fork of the ORM's (or an EntityManager's) identity map. */
  static open(
    source: MikroORM | EntityManager,
    actor: Actor,
    options: { requestId?: string | null; settings: DomainSettings },
  ): Work {
    const em = 'em' in source ? source.em.fork() : source.fork();
    return new Work(em, actor, options.requestId ?? null, options.settings, new WeakMap());
  }

  /** Another unit of work for the same actor and request, on a fresh EntityManager (a read beside a failed write). */
  fork(): Work {
    return new Work(this.em.fork(), this.actor, this.requestId, this.settings, new WeakMap());
  }

  /** This unit of work acting for someone else from now on (a login: the employee who just proved who they are). */
  as(actor: Actor): Work {
    return new Work(this.em, actor, this.requestId, this.settings, this.notes);
  }

  get timeZone(): string {
    return this.settings.timeZone;
  }

  now(): Date {
    return this.settings.now?.() ?? new Date();
  }

  get queueUndoSeconds(): number {
    return this.settings.queueUndoSeconds ?? 300;
  }

  /** Names the audit event of `entity`'s change in the coming flush (default: `<entity>.<create|update|delete>`). */
  describe(entity: object, note: AuditNote): void {
    this.notes.set(entity, note);
  }

  /** The note given for `entity`, if any (the audit subscriber). */
  noteFor(entity: object): AuditNote | undefined {
    return this.notes.get(entity);
  }

  /** An audit event that no entity change carries (an auth event, a sync trigger): written with the next flush. */
  record(entry: AuditEntry): void {
    this.em.create(AuditEvent, auditRow(this, entry));
  }

  /**
   * The audit event of a read (one per request, naming the records returned), written at once: a
   * read has no flush to ride along with. A read whose audit cannot be written fails.
   */
  async recordRead(entry: AuditEntry): Promise<void> {
    const [sql, params] = insertAuditStatement(this, entry);
    await runStatement(this.em, sql, params);
  }

  /** Writes every change of this unit of work (and their audit events) in one transaction. */
  async commit(): Promise<void> {
    await this.em.flush();
  }

  /**
   * Runs `body` in a database transaction on a unit of work with the same actor (its EntityManager
   * is the transaction's); its changes are flushed, with their audit events, before the commit.
   */
  transaction<T>(body: (tx: Work) => Promise<T>): Promise<T> {
    return this.em.transactional((em) => body(new Work(em, this.actor, this.requestId, this.settings, this.notes)));
  }
}
