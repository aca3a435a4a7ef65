import { hostname } from 'node:os';
import type { BigQuery } from '@google-cloud/bigquery';
import type { SyncTrigger } from '@meditrack/contract';
import { applyVaccinationBatch, type SyncRunSample, systemActor, type VaccinationRecord } from '@meditrack/domain';
import type pg from 'pg';
import { type SyncEnv, sourceQuery } from './config.js';
import { maskNationalId, normalizeRow } from './normalize.js';
import { isTransient } from './retry.js';
import { emptyCounts, finishRun, heartbeat, LOST_LOCK_ERROR, type RunCounts, startRun } from './runs.js';
import { bigQueryClient, readPages } from './source.js';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunSyncOptions {
  env: SyncEnv;
  pool: pg.Pool;
  trigger: SyncTrigger;
  triggeredBy?: string | null;
  /** Stops the run between batches (SIGTERM): the batch in progress commits, the run is recorded abandoned. */
  signal?: AbortSignal;
  logger: SyncLogger;
  /** Injected in tests; otherwise built from `env`. */
  bigQuery?: BigQuery;
  /** A run already claimed with `startRun` (the API claims first, to answer 409 or 202 at once). */
  runId?: string;
}

export type RunOutcome =
  | { status: 'skipped'; reason: string }
  | {
      status: 'succeeded' | 'failed' | 'abandoned';
      runId: string;
      counts: RunCounts;
      durationMs: number;
      error?: string;
    };

/** Who the sync is in the audit trail. */
const SYNC_ACTOR = systemActor('sync-worker');

/** The run no longer owns the sync lock: a newer run took over while this one was frozen. */
class LostRunLock extends Error {
  constructor() {
    super(LOST_LOCK_ERROR);
  }
}

const describeFailure = (e: unknown) => {
  const err = e as Error & { code?: unknown };
  return `${isTransient(e) ? 'transient error, retries exhausted' : 'error'}: ${err?.message ?? String(e)}`.slice(
    0,
    2000,
  );
};

/** A stop (SIGTERM): the batch in progress commits, then the run is abandoned; failed if that write fails. */
async function stopped(applyBatch: () => Promise<void>): Promise<{ status: 'abandoned' | 'failed'; error: string }> {
  try {
    await applyBatch();
    return { status: 'abandoned', error: 'stopped by a shutdown signal; the rows read so far were applied' };
  } catch (e) {
    return e instanceof LostRunLock
      ? { status: 'abandoned', error: e.message }
      : { status: 'failed', error: describeFailure(e) };
  }
}

/** Attempts at recording a run's end when the database hiccups (a failover), 1 s then 2 s apart. */
const FINISH_ATTEMPTS = 3;

const MAX_SAMPLES = 30;
const SAMPLES_PER_PROBLEM = 5;

/**
 * One vaccination sync: claim the run (or skip when another is running), read BigQuery page by page,
 * normalise, apply in batches (changed patients only), record figures and samples, log one line.
 * Never throws: a data, source or database problem (a dropped connection included) ends the run
 * `failed` with its error; a run that lost its lock (taken over while frozen) stops without
 * writing and ends `abandoned`. Every row read is counted once (`countsAddUp`): what a failed or
 * stopped run read but did not apply is `rowsNotApplied`.
 */
