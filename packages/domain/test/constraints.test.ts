import {
  CheckConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  wrap,
} from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Appointment, AuditEvent, MedicalHistoryEntry, Patient, SyncRun } from '../src/entities/index.js';
import { type DomainError, translateDatabaseError } from '../src/errors/index.js';
import { createTestDatabase, type TestDatabase, testEntityManager } from '../src/testing/index.js';
import { makeDoctor, makeEmployee, makePatient, nationalId, thrown } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const at = (iso: string) => new Date(iso);

/** The error the database raised, translated the way the API will answer it. */
function translated(error: unknown): DomainError {
  const domain = translateDatabaseError(error);
  if (!domain) throw error;
  return domain;
}

describe(`database constraints (${process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite'})`, () => {
  it('refuses a duplicate national ID as DUPLICATE_VALUE on nationalId', async () => {
    const em = testEntityManager(db.orm);
    const id = nationalId();
    makePatient(em, { nationalId: id });
    await em.flush();

    const em2 = testEntityManager(db.orm);
    makePatient(em2, { nationalId: id });
    const error = await thrown(() => em2.flush());
    expect(error).toBeInstanceOf(UniqueConstraintViolationException);
    expect(translated(error)).toMatchObject({ code: 'DUPLICATE_VALUE', status: 409, field: 'nationalId' });
  });

  it.each(['123', '317101019000000A', '', '3171 0101 9000 0'])('refuses malformed national ID %j', async (bad) => {
    const em = testEntityManager(db.orm);
    makePatient(em, { nationalId: bad });
    const error = await thrown(() => em.flush());
    expect(error).toBeInstanceOf(CheckConstraintViolationException);
    expect(translated(error)).toMatchObject({ code: 'CONSTRAINT_VIOLATION', status: 422, field: 'nationalId' });
  });

  it('refuses a 17-digit national ID (too long for char(16)) as CONSTRAINT_VIOLATION', async () => {
    const em = testEntityManager(db.orm);
    makePatient(em, { nationalId: '31710101900000012' });
    const error = await thrown(() => em.flush());
    const refusal = translated(error);
    expect(refusal).toMatchObject({ code: 'CONSTRAINT_VIOLATION', status: 422 });
    // Nothing of the database's internals reaches the client.
    expect(refusal?.details).toBeUndefined();
  });

  it('compares employee emails case-insensitively', async () => {
    const em = testEntityManager(db.orm);
    makeEmployee(em, 'nurse', { email: 'Case.Test@Hospital.local' });
    await em.flush();
    const em2 = testEntityManager(db.orm);
    makeEmployee(em2, 'nurse', { email: 'case.test@hospital.LOCAL' });
    const error = await thrown(() => em2.flush());
    expect(translated(error)).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'email' });
  });

  it('generates a unique medical record number for each patient', async () => {
    const em = testEntityManager(db.orm);
    const patients = [makePatient(em), makePatient(em), makePatient(em)];
    await em.flush();
    const mrns = patients.map((p) => p.mrn);
    expect(new Set(mrns).size).toBe(3);
    for (const mrn of mrns) expect(mrn).toMatch(/^MRN-\d{8}$/);
  });

  describe('appointments', () => {
    it('refuses overlapping active appointments of one doctor (APPOINTMENT_CONFLICT, doctor)', async () => {
      const em = testEntityManager(db.orm);
      const doctor = makeDoctor(em);
      const [a, b] = [makePatient(em), makePatient(em)];
      em.create(Appointment, {
        doctor,
        patient: a,
        startsAt: at('2030-01-07T09:00:00Z'),
        endsAt: at('2030-01-07T09:30:00Z'),
      });
      await em.flush();

      em.create(Appointment, {
        doctor,
        patient: b,
        startsAt: at('2030-01-07T09:15:00Z'),
        endsAt: at('2030-01-07T09:45:00Z'),
      });
      const error = await thrown(() => em.flush());
      expect(translated(error)).toMatchObject({
        code: 'APPOINTMENT_CONFLICT',
        status: 409,
        details: { conflictWith: 'doctor' },
      });
    });

    it('refuses overlapping active appointments of one patient with two doctors (APPOINTMENT_CONFLICT, patient)', async () => {
      const em = testEntityManager(db.orm);
      const [d1, d2] = [makeDoctor(em), makeDoctor(em)];
      const patient = makePatient(em);
      em.create(Appointment, {
        doctor: d1,
        patient,
        startsAt: at('2030-01-08T09:00:00Z'),
        endsAt: at('2030-01-08T10:00:00Z'),
      });
      await em.flush();

      em.create(Appointment, {
        doctor: d2,
        patient,
        startsAt: at('2030-01-08T09:59:00Z'),
        endsAt: at('2030-01-08T10:30:00Z'),
      });
      const error = await thrown(() => em.flush());
      expect(translated(error)).toMatchObject({ code: 'APPOINTMENT_CONFLICT', details: { conflictWith: 'patient' } });
    });

    it('allows back-to-back appointments and reuse of a cancelled or no-show slot', async () => {
      const em = testEntityManager(db.orm);
      const doctor = makeDoctor(em);
      const first = em.create(Appointment, {
        doctor,
        patient: makePatient(em),
        startsAt: at('2030-01-09T09:00:00Z'),
        endsAt: at('2030-01-09T09:30:00Z'),
      });
      em.create(Appointment, {
        doctor,
        patient: makePatient(em),
        startsAt: at('2030-01-09T09:30:00Z'),
        endsAt: at('2030-01-09T10:00:00Z'),
      });
      await em.flush();

      first.status = 'cancelled';
      first.cancellationReason = 'Patient called to cancel';
      await em.flush();
      em.create(Appointment, {
        doctor,
        patient: makePatient(em),
        startsAt: at('2030-01-09T09:00:00Z'),
        endsAt: at('2030-01-09T09:30:00Z'),
      });
      await em.flush();
      expect(await em.count(Appointment, { doctor })).toBe(3);
    });

    it('refuses an appointment that ends before it starts', async () => {
      const em = testEntityManager(db.orm);
      em.create(Appointment, {
        doctor: makeDoctor(em),
        patient: makePatient(em),
        startsAt: at('2030-01-10T10:00:00Z'),
        endsAt: at('2030-01-10T10:00:00Z'),
      });
      const error = await thrown(() => em.flush());
      expect(error).toBeInstanceOf(CheckConstraintViolationException);
      expect(translated(error)).toMatchObject({ code: 'CONSTRAINT_VIOLATION', status: 422, field: 'timeRange' });
    });

    it('refuses a cancellation without a reason', async () => {
      const em = testEntityManager(db.orm);
      const appointment = em.create(Appointment, {
        doctor: makeDoctor(em),
        patient: makePatient(em),
        startsAt: at('2030-01-11T10:00:00Z'),
        endsAt: at('2030-01-11T10:30:00Z'),
      });
      await em.flush();
      appointment.status = 'cancelled';
      const error = await thrown(() => em.flush());
      expect(translated(error)).toMatchObject({ code: 'CONSTRAINT_VIOLATION', field: 'cancellationReason' });
    });
  });

  it('detects a stale update (OptimisticLockError -> VERSION_CONFLICT) instead of overwriting', async () => {
    const em = testEntityManager(db.orm);
    const patient = makePatient(em, { address: 'original' });
    await em.flush();
    expect(patient.version).toBe(1);

    const alice = testEntityManager(db.orm);
    const bob = testEntityManager(db.orm);
    const mine = await alice.findOneOrFail(Patient, patient.id);
    const theirs = await bob.findOneOrFail(Patient, patient.id);
    mine.address = 'Alice was here';
    await alice.flush();
    expect(mine.version).toBe(2);

    theirs.address = 'Bob overwrites';
    const error = await thrown(() => bob.flush());
    expect(error).toBeInstanceOf(OptimisticLockError);
    expect(translated(error)).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, field: 'version' });

    const stored = await testEntityManager(db.orm).findOneOrFail(Patient, patient.id);
    expect(stored.address).toBe('Alice was here');
  });

  it('refuses to delete a referenced row (RECORD_IN_USE), keeping the clinical data', async () => {
    const em = testEntityManager(db.orm);
    const patient = makePatient(em);
    em.create(Appointment, {
      doctor: makeDoctor(em),
      patient,
      startsAt: at('2030-02-01T10:00:00Z'),
      endsAt: at('2030-02-01T10:30:00Z'),
    });
    await em.flush();

    const em2 = testEntityManager(db.orm);
    em2.remove(await em2.findOneOrFail(Patient, patient.id));
    const error = await thrown(() => em2.flush());
    expect(translated(error)).toMatchObject({ code: 'RECORD_IN_USE', status: 409 });
    expect(translated(error)?.details).toBeUndefined();
    expect(await testEntityManager(db.orm).count(Appointment, { patient: patient.id })).toBe(1);
  });

  it('refuses a reference to a row that does not exist (UNKNOWN_REFERENCE on the field)', async () => {
    const em = testEntityManager(db.orm);
    em.create(Appointment, {
      doctor: '018f0000-0000-7000-8000-000000000000',
      patient: makePatient(em),
      startsAt: at('2030-02-02T10:00:00Z'),
      endsAt: at('2030-02-02T10:30:00Z'),
    });
    const error = await thrown(() => em.flush());
    expect(translated(error)).toMatchObject({ code: 'UNKNOWN_REFERENCE', status: 422, field: 'doctorId' });
  });

  it('keeps medical history and audit events append-only (IMMUTABLE_RECORD)', async () => {
    const em = testEntityManager(db.orm);
    const author = makeEmployee(em, 'doctor');
    const entry = em.create(MedicalHistoryEntry, {
      patient: makePatient(em),
      recordedOn: '2030-01-01',
      diagnosis: 'Asthma',
      recordedBy: author,
    });
    const event = em.create(AuditEvent, { actor: author, action: 'patient.read', entityType: 'Patient' });
    await em.flush();

    for (const statement of [
      () => em.nativeUpdate(MedicalHistoryEntry, { id: entry.id }, { diagnosis: 'Changed' }),
      () => em.nativeDelete(MedicalHistoryEntry, { id: entry.id }),
      () => em.nativeUpdate(AuditEvent, { id: event.id }, { action: 'forged' }),
      () => em.nativeDelete(AuditEvent, { id: event.id }),
    ]) {
      expect(translated(await thrown(statement))).toMatchObject({ code: 'IMMUTABLE_RECORD', status: 409 });
    }
    const stored = await testEntityManager(db.orm).findOneOrFail(MedicalHistoryEntry, entry.id);
    expect(stored.diagnosis).toBe('Asthma');
  });

  it('allows one running sync at a time (SYNC_ALREADY_RUNNING)', async () => {
    const em = testEntityManager(db.orm);
    const first = em.create(SyncRun, { trigger: 'schedule' });
    await em.flush();
    const em2 = testEntityManager(db.orm);
    em2.create(SyncRun, { trigger: 'api' });
    expect(translated(await thrown(() => em2.flush()))).toMatchObject({ code: 'SYNC_ALREADY_RUNNING', status: 409 });

    first.status = 'succeeded';
    first.finishedAt = new Date();
    await em.flush();
    em2.clear();
    em2.create(SyncRun, { trigger: 'api' });
    await em2.flush();
  });

  it('never serialises the password hash', async () => {
    const em = testEntityManager(db.orm);
    const employee = makeEmployee(em, 'admin', { passwordHash: '$argon2id$secret-material' });
    await em.flush();
    const loaded = await testEntityManager(db.orm).findOneOrFail(employee.constructor as never, employee.id, {
      populate: ['passwordHash'] as never,
    });
    expect(JSON.stringify(loaded)).not.toContain('secret-material');
    expect(JSON.stringify(wrap(loaded).toObject())).not.toContain('secret-material');
    expect(Object.keys(wrap(employee).toObject())).not.toContain('passwordHash');
  });
});
