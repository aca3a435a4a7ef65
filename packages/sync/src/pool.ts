import type { PgConnection } from '@meditrack/domain';
import pg from 'pg';
import type { SyncLogger } from './run.js';

/**
 * The sync's own connections (set-based batch SQL, outside the ORM), for the worker and the API's
 * trigger alike. A connection the server drops (a restart, a failover, `pg_terminate_backend`) is an
 * `'error'` event on the client and then on the pool, and an `'error'` event nobody listens to ends
 * the process: here it is logged, the pool discards the client, and the statement in flight fails on
 * its own (the run is recorded `failed`). The connection's timeouts come with it (database/timeouts.ts).
 */
export function openSyncPool(
  connection: PgConnection,
  options: { applicationName: string; logger: SyncLogger },
): pg.Pool {
  const pool = new pg.Pool({ ...connection, max: 2, application_name: options.applicationName });
  const lost = (error: Error) =>
    options.logger.warn({ err: error.message }, 'sync: a database connection was lost; the pool replaces it');
  pool.on('connect', (client) => client.on('error', lost));
  // An idle client's error comes again through the pool: logged once, above.
  pool.on('error', () => {});
  return pool;
}
