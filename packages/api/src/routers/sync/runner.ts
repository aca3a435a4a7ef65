import { ConfigError, DomainError, type PgConnection } from '@meditrack/domain';
import { loadSyncConfig, openSyncPool, runSync, startRun } from '@meditrack/sync';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';

/**
 * Runs vaccination syncs that an admin triggers through the API, in this process, under the same
 * one-run-at-a-time lock as the workers. Its pool is opened on first use and closed with the server;
 * on shutdown a run in progress stops between batches and is recorded as abandoned. A dropped
 * connection fails the run (recorded `failed`), never the replica.
 */
export class SyncRunner {
  private pool: pg.Pool | undefined;
  private readonly shutdown = new AbortController();
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly connection: PgConnection,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Claims a run and starts it in the background; answers at once with its id. */
  async trigger(triggeredBy: string): Promise<string> {
    let env: ReturnType<typeof loadSyncConfig>;
    try {
      env = loadSyncConfig();
    } catch (error) {
      throw new DomainError('INVALID_STATE', {
        message:
          `Vaccination sync is not configured on this server. ${error instanceof ConfigError ? error.message : ''}`.trim(),
      });
    }
    this.pool ??= openSyncPool(this.connection, { applicationName: 'meditrack-api-sync', logger: this.log });
    const pool = this.pool;
    const runId = await startRun(pool, {
      trigger: 'api',
      triggeredBy,
      workerId: `api:${process.pid}`,
      staleAfterSeconds: env.SYNC_STALE_AFTER_SECONDS,
    });
    if (!runId) throw new DomainError('SYNC_ALREADY_RUNNING');
    this.running = runSync({
      env,
      pool,
      trigger: 'api',
      triggeredBy,
      runId,
      logger: this.log,
      signal: this.shutdown.signal,
    }).catch((error: unknown) => this.log.error({ err: error, runId }, 'API-triggered sync crashed'));
    return runId;
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    await this.running;
    await this.pool?.end();
  }
}
