import type { AuthUser } from '../trpc/context.js';

/** What the session check reads of an employee (see `authenticate` in trpc/init.ts). */
export interface SessionRow extends AuthUser {
  passwordChangedAt: string | null;
}

export interface SessionCacheOptions {
  /** Most employees remembered at once; the oldest entry makes room. */
  maxEntries: number;
  /** An entry older than this is read again, whatever the notifications said. */
  maxAgeMs: number;
}

/**
 * The session check's employee rows, remembered in this process so that an authenticated request
 * costs no round trip for them (docs/benchmarks.md). On only while this process provably hears
 * every change to `employees`: EmployeeChangeListener renews a short lease with every probe heard
 * back and turns it off when in doubt, so a stalled listener lets it lapse; off, every request
 * reads the row as before. A change forgets the row; any change (or switching on or off) also voids the
 * rows being read at that moment, which may predate it (`ticket`).
 */
export class SessionCache {
  private readonly rows = new Map<string, { row: SessionRow; storedAt: number }>();
  private generation = 0;
  /** On until this instant (a lease the listener renews with every probe heard back); 0: off. */
  private until = 0;

  constructor(private readonly options: SessionCacheOptions) {}

  get active(): boolean {
    return Date.now() < this.until;
  }

  get size(): number {
    return this.rows.size;
  }

  /**
   * On for `leaseMs` more: the listener just proved it hears notifications. Coming back on (after
   * off or a lapsed lease, when changes may have gone unheard) starts empty.
   */
  renew(leaseMs: number): void {
    if (!this.active) this.forgetAll();
    this.until = Date.now() + leaseMs;
  }

  /** Off at once, and empty. */
  turnOff(): void {
    this.until = 0;
    this.forgetAll();
  }

  lookup(id: string): SessionRow | undefined {
    if (!this.active) return undefined;
    const entry = this.rows.get(id);
    if (!entry) return undefined;
    if (Date.now() - entry.storedAt > this.options.maxAgeMs) {
      this.rows.delete(id);
      return undefined;
    }
    return entry.row;
  }

  /** Taken before reading a row from the database; `store` refuses the row if anything changed since. */
  ticket(): number {
    return this.generation;
  }

  store(ticket: number, row: SessionRow): void {
    if (!this.active || ticket !== this.generation) return;
    if (this.rows.size >= this.options.maxEntries && !this.rows.has(row.id)) {
      const oldest = this.rows.keys().next();
      if (!oldest.done) this.rows.delete(oldest.value);
    }
    this.rows.set(row.id, { row, storedAt: Date.now() });
  }

  forget(id: string): void {
    this.generation += 1;
    this.rows.delete(id);
  }

  forgetAll(): void {
    this.generation += 1;
    this.rows.clear();
  }
}
