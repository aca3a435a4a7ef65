/**
 * Starts the API: `npm start` at the root (embedded database with demo data), or `node dist/main.js`
 * with DATABASE_URL in production.
 */
import { ConfigError, ensureAuditPartitions, openDatabaseFromEnv } from '@meditrack/domain';
import { loadApiConfig } from './config.js';
import { scheduleNoShows } from './jobs/no-shows.js';
import { buildServer } from './server.js';

async function main() {
  const config = loadApiConfig();
  const database = await openDatabaseFromEnv({ seedIfEmpty: config.env.NODE_ENV !== 'production' });
  const { app, readiness, settings } = await buildServer({
    orm: database.orm,
    connection: database.connection,
    config,
  });
  if (config.jwtSecretGenerated) {
    app.log.warn('JWT_SECRET is not set: using a random secret; tokens stop working when the process restarts.');
  }
  app.log.info({ database: database.description }, 'database ready');
  // The months ahead exist already in a running system (the worker keeps them daily): a lock wait
  // past DB_STATEMENT_TIMEOUT_MS here is logged, not fatal.
  await ensureAuditPartitions(database.orm.em.fork()).then(
    (created) => created > 0 && app.log.info({ created }, 'audit trail: monthly partitions created'),
    (error: unknown) => app.log.error({ err: error }, 'audit partition upkeep failed; the worker tries again daily'),
  );

  const noShows = scheduleNoShows({
    orm: database.orm,
    settings,
    pattern: config.env.NO_SHOW_CRON,
    graceMinutes: config.env.NO_SHOW_GRACE_MINUTES,
    log: app.log,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.env.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    // 1. Unready first, so load balancers stop sending new requests; 2. stop accepting and let
    // in-flight requests finish (app.close); 3. close the pool (and the embedded database).
    readiness.draining = true;
    const drainMs = config.env.SHUTDOWN_DRAIN_MS ?? (config.env.NODE_ENV === 'production' ? 5000 : 0);
    app.log.info({ signal, drainMs }, 'shutting down: unready, draining');
    await new Promise((resolve) => setTimeout(resolve, drainMs));
    noShows.stop();
    await app.close();
    await database.close();
    app.log.info('stopped');
    process.exit(0);
  };
  // `on`, not `once`: a second signal (Ctrl-C reaches the process group, npm start forwards one) is ignored by the guard above.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.env.PORT, host: config.env.HOST });
  if (database.embedded) {
    const { host, port } = database.embedded.connection;
    app.log.info(`psql "host=${host} port=${port} user=postgres dbname=postgres sslmode=disable"`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
