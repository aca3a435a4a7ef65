import { AuditEvent, DEFAULT_DATABASE_TIMEOUTS, Patient, pgTimeoutSettings, SyncRun } from '@meditrack/domain';
import {
  createTestDatabase,
  databaseUrlOf,
  startProxyFor,
  type TcpProxy,
  type TestDatabase,
  testEntityManager,
} from '@meditrack/domain/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyncConfig, type SyncEnv } from '../src/config.js';
import { openSyncPool } from '../src/pool.js';
import { type RunOutcome, runSync, type SyncLogger } from '../src/run.js';
import { countsAddUp, emptyCounts, finishRun, LOST_LOCK_ERROR, startRun } from '../src/runs.js';
import {
  type BigQueryStandIn,
  type Cell,
  standInSettings,
  startBigQueryStandIn,
  VACCINATION_COLUMNS,
} from '../src/testing/index.js';

/**
 * Faults of a sync run, on the real database (PGlite, or PostgreSQL in CI) behind a TCP proxy that
 * drops connections or stops forwarding: a lost connection fails the run cleanly and the next run
 * completes the rest; a run taken over while frozen writes nothing more and ends abandoned.
 */
const PATIENTS = 2000;
const nik = (i: number) => String(3173000000000000 + i);

/** Every patient, with a dose count that depends on the source's version (so each version changes every patient). */
const source = (version: number) => ({
  columns: VACCINATION_COLUMNS,
  rowCount: PATIENTS,
  rowAt: (i: number): Cell[] => [nik(i), 'Sinovac', String(version), null],
});

let db: TestDatabase;
let proxy: TcpProxy;
let pool: pg.Pool;
const stand: BigQueryStandIn[] = [];
const warnings: string[] = [];
const logger: SyncLogger = { info: () => {}, warn: (_, msg) => warnings.push(msg), error: () => {} };

const envFor = (bq: BigQueryStandIn, extra: Record<string, string> = {}): SyncEnv =>
  loadSyncConfig(standInSettings(bq, { SYNC_PAGE_SIZE: '100', SYNC_BATCH_SIZE: '100', ...extra }));
const standIn = async (version: number) => {
  const bq = await startBigQueryStandIn(source(version));
  stand.push(bq);
  return bq;
};
const runRecord = (id: string) => testEntityManager(db.orm).findOneOrFail(SyncRun, id);
const doseCounts = async () =>
  new Set(
    (await testEntityManager(db.orm).find(Patient, {}, { fields: ['vaccineDoseCount'] })).map(
      (p) => p.vaccineDoseCount,
    ),
  );

/** Polls the database directly (not through the proxy) until `check` holds. */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const runningWithProgress = async () =>
  (await testEntityManager(db.orm).count(SyncRun, { status: 'running', rowsRead: { $gt: 0 } })) > 0;
const noneRunning = async () => (await testEntityManager(db.orm).count(SyncRun, { status: 'running' })) === 0;

/** The run ran (an assertion: a skipped run fails the test) and its counts add up. */
function expectAddsUp(outcome: RunOutcome): asserts outcome is Exclude<RunOutcome, { status: 'skipped' }> {
  if (outcome.status === 'skipped') throw new Error('the run was skipped');
  expect(countsAddUp(outcome.counts), JSON.stringify(outcome.counts)).toBe(true);
}

beforeAll(async () => {
  db = await createTestDatabase();
  const em = testEntityManager(db.orm);
  for (let i = 0; i < PATIENTS; i++)
    em.create(Patient, { name: `F${i}`, dateOfBirth: '1985-01-01', nationalId: nik(i) });
  await em.flush();
  proxy = await startProxyFor(db.connection);
  pool = openSyncPool(
    {
      connectionString: databaseUrlOf(db.connection, proxy),
      ...pgTimeoutSettings(DEFAULT_DATABASE_TIMEOUTS, 'postgresql'),
    },
    { applicationName: 'meditrack-sync-fault-test', logger },
  );
});
afterAll(async () => {
  await pool?.end();
  await proxy?.close();
  for (const bq of stand) await bq.close();
  await db?.close();
});

