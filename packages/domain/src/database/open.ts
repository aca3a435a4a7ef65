import { MikroORM } from '@mikro-orm/postgresql';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';
import { createOrmConfig } from './orm-config.js';
import {
  type DatabaseTimeouts,
  DEFAULT_DATABASE_TIMEOUTS,
  type PgTimeoutSettings,
  pgTimeoutSettings,
} from './timeouts.js';

/** node-postgres settings of a database: where it is, and how long each wait on it may take. */
export type PgConnection = (
  | { connectionString: string }
  | { host: string; port: number; user: string; password: string; database: string }
) &
  PgTimeoutSettings;

export interface OpenDatabaseOptions {
  /** A real PostgreSQL server (>= 15). When absent, the embedded database is started in this process. */
  databaseUrl?: string | undefined;
  /** Embedded database data directory (ignored with `databaseUrl`); `null` for in-memory. */
  embeddedDir?: string | null;
  /** Also serve the embedded database on this TCP port (for tools that cannot use a unix socket). */
  embeddedPort?: number | undefined;
  /** Apply pending migrations. Default: on the embedded database only; real servers use `pnpm db:migrate`. */
  migrate?: boolean;
  /** Create a missing database (the migrate command, tests). Default: when migrating. */
  createDatabase?: boolean;
  poolMax?: number;
  debug?: boolean;
  /** Bounds on every wait (default: DB_*_TIMEOUT_MS's defaults). */
  timeouts?: DatabaseTimeouts;
}

export interface Database {
  orm: MikroORM;
  /** node-postgres settings of the same database, for work outside the ORM (the sync's bulk SQL). */
  connection: PgConnection;
  embedded: EmbeddedDatabase | null;
  /** Where the data lives, for the start-up log (no credentials). */
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const embedded = options.databaseUrl
    ? null
    : await startEmbeddedDatabase({
        dataDir: options.embeddedDir ?? null,
        listen:
          options.embeddedPort !== undefined
            ? { host: '127.0.0.1', port: options.embeddedPort }
            : options.embeddedDir
              ? { socketDir: options.embeddedDir }
              : { host: '127.0.0.1', port: 0 },
      });
  try {
    // Migrating: statements without a bound (an index over a big table takes what it takes).
    const migrating = options.migrate === true ? { statementMs: 0 } : {};
    const timeouts = pgTimeoutSettings(
      options.timeouts ?? { ...DEFAULT_DATABASE_TIMEOUTS, ...migrating },
      options.databaseUrl ? 'postgresql' : 'embedded',
    );
    const orm = await MikroORM.init(
      createOrmConfig({
        connection: options.databaseUrl ? { clientUrl: options.databaseUrl } : embedded!.connection,
        timeouts,
        ...(options.poolMax !== undefined ? { poolMax: options.poolMax } : {}),
        ...(options.debug !== undefined ? { debug: options.debug } : {}),
        createDatabase: options.createDatabase ?? options.migrate ?? false,
      }),
    );
    if (options.migrate ?? embedded !== null) await orm.migrator.up();
    const connection: PgConnection = embedded
      ? {
          host: embedded.connection.host,
          port: embedded.connection.port,
          user: embedded.connection.user,
          password: embedded.connection.password,
          database: embedded.connection.dbName,
          ...timeouts,
        }
      : { connectionString: options.databaseUrl as string, ...timeouts };
    return {
      orm,
      connection,
      embedded,
      description: embedded
        ? `embedded PGlite at ${embedded.address}`
        : `PostgreSQL at ${redactUrl(options.databaseUrl!)}`,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** `postgres://user:secret@host/db` -> `postgres://user:***@host/db`: URLs reach logs, passwords must not. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
