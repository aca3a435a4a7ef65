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
  /** Read but not applied: the batch whose write failed, or what was read after the run lost its lock. */
  rowsNotApplied: number;
}

export const emptyCounts = (): RunCounts => ({
  rowsRead: 0,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  unknownNationalIds: 0,
  malformedNationalIds: 0,
  invalidRows: 0,
  rowsNotApplied: 0,
});

/** Every row read is accounted for once: what the docs and the run record promise. */
export const countsAddUp = (c: RunCounts): boolean =>
  c.rowsRead ===
  c.rowsUpdated + c.rowsUnchanged + c.unknownNationalIds + c.malformedNationalIds + c.invalidRows + c.rowsNotApplied;

const COUNT_COLUMNS = `rows_read = $2, rows_updated = $3, rows_unchanged = $4, unknown_national_ids = $5,
            malformed_national_ids = $6, invalid_rows = $7, rows_not_applied = $8`;
const countParams = (c: RunCounts) => [
  c.rowsRead,
  c.rowsUpdated,
  c.rowsUnchanged,
  c.unknownNationalIds,
  c.malformedNationalIds,
  c.invalidRows,
  c.rowsNotApplied,
];

/**
 * Starts a run, or returns null when another one is running. The partial unique index on
 * sync_runs(status) where status = 'running' is the lock: it holds across processes and replicas,
 * and on PGlite too, where advisory locks exclude nobody. A run whose heartbeat is older than
 * `staleAfterSeconds` belonged to a crashed worker: it is marked abandoned first, so it cannot
 * block the next run forever.
 */
/** The note a takeover leaves on the stale run it marks abandoned. */
const TAKEOVER_NOTE = 'the worker stopped sending heartbeats (crashed or killed)';

export async function startRun(
  pool: pg.Pool,
  options: { trigger: SyncTrigger; triggeredBy?: string | null; workerId: string; staleAfterSeconds: number },
): Promise<string | null> {
  await pool.query(
    `update sync_runs set status = 'abandoned', finished_at = now(), error = $2
      where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)`,
    [options.staleAfterSeconds, TAKEOVER_NOTE],
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

/**
 * Records progress (the figures so far, and that the worker is alive) while the run still owns the
 * lock; false when it no longer does (a newer run took over): the run must stop writing.
 */
export async function heartbeat(pool: pg.Pool, id: string, counts: RunCounts): Promise<boolean> {
  const { rowCount } = await pool.query(
    `update sync_runs set heartbeat_at = now(), ${COUNT_COLUMNS} where id = $1 and status = 'running'`,
    [id, ...countParams(counts)],
  );
  return rowCount === 1;
}

/** What a run that lost its lock says of itself, after the takeover's own note. */
export const LOST_LOCK_ERROR =
  'another run took over after this one sent no heartbeat for SYNC_STALE_AFTER_SECONDS; this run stopped without writing';

/**
 * Records the run's end with its figures. A run that no longer owns the lock (taken over while it
 * was frozen) stays `abandoned` whatever it was about to say, never `succeeded`; a repeat of an end
 * already recorded (its first answer lost to a dropped connection) changes nothing. Returns the
 * status recorded.
 */
export async function finishRun(
  pool: pg.Pool,
  id: string,
  outcome: {
    status: 'succeeded' | 'failed' | 'abandoned';
    counts: RunCounts;
    samples: SyncRunSample[];
    error?: string | null;
  },
): Promise<'succeeded' | 'failed' | 'abandoned'> {
  const { rows } = await pool.query<{ status: 'succeeded' | 'failed' | 'abandoned' }>(
    `update sync_runs
        set status = case when status = 'running' then $9 else status end,
            error = case when status = 'running' then $11 when error = $13 then $12 else error end,
            finished_at = now(), heartbeat_at = now(), ${COUNT_COLUMNS}, samples = $10::jsonb
      where id = $1
      returning status`,
    [
      id,
      ...countParams(outcome.counts),
      outcome.status,
      JSON.stringify(outcome.samples),
      outcome.error ?? null,
      LOST_LOCK_ERROR,
      TAKEOVER_NOTE,
    ],
  );
  return rows[0]?.status ?? 'abandoned';
}