export async function runSync(options: RunSyncOptions): Promise<RunOutcome> {
  const { env, pool, logger } = options;
  const workerId = `${hostname()}:${process.pid}`;
  const runId =
    options.runId ??
    (await startRun(pool, {
      trigger: options.trigger,
      triggeredBy: options.triggeredBy ?? null,
      workerId,
      staleAfterSeconds: env.SYNC_STALE_AFTER_SECONDS,
    }));
  if (!runId) {
    logger.warn({ trigger: options.trigger, workerId }, 'vaccination sync skipped: another run is in progress');
    return { status: 'skipped', reason: 'another run is in progress' };
  }

  const started = Date.now();
  const counts = emptyCounts();
  const samples: SyncRunSample[] = [];
  const perProblem = new Map<string, number>();
  // A few examples of each kind of problem, so one flood (say, unknown IDs) does not hide the others.
  const sample = (s: SyncRunSample) => {
    const kind = s.problem.replace(/".*"/, '""');
    const seen = perProblem.get(kind) ?? 0;
    if (seen >= SAMPLES_PER_PROBLEM || samples.length >= MAX_SAMPLES) return;
    perProblem.set(kind, seen + 1);
    samples.push(s);
  };
  let status: 'succeeded' | 'failed' | 'abandoned' = 'succeeded';
  let error: string | undefined;

  const applyRecords = async (records: VaccinationRecord[]) => {
    if (!records.length) return;
    const result = await applyVaccinationBatch(pool, SYNC_ACTOR, records, runId);
    if (!result.owned) throw new LostRunLock();
    counts.rowsUpdated += result.updated;
    counts.rowsUnchanged += result.matched - result.updated;
    counts.unknownNationalIds += records.length - result.matched;
    for (const id of result.unknownSample)
      sample({ row: -1, nationalId: maskNationalId(id), problem: 'no patient has this national ID' });
  };

  // The records read and not applied yet: a batch filling up, or the one whose write failed.
  let batch = new Map<string, VaccinationRecord>();
  const applyBatch = async () => {
    await applyRecords([...batch.values()]);
    batch = new Map();
  };
  try {
    const bq = options.bigQuery ?? bigQueryClient(env);
    const retry = {
      attempts: env.SYNC_RETRY_ATTEMPTS,
      baseMs: env.SYNC_RETRY_BASE_MS,
      totalMs: env.SYNC_RETRY_TOTAL_MS,
      ...(options.signal ? { signal: options.signal } : {}),
      onRetry: ({ attempt, delayMs, error: e }: { attempt: number; delayMs: number; error: unknown }) =>
        logger.warn(
          { runId, attempt, delayMs, err: String((e as Error)?.message ?? e) },
          'BigQuery call failed; retrying',
        ),
    };
    for await (const page of readPages(bq, sourceQuery(env), {
      pageSize: env.SYNC_PAGE_SIZE,
      location: env.BIGQUERY_LOCATION,
      retry,
    })) {
      if (options.signal?.aborted) break;
      for (const row of page) {
        counts.rowsRead += 1;
        const normalized = normalizeRow(row);
        if (!normalized.ok) {
          if (normalized.kind === 'malformed-id') counts.malformedNationalIds += 1;
          else counts.invalidRows += 1;
          sample({
            row: counts.rowsRead,
            nationalId: maskNationalId(normalized.nationalId),
            problem: normalized.problem,
          });
          continue;
        }
        // The same national ID twice in one batch: the later row wins (a batch updates a patient once).
        if (batch.has(normalized.record.nationalId)) {
          counts.invalidRows += 1;
          sample({
            row: counts.rowsRead,
            nationalId: maskNationalId(normalized.record.nationalId),
            problem: 'duplicate national ID in the source; the later row was used',
          });
        }
        batch.set(normalized.record.nationalId, normalized.record);
        if (batch.size >= env.SYNC_BATCH_SIZE) {
          await applyBatch();
          if (!(await heartbeat(pool, runId, counts))) throw new LostRunLock();
          if (options.signal?.aborted) break;
        }
      }
      if (options.signal?.aborted) break;
    }
    // Stopped or done: the batch in progress commits either way.
    if (options.signal?.aborted) ({ status, error } = await stopped(applyBatch));
    else await applyBatch();
  } catch (e) {
    if (e instanceof LostRunLock) {
      status = 'abandoned';
      error = e.message;
    } else if (options.signal?.aborted) {
      // Stopped while the source was being retried (the retry gives up on the signal): a stop like
      // any other, the batch in progress commits (failed if that write fails too).
      ({ status, error } = await stopped(applyBatch));
    } else {
      status = 'failed';
      error = describeFailure(e);
    }
  }
  counts.rowsNotApplied += batch.size;

  // Recorded on a fresh connection of the pool: a dropped one is replaced. If the database stays away,
  // the row stays `running` until SYNC_STALE_AFTER_SECONDS, when the next run marks it abandoned.
  for (let attempt = 1; attempt <= FINISH_ATTEMPTS; attempt++) {
    try {
      const recorded = await finishRun(pool, runId, { status, counts, samples, error: error ?? null });
      // Taken over after its last write: recorded abandoned, never succeeded.
      if (recorded !== status) [status, error] = [recorded, LOST_LOCK_ERROR];
      break;
    } catch (e) {
      if (attempt === FINISH_ATTEMPTS) {
        logger.error(
          { runId, err: String((e as Error)?.message ?? e) },
          'vaccination sync: its end could not be recorded',
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
  const durationMs = Date.now() - started;
  // maxRSS: the process's peak resident memory so far, so operators see that a big table stays flat.
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const line = {
    runId,
    trigger: options.trigger,
    status,
    durationMs,
    ...counts,
    maxRssMb,
    ...(error ? { error } : {}),
  };
  if (status === 'failed') logger.error(line, 'vaccination sync failed');
  else logger.info(line, `vaccination sync ${status}`);
  return { status, runId, counts, durationMs, ...(error ? { error } : {}) };
}
