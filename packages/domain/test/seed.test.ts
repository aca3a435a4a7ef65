import { isValidNationalId, ROLES } from '@meditrack/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Appointment, Doctor, Employee, Patient, WeeklySchedule } from '../src/entities/index.js';
import { verifyPassword } from '../src/security/passwords.js';
import { isDatabaseEmpty, seedDemoData } from '../src/seed/demo.js';
import { createTestDatabase, type TestDatabase, testEntityManager } from '../src/testing/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('demo seed', () => {
  it('loads departments, scheduled doctors, 50+ valid patients, appointments and one account per role', async () => {
    const em = testEntityManager(db.orm);
    expect(await isDatabaseEmpty(em)).toBe(true);
    const result = await seedDemoData(em, { adminEmail: 'chief@hospital.test', timeZone: 'Asia/Jakarta' });

    expect(result.counts.patients).toBeGreaterThanOrEqual(50);
    expect(result.counts.appointments).toBeGreaterThan(0);
    expect(new Set(result.accounts.map((a) => a.role))).toEqual(new Set(ROLES));

    const check = testEntityManager(db.orm);
    const patients = await check.find(Patient, {});
    expect(patients.length).toBe(result.counts.patients);
    expect(patients.every((p) => isValidNationalId(p.nationalId))).toBe(true);
    expect(await check.count(Appointment, {})).toBe(result.counts.appointments);
    for (const doctor of await check.find(Doctor, {})) {
      expect(await check.count(WeeklySchedule, { doctor })).toBeGreaterThanOrEqual(5);
    }
    expect(await isDatabaseEmpty(check)).toBe(false);
  });

  it('generates the admin password (argon2id) instead of hard-coding one, and returns it once', async () => {
    const em = testEntityManager(db.orm);
    const admin = await em.findOneOrFail(Employee, { email: 'chief@hospital.test' }, { populate: ['passwordHash'] });
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    // The first test did not pass a password, so one was generated; it is not any fixed string.
    expect(await verifyPassword(admin.passwordHash, 'admin')).toBe(false);
    expect(await verifyPassword(admin.passwordHash, 'password')).toBe(false);
  });

  it('uses ADMIN_PASSWORD when given and then returns no generated password', async () => {
    const other = await createTestDatabase();
    try {
      const em = testEntityManager(other.orm);
      const result = await seedDemoData(em, {
        adminEmail: 'admin@meditrack.local',
        adminPassword: 'correct horse battery',
        demoPassword: 'demo-password-123',
        timeZone: 'UTC',
        patients: 50,
      });
      expect(result.generatedAdminPassword).toBeUndefined();
      expect(result.generatedDemoPassword).toBeUndefined();
      const admin = await other.orm.em
        .fork()
        .findOneOrFail(Employee, { email: 'admin@meditrack.local' }, { populate: ['passwordHash'] });
      expect(await verifyPassword(admin.passwordHash, 'correct horse battery')).toBe(true);
    } finally {
      await other.close();
    }
  });
});
