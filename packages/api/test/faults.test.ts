import type { AddressInfo } from 'node:net';
import type { SyncRun } from '@meditrack/contract';
import {
  AuditEvent,
  type DatabaseTimeouts,
  DEFAULT_DATABASE_TIMEOUTS,
  Employee,
  hashPassword,
  openDatabase,
  Patient,
  type PgConnection,
  pgTimeoutSettings,
} from '@meditrack/domain';
import {
  createTestDatabase,
  databaseUrlOf,
  startProxyFor,
  type TestDatabase,
  testEntityManager,
} from '@meditrack/domain/testing';
import { countsAddUp } from '@meditrack/sync';
import { type Cell, standInSettings, startBigQueryStandIn, VACCINATION_COLUMNS } from '@meditrack/sync/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { nik, PASSWORD, rest } from './harness.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** The test database opened by an ORM (with this pool size) whose every connection runs through a proxy. */
async function openThroughProxy(poolMax: number, timeouts?: DatabaseTimeouts) {
  const proxy = await startProxyFor(db.connection);
  const viaProxy = await openDatabase({
    databaseUrl: databaseUrlOf(db.connection, proxy),
    poolMax,
    ...(timeouts ? { timeouts } : {}),
  });
  return { proxy, viaProxy };
}

/** An API on `orm` (its sync's connections: `connection`) with one admin, listening; and the admin's token. */
async function serve(orm: MikroORM, connection: PgConnection, email: string) {
  const em = testEntityManager(orm);
  em.create(Employee, { name: 'Ops', email, passwordHash: await hashPassword(PASSWORD), role: 'admin' });
  await em.flush();
  const config = loadApiConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    RATE_LIMIT_MAX: '1000000',
    LOGIN_MAX_PER_ADDRESS: '100000',
  });
  const { app } = await buildServer({ orm, connection, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const api = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  const login = await rest<{ accessToken: string }>(api, 'POST', '/api/auth/login', {
    body: { email, password: PASSWORD },
  });
  return { app, api, token: login.body.accessToken };
}

/** Bounded: a pool that lost its sockets must not hold the test. */
const bounded = (p: Promise<unknown>, ms = 3000) => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);

describe('a connection that dies inside a transaction', () => {
  // Kysely before 0.29.9 kept such a connection checked out for good when its ROLLBACK or COMMIT
  // failed (kysely-org/kysely#1990): each outage cost the pool a slot until none were left.
  it.each(['at a statement', 'at commit'])('gives its pool slot back (dies %s)', async (when) => {
    const { proxy, viaProxy } = await openThroughProxy(1);
    try {
      const em = testEntityManager(viaProxy.orm);
      await expect(
        em.transactional(async (tx) => {
          await tx.execute('select 1');
          await proxy.cut();
          if (when === 'at a statement') await tx.execute('select 1');
        }),
      ).rejects.toThrow();
      await proxy.restore();
      // With a pool of one, a slot never given back leaves the next statement waiting for ever.
      const answered = await bounded(
        viaProxy.orm.em
          .getConnection()
          .execute('select 1 as one')
          .then(() => 'answered'),
        5000,
      );
      expect(answered).toBe('answered');
    } finally {
      await bounded(viaProxy.close());
      await bounded(proxy.close());
    }
  });
});

describe('a statement cut off by a partition inside a transaction', () => {
  // The client-side timeout (DB_STATEMENT_TIMEOUT_MS + 1 s) leaves the statement in flight; its
  // ROLLBACK times out too, and kysely then discards the connection instead of handing it out with
  // the transaction still open, where the next user's COMMIT would commit the half-done work.
  it('takes its connection out of the pool: the half-done work never commits with the next user', async () => {
    await testEntityManager(db.orm).getConnection().execute('create table if not exists fault_marks (mark text)');
    // A pool of one: were the connection kept, the next transaction would get the very same one.
    const { proxy, viaProxy } = await openThroughProxy(1, {
      connectMs: 2000,
      statementMs: 300,
      idleInTransactionMs: 0,
    });
    const mark = `orphan-${Date.now()}`;
    try {
      await expect(
        testEntityManager(viaProxy.orm).transactional(async (tx) => {
          await tx.execute('select 1');
          proxy.partition();
          await tx.execute(`insert into fault_marks (mark) values ('${mark}')`);
        }),
      ).rejects.toThrow();
      proxy.heal();
      await testEntityManager(viaProxy.orm).transactional(async (tx) => {
        await tx.execute('select 1');
      });
      // Time for a stray statement to land, were it still on its way.
      await new Promise((r) => setTimeout(r, 300));
      const rows = await testEntityManager(db.orm)
        .getConnection()
        .execute<{ n: string }[]>(`select count(*) as n from fault_marks where mark = '${mark}'`);
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      proxy.heal();
      await bounded(viaProxy.close());
      await bounded(proxy.close());
    }
  });
});

