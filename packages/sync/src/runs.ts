import type { SyncTrigger } from '@meditrack/contract';
import type { SyncRunSample } from '@meditrack/domain';
import { uuidv7 } from '@meditrack/domain';
import type pg from 'pg';

export interface RunCounts {
  rowsRead: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  unknownNationalIds: number;
  malformedNationalIds: number;
  invalidRows: number;
}

export const emptyCounts = (): RunCounts => ({
  rowsRead: 0,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  unknownNationalIds: 0,
  malformedNationalIds: 0,
  invalidRows: 0,
});

/**
 * Starts a run, or returns null when another one is running. The partial unique index on
 * sync_runs(status) where status = 'running' is the lock: it holds across processes and replicas,
 * and on PGlite too, where advisory locks exclude nobody. A run whose heartbeat is older than
 * `staleAfterSeconds` belonged to a crashed worker: it is marked abandoned first, so it cannot
 * block the next run forever.
 */
export async function startRun(
  pool: pg.Pool,
  options: { trigger: SyncTrigger; triggeredBy?: string | null; workerId: string; staleAfterSeconds: number },
): Promise<string | null> {
  await pool.query(
    `update sync_runs set status = 'abandoned', finished_at = now(),
            error = 'the worker stopped sending heartbeats (crashed or killed)'
      where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)`,
    [options.staleAfterSeconds],
  );
  const id = uuidv7();
  try {
    await pool.query(
      `insert into sync_runs (id, status, trigger, triggered_by_id, worker_id, started_at, heartbeat_at)
       values ($1, 'running', $2, $3, $4, now(), now())`,
      [id, options.trigger, options.triggeredBy ?? null, options.workerId],
    );
    return id;
  } catch (error) {
    if ((error as { code?: string; constraint?: string }).constraint === 'sync_runs_one_running') return null;
    throw error;
  }
}

/** Records progress: the figures so far, and that the worker is alive. */
export async function heartbeat(pool: pg.Pool, id: string, counts: RunCounts): Promise<void> {
  await pool.query(
    `update sync_runs set heartbeat_at = now(), rows_read = $2, rows_updated = $3, rows_unchanged = $4,
            unknown_national_ids = $5, malformed_national_ids = $6, invalid_rows = $7
      where id = $1`,
    [
      id,
      counts.rowsRead,
      counts.rowsUpdated,
      counts.rowsUnchanged,
      counts.unknownNationalIds,
      counts.malformedNationalIds,
      counts.invalidRows,
    ],
  );
}

export async function finishRun(
  pool: pg.Pool,
  id: string,
  outcome: {
    status: 'succeeded' | 'failed' | 'abandoned';
    counts: RunCounts;
    samples: SyncRunSample[];
    error?: string | null;
  },
): Promise<void> {
  const c = outcome.counts;
  await pool.query(
    `update sync_runs set status = $2, finished_at = now(), heartbeat_at = now(), rows_read = $3, rows_updated = $4,
            rows_unchanged = $5, unknown_national_ids = $6, malformed_national_ids = $7, invalid_rows = $8,
            samples = $9::jsonb, error = $10
      where id = $1`,
    [
      id,
      outcome.status,
      c.rowsRead,
      c.rowsUpdated,
      c.rowsUnchanged,
      c.unknownNationalIds,
      c.malformedNationalIds,
      c.invalidRows,
      JSON.stringify(outcome.samples),
      outcome.error ?? null,
    ],
  );
}
