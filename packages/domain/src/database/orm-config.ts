import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { AuditSubscriber } from '../audit/subscriber.js';
import { entities } from '../entities/index.js';
import { migrationsList } from '../migrations/index.js';
import type { PgTimeoutSettings } from './timeouts.js';

export type ConnectionSettings =
  | { clientUrl: string }
  | { host: string; port: number; user: string; password: string; dbName: string };

export interface OrmConfigOptions {
  connection: ConnectionSettings;
  /** Pool size of this process. On the embedded database every connection shares one session. */
  poolMax?: number;
  debug?: boolean;
  /** Create the database when it does not exist (migrations, tests); a serving process never does. */
  createDatabase?: boolean;
  /** Bounds on every wait of the pool's connections (database/timeouts.ts). */
  timeouts?: PgTimeoutSettings;
}

/** The one MikroORM configuration every process (API, worker, CLI, tests) builds on. */
export function createOrmConfig({
  connection,
  poolMax = 10,
  debug = false,
  createDatabase = false,
  timeouts,
}: OrmConfigOptions): Options {
  return defineConfig({
    ...connection,
    ensureDatabase: createDatabase,
    entities,
    // Every change of an audited entity gets its audit event in the same flush (audit/subscriber.ts).
    subscribers: [new AuditSubscriber()],
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList,
      // Generated files go to src/migrations and are registered in src/migrations/index.ts.
      pathTs: new URL('../../src/migrations', import.meta.url).pathname,
      path: new URL('../migrations', import.meta.url).pathname,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      silent: true,
    },
    // SQL functions (patient_search_keys, behind a generated column) are written by their migrations;
    // the schema diff must not propose dropping them for want of a Routine declaration.
    schemaGenerator: { ignoreRoutines: true },
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 30_000 },
    // node-postgres settings of the pool's connections (MikroORM hands these to pg.Pool).
    ...(timeouts ? { driverOptions: { ...timeouts } } : {}),
    // Every timestamp column is timestamptz; the ORM reads and writes UTC.
    forceUtcTimezone: true,
    debug,
    // Request handlers fork the EntityManager; using the global one is a bug we want to hear about.
    allowGlobalContext: false,
  });
}
