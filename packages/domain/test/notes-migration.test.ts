import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  db.orm.em.getConnection().execute<T[]>(text, params);

/**
 * The migration that split the one shared `notes` column: notes of completed appointments (which the
 * doctor's completion may have written) become clinical notes, each move audited; the rest stay the
 * front desk's. Run on data written by the schema before it.
 */
describe('migration sessions_and_clinical_notes', () => {
  it('moves completed appointments’ notes to clinical notes, keeps the others as front-desk notes', async () => {
    await db.orm.migrator.down({ to: 'Migration20261127131201_employee_change_notify' });
    const [employee, doctor, patient] = [uuidv7(), uuidv7(), uuidv7()];
    await sql(
      `insert into employees (id, name, search_name, email, password_hash, role, version, created_at, updated_at)
               values (?, 'Dok', 'dok', 'dok@migration.test', 'x', 'doctor', 1, now(), now())`,
      [employee],
    );
    await sql(
      `insert into doctors (id, employee_id, specialization, license_number, version, created_at, updated_at)
               values (?, ?, 'GP', 'MIG-1', 1, now(), now())`,
      [doctor, employee],
    );
    await sql(
      `insert into patients (id, name, search_name, date_of_birth, national_id, version, created_at, updated_at)
               values (?, 'Pat', 'pat', '1990-01-01', '3171000000000001', 1, now(), now())`,
      [patient],
    );
    const insert = (id: string, day: number, status: string, notes: string, diagnosis: string | null) =>
      sql(
        `insert into appointments (id, patient_id, doctor_id, starts_at, ends_at, status, notes, diagnosis,
                                     version, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
        [id, patient, doctor, `2031-01-0${day}T02:00:00Z`, `2031-01-0${day}T02:30:00Z`, status, notes, diagnosis],
      );
    const [completed, scheduled] = [uuidv7(), uuidv7()];
    await insert(completed, 1, 'completed', 'Rest and fluids', 'Common cold');
    await insert(scheduled, 2, 'scheduled', 'Comes with an interpreter', null);

    await db.orm.migrator.up();

    const rows = await sql<{ id: string; front_desk_notes: string | null; clinical_notes: string | null }>(
      'select id, front_desk_notes, clinical_notes from appointments order by starts_at',
    );
    expect(rows).toEqual([
      { id: completed, front_desk_notes: null, clinical_notes: 'Rest and fluids' },
      { id: scheduled, front_desk_notes: 'Comes with an interpreter', clinical_notes: null },
    ]);
    const events = await sql<{ entity_id: string; action: string; actor_label: string }>(
      `select entity_id, action, actor_label from audit_events where action = 'appointment.notes-reclassified'`,
    );
    expect(events).toEqual([
      { entity_id: completed, action: 'appointment.notes-reclassified', actor_label: 'migration' },
    ]);

    // Down again puts the text back into the one column, nothing lost.
    await db.orm.migrator.down({ to: 'Migration20261127131201_employee_change_notify' });
    const restored = await sql<{ notes: string | null }>('select notes from appointments order by starts_at');
    expect(restored.map((r) => r.notes)).toEqual(['Rest and fluids', 'Comes with an interpreter']);
    await db.orm.migrator.up();
  });
});
