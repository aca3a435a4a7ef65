/**
 * Vaccination sync benchmark: `BENCH_DATABASE_URL=postgres://... pnpm bench:sync` (PostgreSQL;
 * without it PGlite, with BENCH_PATIENTS lowered). A scratch database gets BENCH_PATIENTS patients
 * (default 1,000,000); the BigQuery stand-in serves 100k and then 1M rows (BENCH_ROWS); for each:
 *   1. the real worker process (`--once`, real BigQuery client over HTTP), every row a change, and
 *   2. the same rows applied by raw `UPDATE ... FROM unnest(...)` batches from this process, no
 *      BigQuery, no audit: the floor of what the database can do,
 * side by side; rows/s, the ratio, and the worker's peak RSS (from its run log line).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@meditrack/domain/testing';
import { startBigQueryStandIn, VACCINATION_COLUMNS } from '@meditrack/sync/testing';
import pg from 'pg';
import { fmt } from './measure.js';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 1_000_000);
const SIZES = (process.env.BENCH_ROWS ?? '100000,1000000').split(',').map(Number);
const nik = (i: number) => String(3100000000000000 + i);
const here = dirname(fileURLToPath(import.meta.url));
const workerMain = join(here, '..', '..', 'apps', 'sync-worker', 'src', 'main.ts');
const tsxCli = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

const db = await createTestDatabase();
const c = db.connection;
const url =
  'connectionString' in c ? c.connectionString : `postgres://${c.user}:${c.password}@${c.host}:${c.port}/${c.database}`;
const pool = new pg.Pool({ connectionString: url, max: 2 });

console.log(`seeding ${PATIENTS} patients on ${db.kind} ...`);
const t = performance.now();
await pool.query(
  `insert into patients (id, name, search_name, date_of_birth, national_id, created_at, updated_at)
   select gen_random_uuid(), 'P' || i, 'p' || i, date '1980-01-01' + (i % 20000), (3100000000000000 + i)::text, now(), now()
     from generate_series(0, $1::int - 1) as i`,
  [PATIENTS],
);
console.log(`seeded in ${fmt((performance.now() - t) / 1000)} s`);

// Every run changes every row: the vaccine type carries a round number.
let round = 0;
const standIn = await startBigQueryStandIn({ columns: VACCINATION_COLUMNS, rowCount: 0, rowAt: () => [] });
const serve = (rows: number, tag: string) =>
  standIn.setData({
    columns: VACCINATION_COLUMNS,
    rowCount: rows,
    rowAt: (i) => [nik(i % PATIENTS), `Vaccine-${tag}`, String(i % 4), '2024-05-01'],
  });

function runWorker(): Promise<{ seconds: number; line: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let output = '';
    const child = spawn(process.execPath, [tsxCli, workerMain, '--once'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: url,
        BIGQUERY_PROJECT_ID: 'bench',
        BIGQUERY_TABLE: 'vaccination.vaccine_data',
        BIGQUERY_API_ENDPOINT: standIn.endpoint,
        BIGQUERY_AUTH: 'none',
        SYNC_PAGE_SIZE: '5000',
        SYNC_BATCH_SIZE: '2000',
      },
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      const line = output
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((l) => l.msg?.startsWith('vaccination sync'));
      if (code !== 0 || !line) reject(new Error(`worker exited ${code}: ${output.slice(-2000)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, line });
    });
  });
}

async function rawUpdate(rows: number, tag: string): Promise<number> {
  const started = performance.now();
  for (let offset = 0; offset < rows; offset += 2000) {
    const ids: string[] = [];
    const types: string[] = [];
    const counts: number[] = [];
    for (let i = offset; i < Math.min(offset + 2000, rows); i++) {
      ids.push(nik(i % PATIENTS));
      types.push(`Vaccine-${tag}`);
      counts.push(i % 4);
    }
    await pool.query(
      `update patients p set vaccine_type = s.t, vaccine_dose_count = s.c, last_vaccine_dose_date = date '2024-05-01',
              vaccination_synced_at = now(), version = p.version + 1, updated_at = now()
         from unnest($1::char(16)[], $2::text[], $3::int[]) as s(n, t, c)
        where p.national_id = s.n`,
      [ids, types, counts],
    );
  }
  return (performance.now() - started) / 1000;
}

const results: string[] = [];
for (const rows of SIZES) {
  round += 1;
  serve(rows, `s${round}`);
  const sync = await runWorker();
  const rawSeconds = await rawUpdate(rows, `r${round}`);
  const syncRate = rows / sync.seconds;
  const rawRate = rows / rawSeconds;
  results.push(
    `| ${rows.toLocaleString('en')} | ${fmt(sync.seconds)} | ${fmt(syncRate, 0)} | ${fmt(rawSeconds)} | ${fmt(rawRate, 0)} | ${fmt(syncRate / rawRate, 2)} | ${sync.line.maxRssMb} | ${sync.line.rowsUpdated} |`,
  );
  console.log(results.at(-1));
}

console.log(`\nSync benchmark on ${db.kind}, ${PATIENTS.toLocaleString('en')} patients, every row a change`);
console.log(
  '| source rows | worker s | worker rows/s | raw unnest s | raw rows/s | ratio worker/raw | worker peak RSS MB | patients updated |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(r);
await pool.end();
await standIn.close();
await db.close();
process.exit(0);