describe('database outage under load', () => {
  it('fails fast with 503 (never 500, never hangs), goes unready, recovers by itself, loses nothing', async () => {
    const { proxy, viaProxy } = await openThroughProxy(4);
    const { app, api, token } = await serve(viaProxy.orm, viaProxy.connection, 'ops@fault.test');
    try {
      const before = await testEntityManager(db.orm).count(Patient, {});
      const outcomes: { status: number; ms: number; phase: string }[] = [];
      let phase = 'up';
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const started = Date.now();
          const write = Math.random() < 0.5;
          const res = write
            ? await rest(api, 'POST', '/api/patients', {
                token,
                body: { name: 'Load', dateOfBirth: '1990-01-01', nationalId: nik() },
              })
            : await rest(api, 'GET', '/api/patients?limit=5', { token });
          outcomes.push({ status: res.status, ms: Date.now() - started, phase });
        }
      };
      const load = Promise.all(Array.from({ length: 4 }, worker));
      await new Promise((r) => setTimeout(r, 800));
      phase = 'down';
      await proxy.cut();
      await new Promise((r) => setTimeout(r, 300));
      const unready = await rest(api, 'GET', '/readyz');
      await new Promise((r) => setTimeout(r, 1500));
      phase = 'recovering';
      await proxy.restore();
      // At least 1.5 s, and until /readyz answers 200 again (bounded): on a loaded machine the pool
      // may need longer to replace its cut connections.
      await new Promise((r) => setTimeout(r, 1500));
      const readyBy = Date.now() + 20_000;
      while ((await rest(api, 'GET', '/readyz')).status !== 200) {
        if (Date.now() > readyBy) throw new Error('the API was not ready 20 s after the database came back');
        await new Promise((r) => setTimeout(r, 100));
      }
      phase = 'back';
      await new Promise((r) => setTimeout(r, 800));
      stop = true;
      await load;
      const ready = await rest(api, 'GET', '/readyz');

      const by = (p: string) => outcomes.filter((o) => o.phase === p);
      expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
      expect(by('down').some((o) => o.status === 503)).toBe(true);
      expect(Math.max(...by('down').map((o) => o.ms))).toBeLessThan(5000);
      expect(unready.status).toBe(503);
      expect(ready.status).toBe(200);
      expect(by('back').length).toBeGreaterThan(0);
      expect(by('back').every((o) => o.status < 300)).toBe(true);
      // Nothing lost: every 201 is a row. A write whose commit landed while the connection died
      // answers 503 but exists (its confirmation was lost, not its data): the rows lie between.
      const created = outcomes.filter((o) => o.status === 201).length;
      const ambiguous = outcomes.filter((o) => o.status === 503).length;
      const rows = (await testEntityManager(db.orm).count(Patient, {})) - before;
      expect(rows).toBeGreaterThanOrEqual(created);
      expect(rows).toBeLessThanOrEqual(created + ambiguous);
      // Nothing half-written: every patient row came with its audit event, in the same transaction.
      const check = testEntityManager(db.orm);
      const audited = await check.count(AuditEvent, { action: 'patient.create' });
      expect(audited).toBe(await check.count(Patient, { name: 'Load' }));
      const statuses: Record<number, number> = {};
      for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
      console.log(`[faults] ${outcomes.length} requests: ${JSON.stringify(statuses)}`);
    } finally {
      await bounded(app.close());
      await bounded(viaProxy.close());
      await bounded(proxy.close());
    }
  });
});

describe('a network partition between the API and the database', () => {
  it('answers 503 within the configured bound, goes unready, and recovers within a second of its end', async () => {
    // DB_CONNECT_TIMEOUT_MS=1000, DB_STATEMENT_TIMEOUT_MS=1000: a request may wait for a pooled
    // connection (1 s) and on its statements (1 s, and the client's 1 s margin): well under 4 s.
    const { proxy, viaProxy } = await openThroughProxy(4, {
      connectMs: 1000,
      statementMs: 1000,
      idleInTransactionMs: 5000,
    });
    const { app, api, token } = await serve(viaProxy.orm, viaProxy.connection, 'night@fault.test');
    try {
      expect((await rest(api, 'GET', '/api/patients?limit=5', { token })).status).toBe(200);

      proxy.partition();
      const timed = async (request: Promise<{ status: number; body: unknown }>) => {
        const started = Date.now();
        const res = await request;
        return { ...res, ms: Date.now() - started };
      };
      const during = await Promise.all([
        timed(rest(api, 'GET', '/api/patients?limit=5', { token })),
        timed(
          rest(api, 'POST', '/api/patients', {
            token,
            body: { name: 'Cut', dateOfBirth: '1990-01-01', nationalId: nik() },
          }),
        ),
        timed(rest(api, 'GET', '/api/departments', { token })),
        timed(rest(api, 'GET', '/readyz')),
      ]);
      for (const res of during) {
        expect(res.status).toBe(503);
        expect(res.ms).toBeLessThan(4000);
      }
      expect(during.map((res) => (res.body as { error?: { code: string } }).error?.code)).toEqual([
        'DATABASE_UNAVAILABLE',
        'DATABASE_UNAVAILABLE',
        'DATABASE_UNAVAILABLE',
        undefined,
      ]);
      // Still partitioned: still fast, still 503 (no connection stays stuck for good).
      const again = await timed(rest(api, 'GET', '/api/patients?limit=5', { token }));
      expect(again.status).toBe(503);
      expect(again.ms).toBeLessThan(4000);

      proxy.heal();
      const healed = Date.now();
      let answer = await rest(api, 'GET', '/api/patients?limit=5', { token });
      while (answer.status !== 200 && Date.now() - healed < 5000) {
        await new Promise((r) => setTimeout(r, 50));
        answer = await rest(api, 'GET', '/api/patients?limit=5', { token });
      }
      expect(answer.status).toBe(200);
      expect(Date.now() - healed).toBeLessThan(1000);
      expect((await rest(api, 'GET', '/readyz')).status).toBe(200);
    } finally {
      proxy.heal();
      await bounded(app.close());
      await bounded(viaProxy.close());
      await bounded(proxy.close());
    }
  });
});

