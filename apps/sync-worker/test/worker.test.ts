import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Patient, SyncRun } from '@meditrack/domain';
import {
  createTestDatabase,
  databaseUrlOf,
  startProxyFor,
  type TestDatabase,
  testEntityManager,
} from '@meditrack/domain/testing';
import { countsAddUp } from '@meditrack/sync';
import {
  type BigQueryStandIn,
  type Cell,
  standInSettings,
  startBigQueryStandIn,
  VACCINATION_COLUMNS,
} from '@meditrack/sync/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleDaily } from '../src/scheduler.js';

const here = dirname(fileURLToPath(import.meta.url));
const tsxCli = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
const nik = (i: number) => String(3172000000000000 + i);

let db: TestDatabase;
let bq: BigQueryStandIn;
let databaseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  databaseUrl = databaseUrlOf(db.connection);
  const em = testEntityManager(db.orm);
  for (let i = 0; i < 1000; i++) em.create(Patient, { name: `W${i}`, dateOfBirth: '1970-01-01', nationalId: nik(i) });
  await em.flush();
  bq = await startBigQueryStandIn({
    columns: VACCINATION_COLUMNS,
    rowCount: 1000,
    rowAt: (i): Cell[] => [nik(i), 'AstraZeneca', '2', '2024-02-02'],
  });
});
afterAll(async () => {
  await bq?.close();
  await db?.close();
});
beforeEach(() => bq.reset());

/** The worker as its own process, exactly as `pnpm sync:once` starts it. */
function worker(
  args: string[],
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; exit: Promise<number>; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [tsxCli, join(here, '..', 'src', 'main.ts'), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      ...standInSettings(bq, { SYNC_PAGE_SIZE: '100', SYNC_BATCH_SIZE: '100', ...extraEnv }),
    },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exit, output: () => output };
}

const runs = () => testEntityManager(db.orm).find(SyncRun, {}, { orderBy: { startedAt: 'asc' } });

