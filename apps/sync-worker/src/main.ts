/**
 * The vaccination sync worker. `pnpm sync:start` keeps the schedule (SYNC_CRON in SYNC_TIMEZONE);
 * `pnpm sync:once` runs one sync and exits: 0 done (or stopped by SIGTERM), 1 the run failed,
 * 2 bad configuration or no database, 3 another run was in progress (nothing done).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ENSURE_AUDIT_PARTITIONS_SQL } from '@meditrack/domain';
import { databaseTarget, loadSyncConfig, openSyncPool, runSync } from '@meditrack/sync';
import pino from 'pino';
import { scheduleDaily } from './scheduler.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'sync-worker' } });
const once = process.argv.includes('--once');

function fail(message: string, code: number): never {
  logger.error(message);
  process.exit(code);
}

let env: ReturnType<typeof loadSyncConfig>;
try {
  env = loadSyncConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error), 2);
}

const target = databaseTarget(env);
if ('host' in target && !existsSync(join(target.host, '.s.PGSQL.5432'))) {
  fail(
    `No DATABASE_URL, and the embedded database is not running at ${target.host} (start the API with \`npm start\`, or set DATABASE_URL).`,
    2,
  );
}
const pool = openSyncPool(target, { applicationName: 'meditrack-sync-worker', logger });
const shutdown = new AbortController();
let current: Promise<unknown> | undefined;

const runOnce = (trigger: 'schedule' | 'manual') => {
  const run = runSync({ env, pool, trigger, logger, signal: shutdown.signal });
  current = run;
  return run;
};

async function stop(signal: string, code = 0) {
  logger.info({ signal }, 'stopping: the batch in progress finishes, then the run is recorded');
  shutdown.abort();
  await current?.catch(() => undefined);
  await pool.end();
  process.exit(code);
}
// Ctrl-C reaches the whole process group and `pnpm sync:*` forwards it too: the first signal stops
// the worker, later ones must not kill it before the batch in progress commits.
let stopping = false;
const onSignal = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void stop(signal);
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

if (once) {
  const outcome = await runOnce('manual');
  await pool.end();
  process.exit(outcome.status === 'failed' ? 1 : outcome.status === 'skipped' ? 3 : 0);
} else {
  // Liveness for the container's HEALTHCHECK: the file's age says the event loop is turning.
  const aliveFile = process.env.SYNC_HEALTH_FILE ?? '/tmp/meditrack-sync-worker.alive';
  const touch = () => writeFileSync(aliveFile, new Date().toISOString());
  touch();
  setInterval(touch, 30_000).unref();
  const timeZone = env.SYNC_TIMEZONE ?? env.HOSPITAL_TIMEZONE;
  // The audit trail's months ahead (ensureAuditPartitions): at start and daily, beside the sync.
  const ensurePartitions = async () => {
    const { rows } = await pool.query<{ created: number }>(ENSURE_AUDIT_PARTITIONS_SQL);
    if (Number(rows[0]?.created ?? 0) > 0)
      logger.info({ created: rows[0]?.created }, 'audit trail: monthly partitions created');
  };
  const partitionError = (error: unknown) =>
    logger.error({ err: error }, 'audit partition upkeep failed; it is tried again tomorrow');
  await ensurePartitions().catch(partitionError);
  const upkeep = scheduleDaily({
    name: 'audit-partitions',
    cron: '17 2 * * *',
    timeZone: env.SYNC_TIMEZONE ?? env.HOSPITAL_TIMEZONE,
    run: ensurePartitions,
    onError: partitionError,
  });
  const job = scheduleDaily({
    name: 'vaccination-sync',
    cron: env.SYNC_CRON,
    timeZone,
    run: () => runOnce('schedule'),
    onError: (error) => logger.error({ err: error }, 'scheduled sync crashed; the schedule goes on'),
  });
  logger.info({ cron: env.SYNC_CRON, timeZone, nextRun: job.nextRun()?.toISOString() }, 'vaccination sync scheduled');
  process.once('beforeExit', () => {
    job.stop();
    upkeep.stop();
  });
}