describe('a sync run started through the API whose connection is dropped', () => {
  it('is recorded failed and leaves the replica serving; the next run completes the rest with exact counts', async () => {
    const patients = 600;
    const nikOf = (i: number) => String(3174000000000000 + i);
    const em = testEntityManager(db.orm);
    for (let i = 0; i < patients; i++)
      em.create(Patient, { name: `S${i}`, dateOfBirth: '1975-01-01', nationalId: nikOf(i) });
    await em.flush();
    const bq = await startBigQueryStandIn({
      columns: VACCINATION_COLUMNS,
      rowCount: patients,
      rowAt: (i): Cell[] => [nikOf(i), 'Pfizer', '2', null],
    });
    // The sync's own pool goes through the proxy; the ORM's does not (only the sync's connection dies).
    const proxy = await startProxyFor(db.connection);
    const saved = { ...process.env };
    Object.assign(process.env, standInSettings(bq, { SYNC_PAGE_SIZE: '50', SYNC_BATCH_SIZE: '50' }));
    const { app, api, token } = await serve(
      db.orm,
      {
        connectionString: databaseUrlOf(db.connection, proxy),
        ...pgTimeoutSettings(DEFAULT_DATABASE_TIMEOUTS, 'postgresql'),
      },
      'sync@fault.test',
    );
    const runOf = async (id: string) =>
      (await rest<{ items: SyncRun[] }>(api, 'GET', '/api/sync-runs?limit=100', { token })).body.items.find(
        (r) => r.id === id,
      );
    const settled = async (id: string) => {
      for (let i = 0; i < 1000; i++) {
        const run = await runOf(id);
        if (run && run.status !== 'running') return run;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the run did not end');
    };
    try {
      bq.setPageDelay(5);
      const started = await rest<SyncRun>(api, 'POST', '/api/sync-runs', { token, body: {} });
      expect(started.status).toBe(202);
      for (let i = 0; i < 1000 && !((await runOf(started.body.id))?.rowsRead ?? 0); i++)
        await new Promise((r) => setTimeout(r, 10));
      // Inside a statement for sure (BigQuery is not behind the proxy), then the backend "dies".
      proxy.partition();
      await new Promise((r) => setTimeout(r, 500));
      proxy.dropConnections();
      proxy.heal();
      const failed = await settled(started.body.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/connection|terminated|ECONNRESET/i);
      expect(countsAddUp(failed), JSON.stringify(failed)).toBe(true);
      // The replica is up and serving.
      expect((await rest(api, 'GET', '/healthz')).status).toBe(200);
      expect((await rest(api, 'GET', '/api/patients?limit=1', { token })).status).toBe(200);

      // The batch in flight when the connection died counts as not applied, but may have committed
      // with only its answer lost: what the next run finds done lies between.
      const applied = await testEntityManager(db.orm).count(Patient, {
        nationalId: { $like: '3174%' },
        vaccineDoseCount: 2,
      });
      expect(applied).toBeGreaterThanOrEqual(failed.rowsUpdated);
      expect(applied).toBeLessThanOrEqual(failed.rowsUpdated + failed.rowsNotApplied);

      bq.setPageDelay(0);
      const next = await rest<SyncRun>(api, 'POST', '/api/sync-runs', { token, body: {} });
      expect(next.status).toBe(202);
      const done = await settled(next.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        rowsRead: patients,
        rowsUpdated: patients - applied,
        rowsUnchanged: applied,
        rowsNotApplied: 0,
      });
    } finally {
      process.env = saved;
      await bounded(app.close());
      await bounded(proxy.close());
      await bq.close();
    }
  });
});