/** Polls until `check` holds (machines here are shared: no fixed sleeps). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sync worker process', () => {
  it('--once runs one sync, logs one line with the figures, exits 0', async () => {
    const w = worker(['--once']);
    expect(await w.exit).toBe(0);
    const line = w
      .output()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'vaccination sync succeeded');
    expect(line).toMatchObject({ rowsRead: 1000, rowsUpdated: 1000, unknownNationalIds: 0 });
  });

  it('two workers started together: exactly one runs (the other exits 3)', async () => {
    // The winner's run is held at its first BigQuery page until the loser has given up: however
    // unevenly the two processes start on a loaded machine, their runs overlap.
    const release = bq.hold();
    const before = (await runs()).length;
    const pair = [worker(['--once']), worker(['--once'])];
    const first = await Promise.race(pair.map((w, i) => w.exit.then((code) => ({ code, i }))));
    release();
    expect(first.code).toBe(3);
    expect(await pair[1 - first.i]?.exit).toBe(0);
    expect((await runs()).length).toBe(before + 1);
  });

  it('SIGTERM mid-run: finishes the batch, records the run as abandoned, exits 0', async () => {
    bq.setPageDelay(200);
    const w = worker(['--once']);
    // Signal once the run has applied at least one batch (its heartbeat carries the figures).
    await until(async () => (await runs()).some((r) => r.status === 'running' && r.rowsRead > 0));
    w.child.kill('SIGTERM');
    expect(await w.exit).toBe(0);
    const last = (await runs()).at(-1);
    expect(last).toMatchObject({ status: 'abandoned' });
    expect(last?.rowsRead).toBeLessThan(1000);
  });

  it('refuses a bad configuration with one message naming every problem, exit 2', async () => {
    const w = worker(['--once'], { BIGQUERY_PROJECT_ID: '', BIGQUERY_TABLE: 'not a table', SYNC_PAGE_SIZE: 'lots' });
    expect(await w.exit).toBe(2);
    for (const name of ['BIGQUERY_PROJECT_ID', 'BIGQUERY_TABLE', 'SYNC_PAGE_SIZE']) expect(w.output()).toContain(name);
  });

  it('keeps its schedule running after a failed run', async () => {
    bq.fail({ on: 'results', status: 400, message: 'Table not found' });
    const w = worker([], { SYNC_CRON: '* * * * * *' });
    await until(() => w.output().includes('vaccination sync succeeded'));
    expect(w.child.exitCode).toBeNull();
    w.child.kill('SIGTERM');
    expect(await w.exit).toBe(0);
    expect(w.output()).toContain('vaccination sync failed');
    expect(w.output()).toContain('vaccination sync succeeded');
  });
});

describe('sync worker process, its database connection dropped mid-run', () => {
  it('records the run failed, stays up, and its next scheduled run completes the rest with exact counts', async () => {
    // New values for every patient, so each run's figures say exactly what it wrote.
    bq.setData({
      columns: VACCINATION_COLUMNS,
      rowCount: 1000,
      rowAt: (i): Cell[] => [nik(i), 'Novavax', '3', '2025-03-03'],
    });
    bq.setPageDelay(100);
    const proxy = await startProxyFor(db.connection);
    const before = (await runs()).length;
    // Every second; croner skips a tick while a run is going.
    const w = worker([], { SYNC_CRON: '* * * * * *', DATABASE_URL: databaseUrlOf(db.connection, proxy) });
    try {
      await until(async () => (await runs()).some((r) => r.status === 'running' && r.rowsRead > 0));
      // Silence, so the run is inside a statement (BigQuery is not behind the proxy), then the backend dies.
      proxy.partition();
      await new Promise((r) => setTimeout(r, 500));
      proxy.dropConnections();
      // The next scheduled run waits at its first page until the failed run's work is counted.
      const release = bq.hold();
      proxy.heal();
      await until(async () => (await runs()).slice(before).some((r) => r.status === 'failed'));
      const failed = (await runs()).slice(before).find((r) => r.status === 'failed');
      expect(failed?.error).toMatch(/connection|terminated|ECONNRESET/i);
      expect(w.child.exitCode).toBeNull();
      // The batch in flight counts as not applied, but may have committed with only its answer lost.
      const applied = await testEntityManager(db.orm).count(Patient, { vaccineType: 'Novavax' });

      bq.setPageDelay(0);
      release();
      await until(async () => (await runs()).slice(before).some((r) => r.status === 'succeeded'), 60_000);
      const next = (await runs()).slice(before).find((r) => r.status === 'succeeded');
      expect(next).toMatchObject({
        rowsRead: 1000,
        rowsUpdated: 1000 - applied,
        rowsUnchanged: applied,
        rowsNotApplied: 0,
      });
      if (!failed) throw new Error('no failed run');
      expect(applied).toBeGreaterThanOrEqual(failed.rowsUpdated);
      expect(applied).toBeLessThanOrEqual(failed.rowsUpdated + failed.rowsNotApplied);
      for (const r of [failed, next]) {
        if (!r) continue;
        expect(countsAddUp(r), JSON.stringify(r)).toBe(true);
      }
    } finally {
      w.child.kill('SIGTERM');
      await w.exit;
      await proxy.close();
    }
  });
});

describe('schedule', () => {
  it('fires at 02:00 in the configured zone (mocked clock), across a daylight-saving change', async () => {
    vi.useFakeTimers();
    try {
      // Europe/Berlin: 02:00 local is 01:00Z in winter and 00:00Z in summer. On 2031-03-30 the clocks
      // jump from 02:00 to 03:00, so 02:00 does not exist: the run happens at 03:00 local (01:00Z),
      // not skipped.
      vi.setSystemTime(new Date('2031-03-28T23:00:00Z'));
      const fired: string[] = [];
      const job = scheduleDaily({
        name: 'vaccination-sync',
        cron: '0 2 * * *',
        timeZone: 'Europe/Berlin',
        run: async () => void fired.push(new Date().toISOString()),
        onError: () => {},
      });
      expect(job.nextRun()?.toISOString()).toBe('2031-03-29T01:00:00.000Z');
      await vi.advanceTimersByTimeAsync(3 * 24 * 3600_000);
      job.stop();
      expect(fired).toEqual(['2031-03-29T01:00:00.000Z', '2031-03-30T01:00:00.000Z', '2031-03-31T00:00:00.000Z']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('survives a run that throws', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
      const errors: unknown[] = [];
      let calls = 0;
      const job = scheduleDaily({
        name: 'vaccination-sync',
        cron: '0 * * * *',
        timeZone: 'UTC',
        run: async () => {
          calls += 1;
          throw new Error('boom');
        },
        onError: (e) => errors.push(e),
      });
      await vi.advanceTimersByTimeAsync(3 * 3600_000);
      job.stop();
      expect(calls).toBe(3);
      expect(errors).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
