import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database/open.js';
import { Patient } from '../src/entities/index.js';
import { systemActor, Work } from '../src/index.js';
import { testEntityManager } from '../src/testing/index.js';
import { makePatient } from './fixtures.js';

// These tests are about the embedded database itself, so they run on PGlite whatever TEST_DATABASE_URL says.
const dirs: string[] = [];
function tempDir(): string {
  // Short path: a unix socket path must stay under ~100 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'mt-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database (PGlite)', () => {
  it('keeps data in its directory across restarts and applies migrations only once', async () => {
    const dir = tempDir();
    const first = await openDatabase({ embeddedDir: dir });
    const em = testEntityManager(first.orm);
    const patient = makePatient(em, { name: 'Persisted' });
    await em.flush();
    await first.close();

    const second = await openDatabase({ embeddedDir: dir });
    try {
      expect(await second.orm.migrator.getPending()).toEqual([]);
      const found = await testEntityManager(second.orm).findOneOrFail(Patient, { nationalId: patient.nationalId });
      expect(found.name).toBe('Persisted');
      expect(found.mrn).toBe(patient.mrn);
    } finally {
      await second.close();
    }
    // Two boots of the embedded database, each with its migrations: 15 s on a quiet machine.
  }, 60_000);

  it('serves other processes over its unix socket, like a PostgreSQL server', async () => {
    const dir = tempDir();
    const database = await openDatabase({ embeddedDir: dir });
    try {
      const em = testEntityManager(database.orm);
      makePatient(em, { name: 'Visible' });
      await em.flush();
      // host = the directory, port 5432: exactly how psql and the sync worker connect.
      const client = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from patients where name = $1`, [
        'Visible',
      ]);
      await client.end();
      expect(rows[0]?.n).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('refuses to open a data directory that another live process holds', async () => {
    const dir = tempDir();
    const database = await openDatabase({ embeddedDir: dir });
    try {
      // The lock file names a live process other than us: pretend it is the parent.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'embedded.pid'), String(process.ppid));
      await expect(openDatabase({ embeddedDir: dir })).rejects.toThrow(/already open in process/);
    } finally {
      await database.close();
    }
  });

  it('runs many concurrent transactions from a pool without deadlock or lost writes', async () => {
    const database = await openDatabase({ embeddedDir: null, poolMax: 10 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) =>
          Work.open(database.orm, systemActor('test'), { settings: { timeZone: 'UTC' } }).transaction(async (unit) => {
            const tx = unit.em;
            const patient = makePatient(tx, { name: `Concurrent${i}` });
            await tx.flush();
            // A read inside the transaction, on the same connection.
            const count = await tx.count(Patient, { id: patient.id });
            if (i % 4 === 0) throw new Error('rolled back on purpose');
            return count;
          }),
        ),
      );
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      expect(fulfilled).toHaveLength(30);
      expect(await testEntityManager(database.orm).count(Patient, { name: { $like: 'Concurrent%' } })).toBe(30);
    } finally {
      await database.close();
    }
  });
});
