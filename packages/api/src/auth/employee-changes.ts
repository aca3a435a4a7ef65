import { randomUUID } from 'node:crypto';
import { EMPLOYEE_CHANGES_CHANNEL, EMPLOYEE_CHANGES_TRIGGER, Employee, type PgConnection } from '@meditrack/domain';
import type { EventArgs, TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { SessionCache } from './session-cache.js';

export interface EmployeeChangeListenerOptions {
  connection: PgConnection;
  cache: SessionCache;
  /**
   * Sends a probe the way every other statement goes, through the ORM's pool: `probeStatement`,
   * which notifies only while the trigger on `employees` exists and is enabled.
   */
  probe: (payload: string) => Promise<unknown>;
  log: FastifyBaseLogger;
  /** How often the listener proves again that it hears the pool's notifications. */
  probeIntervalMs?: number;
  /** A probe not heard back within this turns the cache off. */
  probeTimeoutMs?: number;
  /** Wait before reconnecting a lost listener. */
  retryMs?: number;
}

const PROBE = 'probe:';

/**
 * The probe, as SQL with `?` for its payload: a notification on the channel, sent only while the
 * row trigger is there and enabled (a migration rolled back or `disable trigger` would otherwise
 * leave probes heard and changes unheard).
 */
export const PROBE_STATEMENT = `select pg_notify('${EMPLOYEE_CHANGES_CHANNEL}', ?) from pg_trigger
  where tgrelid = 'employees'::regclass and tgname = '${EMPLOYEE_CHANGES_TRIGGER}' and tgenabled in ('O', 'A')`;

/**
 * Keeps the SessionCache of this replica current with every other writer. A trigger on `employees`
 * (migration employee_change_notify) notifies EMPLOYEE_CHANGES_CHANNEL with the row's id on commit
 * of any update or delete ('*' on truncate); this dedicated connection LISTENs and forgets the row.
 *
 * The cache is on only while notifications provably arrive: each probe sent through the ORM's pool
 * and heard back on this connection within `probeTimeoutMs` renews a lease of one probe interval
 * plus that timeout. The cache goes off the moment the connection fails or a probe goes unheard
 * (a pooling proxy in transaction mode, the embedded database whose single session answers the
 * sender, a missing trigger), and lapses by itself if probing stalls (a half-open socket, an
 * exhausted pool), so a missed change can outlive its commit by at most one lease, and normally by
 * the notification's own delay (a few milliseconds on one host).
 */
export class EmployeeChangeListener {
  private client: pg.Client | undefined;
  private closed = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly pendingProbes = new Map<string, () => void>();
  private readonly probeIntervalMs: number;
  private readonly probeTimeoutMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: EmployeeChangeListenerOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 10_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
    this.retryMs = options.retryMs ?? 2_000;
  }

  /** Connects in the background; the cache stays off until the first probe comes back. */
  start(): void {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probeTimer);
    clearTimeout(this.retryTimer);
    this.options.cache.turnOff();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let client: pg.Client;
    try {
      client = new pg.Client({
        ...this.options.connection,
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        application_name: 'meditrack-api-employee-changes',
      });
    } catch (error) {
      this.retry(error);
      return;
    }
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.heard(message.payload ?? ''));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${EMPLOYEE_CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    await this.probe(client);
  }

  private heard(payload: string): void {
    if (payload.startsWith(PROBE)) {
      this.pendingProbes.get(payload)?.();
      return;
    }
    if (payload === '*') this.options.cache.forgetAll();
    else this.options.cache.forget(payload);
  }

  private async probe(client: pg.Client): Promise<void> {
    if (this.closed || this.client !== client) return;
    const payload = `${PROBE}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      this.pendingProbes.set(payload, () => resolve(true));
      timer = setTimeout(() => resolve(false), this.probeTimeoutMs);
    });
    // The timeout bounds the whole probe: sending it may stall too (an exhausted pool).
    const sent = Promise.resolve()
      .then(() => this.options.probe(payload))
      .then(
        () => heard,
        () => false,
      );
    const ok = await Promise.race([heard, sent]);
    clearTimeout(timer);
    this.pendingProbes.delete(payload);
    if (this.closed || this.client !== client) return;
    const cache = this.options.cache;
    if (ok) {
      if (!cache.active) this.options.log.info('session cache on: employee changes are heard');
      cache.renew(this.probeIntervalMs + this.probeTimeoutMs);
    } else if (cache.active) {
      cache.turnOff();
      this.options.log.warn('session cache off: a probe notification was not heard back in time');
    }
    this.probeTimer = setTimeout(() => void this.probe(client), ok ? this.probeIntervalMs : this.retryMs);
    this.probeTimer.unref();
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearTimeout(this.probeTimer);
    client.end().catch(() => {});
    this.retry(error);
  }

  private retry(error: unknown): void {
    const wasActive = this.options.cache.active;
    this.options.cache.turnOff();
    if (this.closed) return;
    if (wasActive) {
      this.options.log.warn(
        { reason: error instanceof Error ? error.message : 'connection ended' },
        'session cache off: the employee-change listener lost its connection; reconnecting',
      );
    }
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
  }
}

/**
 * This process's own writes to employees forget their rows when their transaction ends (and already
 * at the UPDATE): a request may read the old row between the UPDATE and the COMMIT and remember it,
 * and the commit's notification reaches the listener only after the writer has answered. A flush in
 * a nested transaction (a savepoint) is forgotten when the savepoint ends; its commit's notification
 * covers the rest.
 */
export function forgetOwnEmployeeWrites(orm: MikroORM, cache: SessionCache): void {
  const changedIn = new WeakMap<object, Set<string>>();
  const changed = ({ entity, em }: EventArgs<Employee>) => {
    cache.forget(entity.id);
    const transaction = em.getTransactionContext<object>();
    if (!transaction) return;
    const ids = changedIn.get(transaction) ?? new Set<string>();
    changedIn.set(transaction, ids.add(entity.id));
  };
  const ended = ({ transaction }: TransactionEventArgs) => {
    const ids = transaction && changedIn.get(transaction);
    if (!ids || !transaction) return;
    changedIn.delete(transaction);
    for (const id of ids) cache.forget(id);
  };
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [Employee],
    afterUpdate: (args) => changed(args as EventArgs<Employee>),
    afterDelete: (args) => changed(args as EventArgs<Employee>),
    afterTransactionCommit: ended,
    afterTransactionRollback: ended,
  });
}

/** Keeps this server's cache current: its own writes at once, everyone's through the listener. */
export function watchEmployeeChanges(
  orm: MikroORM,
  connection: PgConnection,
  cache: SessionCache,
  log: FastifyBaseLogger,
): EmployeeChangeListener {
  forgetOwnEmployeeWrites(orm, cache);
  const listener = new EmployeeChangeListener({
    connection,
    cache,
    log,
    probe: (payload) => orm.em.getConnection().execute(PROBE_STATEMENT, [payload]),
  });
  listener.start();
  return listener;
}
