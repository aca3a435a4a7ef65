import { AuditEvent, Patient, SyncRun } from '@meditrack/domain';
import { createTestDatabase, type TestDatabase, testEntityManager } from '@meditrack/domain/testing';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSyncConfig, type SyncEnv } from '../src/config.js';
import { runSync, type SyncLogger } from '../src/run.js';
import {
  type BigQueryStandIn,
  type Cell,
  standInSettings,
  startBigQueryStandIn,
  VACCINATION_COLUMNS,
} from '../src/testing/index.js';

const PATIENTS = 3000;
const nik = (i: number) => String(3171000000000000 + i);

let db: TestDatabase;
let pool: pg.Pool;
let bq: BigQueryStandIn;
let env: SyncEnv;
const lines: { level: string; obj: object; msg: string }[] = [];
const logger: SyncLogger = {
  info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
};

/**
 * The source: every patient but the last 200 (3,000 patients, 2,800 matching rows), then 300 unknown
 * national IDs, 100 malformed ones and 50 rows with an impossible dose count: 3,250 rows.
 */
function source(version: number) {
  const rows: Cell[][] = [];
  for (let i = 0; i < PATIENTS - 200; i++)
    rows.push([nik(i), i % 3 ? 'Sinovac' : 'Pfizer', String((i + version) % 4), i % 5 ? '2024-05-01' : null]);
  for (let i = 0; i < 300; i++) rows.push([nik(900_000 + i), 'Moderna', '2', null]);
  for (let i = 0; i < 100; i++) rows.push([`12345-${i}`, 'Moderna', '1', null]);
  for (let i = 0; i < 50; i++) rows.push([nik(i), 'Moderna', '-3', null]);
  return { columns: VACCINATION_COLUMNS, rowCount: rows.length, rowAt: (i: number) => rows[i] as Cell[] };
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ ...db.connection, max: 4 });
  const em = testEntityManager(db.orm);
  for (let i = 0; i < PATIENTS; i++)
    em.create(Patient, { name: `P${i}`, dateOfBirth: '1980-01-01', nationalId: nik(i) });
  await em.flush();
  bq = await startBigQueryStandIn(source(1));
  env = loadSyncConfig(standInSettings(bq, { SYNC_PAGE_SIZE: '700', SYNC_BATCH_SIZE: '500' }));
});
afterAll(async () => {
  await pool?.end();
  await bq?.close();
  await db?.close();
});
beforeEach(() => {
  bq.reset();
});

const run = (extra: Partial<Parameters<typeof runSync>[0]> = {}) =>
  runSync({ env, pool, trigger: 'manual', logger, ...extra });
const runsInDb = () => testEntityManager(db.orm).find(SyncRun, {}, { orderBy: { startedAt: 'asc' } });

