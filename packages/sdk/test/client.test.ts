import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMediTrackClient,
  errorOf,
  fieldErrors,
  isMediTrackError,
  type KeyValueStore,
  type LoggedOutReason,
  type MediTrackClient,
  type SessionTokens,
  toMediTrackError,
  webStorageSession,
} from '../src/index.js';
import { createPatientInput, ROLES } from '../src/schemas.js';
import { ADMIN, JWT_SECRET, type RunningApi, startApi } from './server.js';

let api: RunningApi;
let mt: MediTrackClient;
beforeAll(async () => {
  api = await startApi();
  mt = createMediTrackClient({ url: api.url });
});
afterAll(async () => {
  await api?.close();
});

/** An HS256 token for `sub` that expired an hour ago. */
function expiredToken(sub: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub, sid: '018f0000-0000-7000-8000-000000000000', iat: now - 7200, exp: now - 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

async function expectError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('SDK against the running API', () => {
  it('logs in and keeps the token', async () => {
    const unauthenticated = await expectError(mt.auth.me.query());
    expect(toMediTrackError(unauthenticated)).toMatchObject({ code: 'UNAUTHENTICATED', httpStatus: 401 });
    const session = await mt.login(ADMIN);
    expect(session.user.role).toBe('admin');
    expect(mt.token).toBe(session.accessToken);
    expect((await mt.auth.me.query()).user.email).toBe(ADMIN.email);
  });

  it('creates a department, a doctor with hours and a patient, books, and lists with pagination', async () => {
    const department = await mt.departments.create.mutate({ name: 'Cardiology (SDK)' });
    const doctor = await mt.doctors.create.mutate({
      name: 'Siti',
      email: 'siti@sdk.test',
      password: 'a-doctor-password',
      specialization: 'Cardiology',
      licenseNumber: 'SDK-1',
      departmentIds: [department.id],
    });
    for (const weekday of [1, 2, 3, 4, 5]) {
      await mt.doctors.addWeeklyHours.mutate({
        id: doctor.id,
        weekday,
        startTime: '08:00',
        endTime: '16:00',
        validFrom: '2031-01-01',
      });
    }
    const patients = await Promise.all(
      ['Ana', 'Budi', 'Citra'].map((name, i) =>
        mt.patients.create.mutate({ name, dateOfBirth: `1990-01-0${i + 1}`, nationalId: `317101900000000${i}` }),
      ),
    );
    expect(patients[0]?.createdAt).toBeInstanceOf(Date);

    const slots = await mt.doctors.availability.query({ id: doctor.id, from: '2031-03-03', to: '2031-03-03' });
    expect(slots.slots[0]?.startsAt).toBeInstanceOf(Date);
    const booked = await mt.appointments.book.mutate({
      doctorId: doctor.id,
      patientId: patients[0]!.id,
      startsAt: slots.slots[0]!.startsAt.toISOString(),
    });
    expect(booked.status).toBe('scheduled');

    const first = await mt.patients.list.query({ limit: 2, sort: 'name' });
    const second = await mt.patients.list.query({ limit: 2, offset: 2, sort: 'name' });
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((p) => p.name)).toEqual(['Ana', 'Budi', 'Citra']);

    // A double booking: a typed 409 naming the appointment in the way.
    const conflict = await expectError(
      mt.appointments.book.mutate({
        doctorId: doctor.id,
        patientId: patients[1]!.id,
        startsAt: slots.slots[0]!.startsAt.toISOString(),
      }),
    );
    expect(isMediTrackError(conflict, 'APPOINTMENT_CONFLICT')).toBe(true);
    expect(toMediTrackError(conflict)).toMatchObject({
      httpStatus: 409,
      field: 'startsAt',
      details: { conflictWith: 'doctor', conflictingAppointmentId: booked.id },
    });
  });

  it('gives forms one message per field, with the same schemas on the client', async () => {
    const input = { name: 'Dewi', dateOfBirth: '1990-02-30', nationalId: '12345' };
    const local = createPatientInput.safeParse(input);
    expect(local.success).toBe(false);
    const error = await expectError(mt.patients.create.mutate(input));
    expect(isMediTrackError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(fieldErrors(error)).toEqual({
      dateOfBirth: 'must be a real date as YYYY-MM-DD',
      nationalId: 'national ID (NIK) must be exactly 16 digits',
    });
    expect(ROLES).toContain('receptionist');
  });

  it('reports an expired token as UNAUTHENTICATED/expired, and a refreshed token from getToken is used next', async () => {
    const me = await mt.auth.me.query();
    let current = expiredToken(me.user.id);
    const refreshing = createMediTrackClient({ url: api.url, getToken: () => current });
    const expired = await expectError(refreshing.patients.list.query({}));
    expect(toMediTrackError(expired)).toMatchObject({
      code: 'UNAUTHENTICATED',
      httpStatus: 401,
      details: { reason: 'expired' },
    });
    current = (await createMediTrackClient({ url: api.url }).login(ADMIN)).accessToken;
    expect((await refreshing.patients.list.query({})).total).toBe(3);
  });

  it('refreshes an expired access token transparently after login()', async () => {
    const me = await mt.auth.me.query();
    mt.setToken(expiredToken(me.user.id));
    const page = await mt.patients.list.query({});
    expect(page.total).toBe(3);
    expect(mt.token).not.toBe(expiredToken(me.user.id));
  });

  it('logout ends the session and forgets the token', async () => {
    await mt.logout();
    expect(mt.token).toBeUndefined();
    expect(toMediTrackError(await expectError(mt.auth.me.query())).code).toBe('UNAUTHENTICATED');
  });

  it('keeps the session in a storage adapter: restored after a reload, refreshed, ended', async () => {
    const saved = new Map<string, string>();
    const store: KeyValueStore = {
      getItem: (key) => saved.get(key) ?? null,
      setItem: (key, value) => void saved.set(key, value),
      removeItem: (key) => void saved.delete(key),
    };
    const changes: (SessionTokens | null)[] = [];
    const first = createMediTrackClient({
      url: api.url,
      storage: webStorageSession('session', store),
      onSessionChange: (tokens) => changes.push(tokens),
    });
    const login = await first.login(ADMIN);
    expect(changes).toEqual([{ accessToken: login.accessToken, refreshToken: login.refreshToken }]);
    expect(JSON.parse(saved.get('session') ?? '{}').refreshToken).toBe(login.refreshToken);

    // A reload: a new client on the same storage is logged in without a login.
    const loggedOut: LoggedOutReason[] = [];
    const reloaded = createMediTrackClient({
      url: api.url,
      storage: webStorageSession('session', store),
      onLoggedOut: (reason) => loggedOut.push(reason),
    });
    expect((await reloaded.auth.me.query()).user.email).toBe(ADMIN.email);

    // An expired access token is refreshed from the stored refresh token, and the new pair stored.
    const me = await reloaded.auth.me.query();
    reloaded.setToken(expiredToken(me.user.id));
    expect((await reloaded.auth.me.query()).user.email).toBe(ADMIN.email);
    expect(JSON.parse(saved.get('session') ?? '{}').refreshToken).not.toBe(login.refreshToken);

    // The session ended elsewhere: the next refresh is refused, the app hears it, the storage is cleared.
    await createMediTrackClient({ url: api.url, storage: webStorageSession('session', store) }).logout();
    store.setItem(
      'session',
      JSON.stringify({ accessToken: expiredToken(me.user.id), refreshToken: login.refreshToken }),
    );
    const stale = createMediTrackClient({
      url: api.url,
      storage: webStorageSession('session', store),
      onLoggedOut: (reason) => loggedOut.push(reason),
    });
    expect(toMediTrackError(await expectError(stale.auth.me.query())).code).toBe('UNAUTHENTICATED');
    expect(loggedOut).toEqual(['refresh-refused']);
    expect(saved.has('session')).toBe(false);
  });

  it('types errors by code: a conflict details its version', async () => {
    const client = createMediTrackClient({ url: api.url });
    await client.login(ADMIN);
    const department = await client.departments.create.mutate({ name: `Typed ${Date.now()}` });
    await client.departments.update.mutate({
      id: department.id,
      version: department.version,
      name: `${department.name}!`,
    });
    const error = await expectError(
      client.departments.update.mutate({ id: department.id, version: department.version, name: 'stale' }),
    );
    const conflict = errorOf(error, 'VERSION_CONFLICT');
    const current: number | undefined = conflict?.details?.currentVersion;
    expect(current).toBe(department.version + 1);
    expect(errorOf(error, 'NOT_FOUND')).toBeUndefined();
  });

  it('reports a network failure as a MediTrackError with status 0', async () => {
    const offline = createMediTrackClient({ url: 'http://127.0.0.1:9' });
    const error = toMediTrackError(await expectError(offline.auth.me.query()));
    expect(error).toMatchObject({ code: 'INTERNAL', httpStatus: 0 });
  });
});
