import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { AuditEvent, Employee, hashPassword, openDatabase, Patient } from '@meditrack/domain';
import { createTestDatabase, type TestDatabase, testEntityManager } from '@meditrack/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { nik, PASSWORD, rest } from './harness.js';

/**
 * A TCP proxy in front of the database server (the real PostgreSQL in CI, or PGlite's socket):
 * cutting it is, for the API, exactly a database that went away: open connections die, new ones
 * are refused. Restoring it is the database coming back.
 */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      const listening = server;
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: () => port,
    async cut() {
      for (const s of sockets) s.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
    restore: listen,
    async close() {
      await this.cut();
    },
  };
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** The test database opened by an ORM (with this pool size) whose every connection runs through a proxy. */
async function openThroughProxy(poolMax: number) {
  const c = db.connection;
  const target =
    'connectionString' in c
      ? (() => {
          const u = new URL(c.connectionString);
          return {
            host: u.hostname,
            port: Number(u.port || 5432),
            user: decodeURIComponent(u.username),
            password: decodeURIComponent(u.password),
            database: u.pathname.slice(1),
          };
        })()
      : c;
  const proxy = await startProxy(target);
  const url = `postgres://${encodeURIComponent(target.user)}:${encodeURIComponent(target.password ?? '')}@127.0.0.1:${proxy.port()}/${target.database}`;
  return { proxy, viaProxy: await openDatabase({ databaseUrl: url, poolMax }) };
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

describe('database outage under load', () => {
  it('fails fast with 503 (never 500, never hangs), goes unready, recovers by itself, loses nothing', async () => {
    const { proxy, viaProxy } = await openThroughProxy(4);
    const em = testEntityManager(viaProxy.orm);
    em.create(Employee, {
      name: 'Ops',
      email: 'ops@fault.test',
      passwordHash: await hashPassword(PASSWORD),
      role: 'admin',
    });
    await em.flush();
    const config = loadApiConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      RATE_LIMIT_MAX: '1000000',
      LOGIN_MAX_PER_ADDRESS: '100000',
    });
    const { app } = await buildServer({ orm: viaProxy.orm, connection: viaProxy.connection, config, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const api = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    try {
      const token = (
        await rest<{ accessToken: string }>(api, 'POST', '/api/auth/login', {
          body: { email: 'ops@fault.test', password: PASSWORD },
        })
      ).body.accessToken;
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
