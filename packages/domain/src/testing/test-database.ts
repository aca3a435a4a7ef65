import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { systemActor } from '../access/actor.js';
import { openDatabase, type PgConnection, redactUrl } from '../database/open.js';
import { Work } from '../work/work.js';

export interface TestDatabase {
  orm: MikroORM;
  /** Which engine the test runs on, for the test name and the rare engine-specific assertion. */
  kind: 'pglite' | 'postgresql';
  /** node-postgres settings of this database, for tests that need a second client. */
  connection: PgConnection;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the real server named by
 * TEST_DATABASE_URL (dropped again on close), or else an in-memory PGlite served on a random port.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ embeddedDir: null, migrate: true, poolMax: 10 });
    return {
      orm: database.orm,
      kind: 'pglite',
      connection: database.connection,
      close: () => database.close(),
    };
  }

  const name = `meditrack_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL (${redactUrl(serverUrl)}) is not reachable: ${(error as Error).message}`);
  }
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), migrate: true, poolMax: 10 });
  return {
    orm: database.orm,
    kind: 'postgresql',
    connection: database.connection,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * An empty database (no migrations) reachable by URL, as an operator's new server would be: a fresh
 * database on TEST_DATABASE_URL's server, or an in-memory PGlite served on a random TCP port.
 */
export async function createEmptyTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const { startEmbeddedDatabase } = await import('../database/embedded.js');
    const embedded = await startEmbeddedDatabase({ dataDir: null, listen: { host: '127.0.0.1', port: 0 } });
    const { host, port, user, password, dbName } = embedded.connection;
    return { url: `postgres://${user}:${password}@${host}:${port}/${dbName}`, drop: () => embedded.stop() };
  }
  const name = `meditrack_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * An EntityManager for tests that write entities directly (fixtures, constraint tests): a unit of
 * work of the system actor `test`, so the audit subscriber knows whom to record.
 */
export function testEntityManager(orm: MikroORM, timeZone = 'UTC'): EntityManager {
  return Work.open(orm, systemActor('test'), { settings: { timeZone } }).em;
}
