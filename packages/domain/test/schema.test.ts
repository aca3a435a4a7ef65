import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsList } from '../src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function tables(): Promise<string[]> {
  const rows = await db.orm.em
    .getConnection()
    .execute<{ table_name: string }[]>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('are all applied and produce exactly the schema the entity metadata describes', async () => {
    expect(await db.orm.migrator.getPending()).toEqual([]);
    const executed = await db.orm.migrator.getExecuted();
    expect(executed.map((m) => m.name)).toEqual(migrationsList.map((m) => m.name));
    // The ORM diffs its metadata against the live schema: any difference would be SQL here.
    expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it('are all registered: every migration file is in the list, and only those', () => {
    const dir = new URL('../src/migrations/', import.meta.url);
    const files = readdirSync(dir)
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrationsList.map((m) => m.name).sort()).toEqual(files);
  });

  it('create every table of the data model', async () => {
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_events',
        'departments',
        'doctor_departments',
        'doctor_time_off',
        'doctor_weekly_schedules',
        'doctors',
        'employees',
        'medical_history_entries',
        'patients',
        'refresh_tokens',
        'sync_runs',
      ]),
    );
  });

  it('roll back completely and apply again cleanly', async () => {
    await db.orm.migrator.down({ to: 0 });
    expect(await tables()).toEqual(['mikro_orm_migrations']);
    await db.orm.migrator.up();
    expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
