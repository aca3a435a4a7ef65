import { randomUUID } from 'node:crypto';
import { EMPLOYEE_CHANGES_CHANNEL, Employee, type PgConnection } from '@meditrack/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { SessionCache } from './session-cache.js';

export interface EmployeeChangeListenerOptions {
  connection: PgConnection;
  cache: SessionCache;
  /** Sends `pg_notify(channel, payload)` the way every other statement goes: through the ORM's pool. */
  notify: (channel: string, payload: string) => Promise<unknown>;
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
 * Keeps the SessionCache of this replica current with every other writer. A trigger on `employees`
 * (migration employee_change_notify) notifies EMPLOYEE_CHANGES_CHANNEL with the row's id on commit
 * of any update or delete ('*' on truncate); this dedicated connection LISTENs and forgets the row.
 *
 * The cache is on only while notifications provably arrive: after a probe sent through the ORM's pool
 * came back on this connection, and again every `probeIntervalMs`. It goes off the moment the
 * connection fails or a probe goes unheard (a pooling proxy in transaction mode, the embedded
 * database whose single session answers the sender, a half-open socket), so a missed change can
 * outlive its commit by at most one probe interval plus its timeout, and normally by the
 * notification's own delay (under a millisecond on one host).
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
    this.options.cache.setActive(false);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      ...this.options.connection,
      keepAlive: true,
      application_name: 'meditrack-api-employee-changes',
    });
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
    let ok: boolean;
    try {
      await this.options.notify(EMPLOYEE_CHANGES_CHANNEL, payload);
      ok = await heard;
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
      this.pendingProbes.delete(payload);
    }
    if (this.closed || this.client !== client) return;
    const cache = this.options.cache;
    if (ok && !cache.active) {
      cache.setActive(true);
      this.options.log.info('session cache on: employee changes are heard');
    } else if (!ok && cache.active) {
      cache.setActive(false);
      this.options.log.warn('session cache off: a probe notification was not heard back in time');
    }
    this.probeTimer = setTimeout(() => void this.probe(client), ok ? this.probeIntervalMs : this.retryMs);
    this.probeTimer.unref();
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearTimeout(this.probeTimer);
    const wasActive = this.options.cache.active;
    this.options.cache.setActive(false);
    client.end().catch(() => {});
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

/** This process's own writes to employees forget their rows at flush (their notifications confirm it after commit). */
export function forgetOwnEmployeeWrites(orm: MikroORM, cache: SessionCache): void {
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [Employee],
    afterUpdate: ({ entity }) => cache.forget((entity as Employee).id),
    afterDelete: ({ entity }) => cache.forget((entity as Employee).id),
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
    notify: (channel, payload) => orm.em.getConnection().execute('select pg_notify(?, ?)', [channel, payload]),
  });
  listener.start();
  return listener;
}
