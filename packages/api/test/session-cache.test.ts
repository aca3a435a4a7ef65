import type { AddressInfo } from 'node:net';
import { Employee, openDatabase, type PgConnection } from '@meditrack/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployeeChangeListener, forgetOwnEmployeeWrites, PROBE_STATEMENT } from '../src/auth/employee-changes.js';
import { SessionCache } from '../src/auth/session-cache.js';
import { loadApiConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

/** A second API process on the same database: its own ORM and pool, its own cache and listener. */
interface Replica {
  url: string;
  sessionCache: SessionCache;
  close(): Promise<void>;
}

const urlOf = (c: PgConnection) =>
  'connectionString' in c
    ? c.connectionString
    : `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${c.database}`;

const silentLog = { info() {}, warn() {} } as unknown as ConstructorParameters<typeof EmployeeChangeListener>[0]['log'];

async function startReplica(connection: PgConnection): Promise<Replica> {
  const database = await openDatabase({ databaseUrl: urlOf(connection), migrate: false, poolMax: 4 });
  const config = loadApiConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    HOSPITAL_TIMEZONE: 'Asia/Jakarta',
    RATE_LIMIT_MAX: '1000000',
  });
  const { app, sessionCache } = await buildServer({
    orm: database.orm,
    connection: database.connection,
    config,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    sessionCache,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Polls `check` until it holds or `ms` pass; how long it took, or undefined. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

let api: TestApi;
let replica: Replica;
let fx: Fixtures;
let postgres: boolean;
beforeAll(async () => {
  api = await startTestApi();
  replica = await startReplica(api.db.connection);
  fx = fixtures(api);
  postgres = api.db.kind === 'postgresql';
  if (postgres) {
    // Both listeners proved they hear the pool's notifications.
    expect(await within(10_000, () => api.sessionCache.active && replica.sessionCache.active)).toBeDefined();
  }
});
afterAll(async () => {
  await replica?.close();
  await api?.close();
});

const loginAt = async (server: { url: string }, email: string) =>
  (await rest<Json>(server, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body
    .accessToken as string;

/** A receptionist logged in on the replica, whose row the replica has read (and, on PostgreSQL, remembers). */
async function receptionistOnReplica() {
  const employee = await fx.employee('receptionist');
  const token = await loginAt(replica, employee.email);
  expect((await rest(replica, 'GET', '/api/patients', { token })).status).toBe(200);
  if (postgres) {
    // The login itself updated the row (last login), and the cache refuses a row read while that
    // change's notification was still on its way: on a loaded machine it may take another request.
    const remembered = await within(2000, async () => {
      if (replica.sessionCache.lookup(employee.id)?.role === 'receptionist') return true;
      expect((await rest(replica, 'GET', '/api/patients', { token })).status).toBe(200);
      return false;
    });
    expect(remembered).toBeDefined();
  }
  return { ...employee, token };
}

async function changeThroughApi(id: string, change: { role: string } | { password: string }) {
  const current = await rest<Json>(api, 'GET', `/api/employees/${id}`, { token: api.tokens.admin });
  const { createdAt, updatedAt, archivedAt, ...fields } = current.body;
  const res = await rest(api, 'PUT', `/api/employees/${id}`, {
    token: api.tokens.admin,
    body: { ...fields, ...change },
  });
  expect(res.status).toBe(200);
}

describe('session cache', () => {
  it('is on with PostgreSQL once its listener hears a probe, never on the embedded database', async () => {
    if (postgres) {
      expect(api.sessionCache.active).toBe(true);
      expect(replica.sessionCache.active).toBe(true);
    } else {
      // PGlite's one session answers a notification to the connection that sent it: the probe is never heard.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(api.sessionCache.active).toBe(false);
      expect(replica.sessionCache.active).toBe(false);
    }
  });

  it('a role change, archiving or password change through one replica reaches the other', async () => {
    for (const change of ['role', 'archive', 'password'] as const) {
      const employee = await receptionistOnReplica();
      if (change === 'archive') {
        expect((await rest(api, 'DELETE', `/api/employees/${employee.id}`, { token: api.tokens.admin })).status).toBe(
          204,
        );
      } else {
        await changeThroughApi(
          employee.id,
          change === 'role' ? { role: 'staff' } : { password: 'a-brand-new-password' },
        );
      }
      const expected = change === 'role' ? 403 : 401;
      const took = await within(2000, async () => {
        const res = await rest(replica, 'GET', '/api/patients', { token: employee.token });
        return res.status === expected;
      });
      // Normally the notification's delay on one host: a few milliseconds.
      expect(took, change).toBeDefined();
      expect(took ?? Number.POSITIVE_INFINITY, change).toBeLessThan(1000);
    }
  });

  it('the replica that makes a change refuses the very next request', async () => {
    const employee = await fx.employee('receptionist');
    const token = await loginAt(api, employee.email);
    expect((await rest(api, 'GET', '/api/patients', { token })).status).toBe(200);
    if (postgres) expect(api.sessionCache.lookup(employee.id)).toBeDefined();
    await changeThroughApi(employee.id, { role: 'staff' });
    const res = await rest<Json>(api, 'GET', '/api/patients', { token });
    expect(res.status).toBe(403);
    expect(res.body.error.details.missingPermission).toBe('patients:read');
  });

  it('forgets an employee written through this process at flush, before any notification', async () => {
    const employee = await fx.employee('receptionist');
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.renew(60_000); // no listener: only the ORM's events can forget
    forgetOwnEmployeeWrites(api.db.orm, cache);
    cache.store(cache.ticket(), {
      id: employee.id,
      role: 'receptionist',
      email: employee.email,
      passwordChangedAt: null,
    });
    const em = api.db.orm.em.fork();
    const record = await em.findOneOrFail(Employee, employee.id);
    record.role = 'nurse';
    await em.flush();
    expect(cache.lookup(employee.id)).toBeUndefined();
  });

  it('forgets a row read between its own UPDATE and COMMIT once the transaction commits', async () => {
    const employee = await fx.employee('receptionist');
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.renew(60_000);
    forgetOwnEmployeeWrites(api.db.orm, cache);
    await api.db.orm.em.fork().transactional(async (em) => {
      const record = await em.findOneOrFail(Employee, employee.id);
      record.role = 'nurse';
      await em.flush();
      // A concurrent request reads the committed (old) row now, after the UPDATE, and remembers it.
      cache.store(cache.ticket(), {
        id: employee.id,
        role: 'receptionist',
        email: employee.email,
        passwordChangedAt: null,
      });
      expect(cache.lookup(employee.id)?.role).toBe('receptionist');
    });
    expect(cache.lookup(employee.id)).toBeUndefined();
  });

  it('probes only while the trigger on employees is there and enabled', async () => {
    const sql = api.db.orm.em.getConnection();
    const probe = () => sql.execute<unknown[]>(PROBE_STATEMENT, ['probe:check']);
    expect(await probe()).toHaveLength(1);
    await sql.execute('alter table employees disable trigger employees_notify_row_change');
    try {
      expect(await probe()).toHaveLength(0);
      const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
      const listener = new EmployeeChangeListener({
        connection: api.db.connection,
        cache,
        log: silentLog,
        probe: (payload) => sql.execute(PROBE_STATEMENT, [payload]),
        probeTimeoutMs: 200,
      });
      listener.start();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(cache.active).toBe(false);
      await listener.close();
    } finally {
      await sql.execute('alter table employees enable trigger employees_notify_row_change');
    }
    expect(await probe()).toHaveLength(1);
    // The servers' own listeners may have probed while the trigger was off (and gone off): back on.
    if (postgres)
      expect(await within(10_000, () => api.sessionCache.active && replica.sessionCache.active)).toBeDefined();
  });

  it('keeps probing when a probe stalls, and the cache lapses meanwhile', async () => {
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    let calls = 0;
    const stalling = new EmployeeChangeListener({
      connection: api.db.connection,
      cache,
      log: silentLog,
      // The first probe goes through; every later one never settles (an exhausted pool).
      probe: (payload) => {
        calls += 1;
        return calls === 1
          ? api.db.orm.em.getConnection().execute(PROBE_STATEMENT, [payload])
          : new Promise<never>(() => {});
      },
      probeIntervalMs: 50,
      probeTimeoutMs: 100,
      retryMs: 50,
    });
    stalling.start();
    try {
      if (postgres) expect(await within(2000, () => cache.active)).toBeDefined();
      expect(await within(2000, () => calls >= 4)).toBeDefined();
      expect(cache.active).toBe(false);
    } finally {
      await stalling.close();
    }
  });

  it('hears changes made outside the API (SQL from another client)', async () => {
    const employee = await receptionistOnReplica();
    const client = new pg.Client(api.db.connection);
    await client.connect();
    try {
      await client.query('update employees set archived_at = now() where id = $1', [employee.id]);
    } finally {
      await client.end();
    }
    const took = await within(2000, async () => {
      const res = await rest<Json>(replica, 'GET', '/api/patients', { token: employee.token });
      return res.status === 401 && res.body.error.details.reason === 'account';
    });
    expect(took).toBeDefined();
  });

  it('goes off when its listener loses the connection, and on again after reconnecting', async () => {
    if (!postgres) {
      // The embedded database: the cache never went on (first test), so every request reads the row.
      expect(replica.sessionCache.active).toBe(false);
      const employee = await receptionistOnReplica();
      await changeThroughApi(employee.id, { role: 'staff' });
      expect((await rest(replica, 'GET', '/api/patients', { token: employee.token })).status).toBe(403);
      return;
    }
    const employee = await receptionistOnReplica();
    const admin = new pg.Client(api.db.connection);
    await admin.connect();
    try {
      // Kill both replicas' listeners; a change made now is announced to nobody.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = 'meditrack-api-employee-changes' and datname = current_database()`,
      );
      expect(await within(2000, () => !replica.sessionCache.active)).toBeDefined();
      expect(replica.sessionCache.lookup(employee.id)).toBeUndefined();
      await admin.query(`update employees set role = 'staff' where id = $1`, [employee.id]);
      expect((await rest(replica, 'GET', '/api/patients', { token: employee.token })).status).toBe(403);
      // Reconnects (2 s later) and proves itself again; the row is read afresh.
      expect(await within(10_000, () => replica.sessionCache.active)).toBeDefined();
      expect((await rest(replica, 'GET', '/api/patients', { token: employee.token })).status).toBe(403);
      expect(replica.sessionCache.lookup(employee.id)?.role).toBe('staff');
    } finally {
      await admin.end();
    }
  });

  it('stays off when its probes are not heard back (e.g. behind a transaction-pooling proxy)', async () => {
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    const deaf = new EmployeeChangeListener({
      connection: api.db.connection,
      cache,
      log: silentLog,
      // Sent, but on a channel nobody listens to: what a proxy that hands LISTEN to another server connection does.
      probe: (payload) => api.db.orm.em.getConnection().execute('select pg_notify(?, ?)', ['elsewhere', payload]),
      probeTimeoutMs: 200,
    });
    deaf.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(cache.active).toBe(false);
    } finally {
      await deaf.close();
    }
  });
});

describe('session cache entries', () => {
  const row = (id: string, role: 'nurse' | 'staff' = 'nurse') => ({
    id,
    role,
    email: `${id}@x`,
    passwordChangedAt: null,
  });

  it('refuses a row read while a change arrived (the row may predate it)', () => {
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.renew(60_000);
    const ticket = cache.ticket();
    cache.forget('a'); // a notification arrives while the request reads the row
    cache.store(ticket, row('a'));
    expect(cache.lookup('a')).toBeUndefined();
    cache.store(cache.ticket(), row('a'));
    expect(cache.lookup('a')?.role).toBe('nurse');
  });

  it('keeps nothing while off, and starts empty whenever it comes back on', async () => {
    const cache = new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 });
    cache.store(cache.ticket(), row('a'));
    expect(cache.lookup('a')).toBeUndefined();
    cache.renew(60_000);
    cache.store(cache.ticket(), row('a'));
    const ticket = cache.ticket();
    cache.turnOff();
    cache.renew(60_000);
    expect(cache.lookup('a')).toBeUndefined();
    cache.store(ticket, row('b'));
    expect(cache.lookup('b')).toBeUndefined();
    // A lease that lapses (no probe heard back in time) is off too, and empty when renewed.
    cache.renew(30);
    cache.store(cache.ticket(), row('c'));
    expect(cache.lookup('c')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.active).toBe(false);
    expect(cache.lookup('c')).toBeUndefined();
    cache.renew(60_000);
    expect(cache.lookup('c')).toBeUndefined();
  });

  it('holds at most maxEntries (the oldest goes) and re-reads entries older than maxAgeMs', async () => {
    const cache = new SessionCache({ maxEntries: 2, maxAgeMs: 50 });
    cache.renew(60_000);
    for (const id of ['a', 'b', 'c']) cache.store(cache.ticket(), row(id));
    expect(cache.size).toBe(2);
    expect(cache.lookup('a')).toBeUndefined();
    expect(cache.lookup('c')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(cache.lookup('c')).toBeUndefined();
  });
});