describe('a sync whose database connection is dropped mid-run', () => {
  it('logs an idle connection the server dropped (a restart between statements) instead of dying of it', async () => {
    await pool.query('select 1');
    expect(pool.idleCount).toBeGreaterThan(0);
    warnings.length = 0;
    proxy.dropConnections();
    await until('the loss is logged', async () => warnings.length > 0, 5000);
    expect(warnings[0]).toMatch(/connection was lost/);
    expect((await pool.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
  });

  it('fails the run with the reason, keeps the process up, and the next run completes the rest with exact counts', async () => {
    const bq = await standIn(1);
    bq.setPageDelay(5);
    const first = runSync({ env: envFor(bq), pool, trigger: 'manual', logger });
    await until('a batch is applied', runningWithProgress);
    // Silence first, so the run is certainly inside a statement (BigQuery is not behind the proxy),
    // then drop: that statement fails the way a killed backend fails it.
    proxy.partition();
    await new Promise((r) => setTimeout(r, 500));
    proxy.dropConnections();
    proxy.heal();
    const failed = await first;
    expect(failed.status).toBe('failed');
    expectAddsUp(failed);
    expect(failed.error).toMatch(/connection|terminated|ECONNRESET/i);
    expect(failed.counts.rowsRead).toBeLessThan(PATIENTS);
    expect(await runRecord(failed.runId)).toMatchObject({
      status: 'failed',
      rowsRead: failed.counts.rowsRead,
      rowsUpdated: failed.counts.rowsUpdated,
      rowsNotApplied: failed.counts.rowsNotApplied,
    });

    // What the run wrote. The batch in flight when the connection died counts as not applied, but its
    // statement may have committed with only the answer lost: the rows lie between.
    const applied = await testEntityManager(db.orm).count(Patient, { vaccineDoseCount: 1 });
    expect(applied).toBeGreaterThanOrEqual(failed.counts.rowsUpdated);
    expect(applied).toBeLessThanOrEqual(failed.counts.rowsUpdated + failed.counts.rowsNotApplied);

    // The pool replaced what it lost; the next run applies the rest, and finds the first run's work done.
    bq.setPageDelay(0);
    const next = await runSync({ env: envFor(bq), pool, trigger: 'manual', logger });
    expect(next).toMatchObject({
      status: 'succeeded',
      counts: { rowsRead: PATIENTS, rowsUpdated: PATIENTS - applied, rowsUnchanged: applied, rowsNotApplied: 0 },
    });
    expectAddsUp(next);
    expect(await doseCounts()).toEqual(new Set([1]));
  });
});

describe('a run frozen past the stale time and taken over', () => {
  it('writes nothing after the takeover: the newer data stays, the frozen run ends abandoned', async () => {
    await until('no run is running', noneRunning);
    const older = await standIn(2);
    // Slow enough pages that the run is still going when it is frozen.
    older.setPageDelay(20);
    const newer = await standIn(3);
    const stale = { SYNC_STALE_AFTER_SECONDS: '1' };
    const frozen = runSync({ env: envFor(older, stale), pool, trigger: 'schedule', logger });
    await until('the first run applied a batch', runningWithProgress);
    // Frozen: its next BigQuery page does not come, so it sends no heartbeat, for longer than the stale time.
    const thaw = older.hold();
    await new Promise((r) => setTimeout(r, 1500));
    const takeover = await runSync({ env: envFor(newer, stale), pool, trigger: 'manual', logger });
    expect(takeover.status).toBe('succeeded');
    expect(await doseCounts()).toEqual(new Set([3]));

    thaw();
    const outcome = await frozen;
    expect(outcome.status).toBe('abandoned');
    expectAddsUp(outcome);
    expect(outcome.error).toBe(LOST_LOCK_ERROR);
    expect(outcome.counts.rowsNotApplied).toBeGreaterThan(0);
    // The newer run's data stayed; the frozen run's audit trail holds only what it wrote before.
    expect(await doseCounts()).toEqual(new Set([3]));
    const em = testEntityManager(db.orm);
    expect(await em.count(AuditEvent, { action: 'patient.vaccination-sync', requestId: outcome.runId })).toBe(
      outcome.counts.rowsUpdated,
    );
    expect(await runRecord(outcome.runId)).toMatchObject({
      status: 'abandoned',
      error: LOST_LOCK_ERROR,
      rowsRead: outcome.counts.rowsRead,
      rowsNotApplied: outcome.counts.rowsNotApplied,
    });
  });
});

describe("recording a run's end", () => {
  it("a second attempt (the first one's answer lost) keeps what was recorded; a run taken over ends abandoned", async () => {
    await until('no run is running', noneRunning);
    const end = { counts: emptyCounts(), samples: [] };
    const id = await startRun(pool, { trigger: 'manual', workerId: 'test', staleAfterSeconds: 600 });
    if (!id) throw new Error('no run started');
    expect(await finishRun(pool, id, { ...end, status: 'failed', error: 'the source failed' })).toBe('failed');
    expect(await finishRun(pool, id, { ...end, status: 'failed', error: 'the source failed' })).toBe('failed');
    expect(await runRecord(id)).toMatchObject({ status: 'failed', error: 'the source failed' });

    const frozen = await startRun(pool, { trigger: 'manual', workerId: 'frozen', staleAfterSeconds: 600 });
    if (!frozen) throw new Error('no run started');
    await testEntityManager(db.orm)
      .getConnection()
      .execute(`update sync_runs set heartbeat_at = now() - interval '1 hour' where id = ?`, [frozen]);
    const taker = await startRun(pool, { trigger: 'manual', workerId: 'taker', staleAfterSeconds: 60 });
    expect(taker).not.toBeNull();
    expect(await finishRun(pool, frozen, { ...end, status: 'succeeded' })).toBe('abandoned');
    expect(await runRecord(frozen)).toMatchObject({ status: 'abandoned', error: LOST_LOCK_ERROR });
    if (taker) await finishRun(pool, taker, { ...end, status: 'succeeded' });
  });
});

describe('a run stopped by a shutdown signal or a source failure', () => {
  it('accounts for every row read: the batch in progress commits on a stop; a failure counts it not applied', async () => {
    await until('no run is running', noneRunning);
    const bq = await standIn(4);
    // Pages of 70 in batches of 100: a stop between pages leaves a part-filled batch.
    const env = envFor(bq, { SYNC_PAGE_SIZE: '70' });
    bq.setPageDelay(30);
    const controller = new AbortController();
    const stopping = runSync({ env, pool, trigger: 'manual', logger, signal: controller.signal });
    await until('a batch is applied', runningWithProgress);
    controller.abort();
    const stopped = await stopping;
    expect(stopped.status).toBe('abandoned');
    expectAddsUp(stopped);
    // Everything read was written (no unknown, malformed or invalid rows in this source).
    expect(stopped.counts.rowsNotApplied).toBe(0);
    expect(stopped.counts.rowsUpdated + stopped.counts.rowsUnchanged).toBe(stopped.counts.rowsRead);

    // A source that fails for good mid-run (a permanent error, not retried): the batch being filled is not applied.
    await until('no run is running', noneRunning);
    const failing = runSync({ env, pool, trigger: 'manual', logger });
    await until('a batch is applied', runningWithProgress);
    bq.fail({ on: 'results', status: 400, reason: 'invalidQuery', message: 'the table was dropped' });
    const failed = await failing;
    expect(failed.status).toBe('failed');
    expectAddsUp(failed);
    expect(failed.counts.rowsRead).toBeLessThan(PATIENTS);
    expect(await runRecord(failed.runId)).toMatchObject({
      status: 'failed',
      rowsRead: failed.counts.rowsRead,
      rowsNotApplied: failed.counts.rowsNotApplied,
    });
  });
});