describe('vaccination sync (real BigQuery client against a stand-in, real database)', () => {
  it('reads every page, updates the patients whose data changed, counts and samples the rest', async () => {
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: 'succeeded',
      counts: { rowsRead: 3250, unknownNationalIds: 300, malformedNationalIds: 100, invalidRows: 50 },
    });
    if (outcome.status === 'skipped') throw new Error('unexpected skip');
    // Patients whose dose count started at 0 in the source and had no vaccine are "changed" too (type set).
    expect(outcome.counts.rowsUpdated + outcome.counts.rowsUnchanged).toBe(2800);
    expect(outcome.counts.rowsUpdated).toBe(2800);

    // The real client asked for pages of 700 with int64 timestamps, running exactly our query.
    const insert = bq.calls.find((c) => c.method === 'POST') as { body: { configuration: { query: object } } };
    expect(insert.body.configuration.query).toMatchObject({
      query: 'SELECT national_id, vaccine_type, dose_count, last_dose_date FROM `vaccination`.`vaccine_data`',
      useLegacySql: false,
    });
    const pages = bq.calls.filter((c) => c.method === 'GET');
    expect(pages).toHaveLength(5);
    expect(
      pages.every((p) => p.query.maxResults === '700' && p.query['formatOptions.useInt64Timestamp'] === 'true'),
    ).toBe(true);

    const em = testEntityManager(db.orm);
    const p7 = await em.findOneOrFail(Patient, { nationalId: nik(7) });
    expect(p7).toMatchObject({
      vaccineType: 'Sinovac',
      vaccineDoseCount: 0,
      lastVaccineDoseDate: '2024-05-01',
      version: 2,
    });
    expect(p7.vaccinationSyncedAt).toBeInstanceOf(Date);
    const untouched = await em.findOneOrFail(Patient, { nationalId: nik(PATIENTS - 1) });
    expect(untouched).toMatchObject({ version: 1, vaccineType: null });
    expect(await em.count(AuditEvent, { action: 'patient.vaccination-sync', requestId: outcome.runId })).toBe(2800);
    expect(await em.count(Patient, { nationalId: nik(900_000) })).toBe(0);

    const [record] = await runsInDb();
    expect(record).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      rowsRead: 3250,
      rowsUpdated: 2800,
      unknownNationalIds: 300,
      malformedNationalIds: 100,
      invalidRows: 50,
    });
    expect(record?.samples?.some((s) => s.problem === 'national ID is not 16 digits')).toBe(true);
    expect(record?.samples?.some((s) => s.problem.startsWith('dose_count'))).toBe(true);
    expect(JSON.stringify(record?.samples)).not.toContain(nik(900_000)); // masked
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      msg: 'vaccination sync succeeded',
      obj: { rowsRead: 3250, rowsUpdated: 2800 },
    });
  });

  it('changes nothing the second time over the same data', async () => {
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { rowsUpdated: 0, rowsUnchanged: 2800 } });
    const p7 = await testEntityManager(db.orm).findOneOrFail(Patient, { nationalId: nik(7) });
    expect(p7.version).toBe(2);
  });

  it('polls a job that is not complete yet, and retries a 503 with backoff', async () => {
    bq.setData(source(2));
    bq.incomplete(2);
    bq.fail({ on: 'results', status: 503, times: 1 });
    bq.fail({ on: 'insert', status: 429, reason: 'rateLimitExceeded', times: 1 });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { rowsRead: 3250 } });
    expect(bq.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'BigQuery call failed; retrying').length).toBeGreaterThanOrEqual(2);
  });

  it('records a permanent error as a failed run without retrying it', async () => {
    bq.fail({ on: 'results', status: 400, reason: 'invalidQuery', message: 'Unrecognized name: no_ktp' });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(bq.calls.filter((c) => c.method === 'GET')).toHaveLength(1);
    const failed = (await runsInDb()).at(-1);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.error).toContain('Unrecognized name: no_ktp');
  });

  it('gives up on a source that stays down, within the retry bounds', async () => {
    bq.fail({ on: 'results', status: 503, times: 100 });
    const outcome = await runSync({ env: { ...env, SYNC_RETRY_ATTEMPTS: 3 }, pool, trigger: 'schedule', logger });
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(bq.calls.filter((c) => c.method === 'GET')).toHaveLength(3);
  });

  it('runs one at a time: of two started together exactly one runs', async () => {
    bq.setData(source(3));
    // The winner is held at its first page until the other has given up, so the two always overlap.
    const release = bq.hold();
    const before = (await runsInDb()).length;
    const pair = [run(), run()];
    const first = await Promise.race(pair);
    release();
    expect(first.status).toBe('skipped');
    const outcomes = await Promise.all(pair);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['skipped', 'succeeded']);
    expect((await runsInDb()).length).toBe(before + 1);
  });

  it('takes over from a crashed run once its heartbeat is stale', async () => {
    await pool.query(
      `insert into sync_runs (id, status, trigger, started_at, heartbeat_at) values ('018f0000-0000-7000-8000-00000000dead', 'running', 'schedule', now() - interval '2 hours', now() - interval '2 hours')`,
    );
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    const crashed = await testEntityManager(db.orm).findOneOrFail(SyncRun, '018f0000-0000-7000-8000-00000000dead');
    expect(crashed).toMatchObject({ status: 'abandoned' });
    expect(crashed.error).toMatch(/heartbeats/);
  });

  it('stops between batches on a shutdown signal, keeping what was applied and recording the run', async () => {
    bq.setData(source(4));
    bq.setPageDelay(150);
    const controller = new AbortController();
    const running = run({ signal: controller.signal });
    // Signal once a batch is applied (the heartbeat carries the figures): no fixed sleep on a shared machine.
    for (let i = 0; i < 600 && !(await runsInDb()).some((r) => r.status === 'running' && r.rowsRead > 0); i++)
      await new Promise((r) => setTimeout(r, 25));
    controller.abort();
    const outcome = await running;
    expect(outcome.status).toBe('abandoned');
    if (outcome.status === 'skipped') throw new Error('unexpected skip');
    expect(outcome.counts.rowsRead).toBeGreaterThan(0);
    expect(outcome.counts.rowsRead).toBeLessThan(3250);
    const record = (await runsInDb()).at(-1);
    expect(record).toMatchObject({ status: 'abandoned', rowsRead: outcome.counts.rowsRead });
    expect(record?.finishedAt).toBeInstanceOf(Date);
  });
});
