/**
 * A newcomer's first minutes, tried for real: the README's commands against demo data, the root
 * URL, action POSTs without a body, messages a person can act on, and (on PostgreSQL) a
 * DATABASE_URL that names no migrated database.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seedDemoData } from '@meditrack/domain';
import { createEmptyTestDatabaseUrl, testEntityManager } from '@meditrack/domain/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nik, rest, startTestApi, type TestApi } from './harness.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ADMIN_PASSWORD = 'first-contact-admin-password';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await seedDemoData(testEntityManager(api.db.orm), {
    adminEmail: 'admin@meditrack.local',
    adminPassword: ADMIN_PASSWORD,
    demoPassword: 'first-contact-demo-password',
    timeZone: 'Asia/Jakarta',
  });
});
afterAll(async () => {
  await api?.close();
});

/** The README's shell block after "Then:", pointed at this server, with the admin password filled in. */
function readmeCommands(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /Then:\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README: no ```sh block after "Then:"');
  return block.replaceAll('http://127.0.0.1:3000', api.url).replaceAll('<password>', ADMIN_PASSWORD);
}

describe('first contact', () => {
  it('the README example finds what it promises in the demo data', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', readmeCommands()]);
    const page = JSON.parse(stdout) as { items: { name: string }[] };
    expect(page.items.length).toBeGreaterThan(0);
    for (const patient of page.items) expect(patient.name.normalize('NFD').replace(/\p{M}/gu, '')).toMatch(/^chloe/i);
  });

  it('GET / points to the docs: a browser is sent there, other clients get the map', async () => {
    const json = await rest<{ docs: string; openapi: string }>(api, 'GET', '/');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ docs: '/docs', openapi: '/openapi.json' });
    const browser = await fetch(`${api.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/docs');
  });

  it('takes an action POST without a body, with or without a JSON content type', async () => {
    const patient = await rest<{ id: string }>(api, 'POST', '/api/patients', {
      token: api.tokens.receptionist,
      body: { name: 'Walk', dateOfBirth: '1990-01-01', nationalId: nik() },
    });
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const booked = await rest<{ id: string }>(api, 'POST', '/api/appointments', {
      token: api.tokens.receptionist,
      body: { patientId: patient.body.id, doctorId: api.ownDoctorId, startsAt: `${startsAt}T10:00:00+07:00` },
    });
    expect(booked.status).toBe(201);
    for (const headers of [{}, { 'content-type': 'application/json' }] as Record<string, string>[]) {
      const res = await rest<{ error: { code: string } }>(api, 'POST', `/api/appointments/${booked.body.id}/no-show`, {
        token: api.tokens.receptionist,
        headers,
        rawBody: '',
      });
      // Not yet begun: the domain's refusal, not a complaint about the (absent) body.
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
  });

  it('says "is required" for a missing field and names the alternatives of a login', async () => {
    const missing = await rest<{ error: { field: string; message: string } }>(api, 'POST', '/api/patients', {
      token: api.tokens.receptionist,
      body: { name: 'No birth date', nationalId: nik() },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ field: 'dateOfBirth', message: 'dateOfBirth: is required' });
    const login = await rest<{ error: { field: string; message: string } }>(api, 'POST', '/api/auth/login', {
      body: { password: 'only-a-password' },
    });
    expect(login.status).toBe(400);
    expect(login.body.error.message).toMatch(/email or username/);
    const instant = await rest<{ error: { message: string } }>(api, 'POST', '/api/appointments', {
      token: api.tokens.receptionist,
      body: { patientId: api.ownDoctorId, doctorId: api.ownDoctorId, startsAt: 'tomorrow at ten' },
    });
    expect(instant.body.error.message).toMatch(/ISO 8601.*YYYY-MM-DD HH:MM/);
  });
});

describe('a DATABASE_URL the API cannot serve', () => {
  const start = (databaseUrl: string) =>
    run('node', [join(root, 'packages', 'api', 'dist', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'first-contact-secret-that-is-long-enough',
        PORT: '0',
      },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? '' }),
    );

  it('refuses an empty database without creating a table in it', async () => {
    // A fresh database on TEST_DATABASE_URL's server, or an empty PGlite served over TCP.
    const empty = await createEmptyTestDatabaseUrl();
    try {
      const result = await start(empty.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/no MediTrack schema.*pnpm db:migrate/);
      const inside = new pg.Client({ connectionString: empty.url });
      await inside.connect();
      const tables = await inside.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
      await inside.end();
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  // A server that holds many databases only: the embedded one serves its single database under any name.
  if (process.env.TEST_DATABASE_URL) {
    const server = new URL(process.env.TEST_DATABASE_URL);
    it('refuses a database that does not exist, creates nothing, and says what to run', async () => {
      const name = `meditrack_missing_${process.pid}`;
      const result = await start(Object.assign(new URL(server), { pathname: `/${name}` }).toString());
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/does not exist.*pnpm db:migrate/);
      const admin = new pg.Client({ connectionString: server.toString() });
      await admin.connect();
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      await admin.end();
      expect(found.rowCount).toBe(0);
    });
  }
});
