import { zonedDateTimeToInstant } from '@meditrack/domain';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { nik, PASSWORD, rest, startTestApi, type TestApi } from './harness.js';

/**
 * The core-integrity audit's defects, each through real HTTP on the engine the suite runs on
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL). Field visibility per role has its own
 * table-driven test (visibility.test.ts).
 */

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const as = (role: keyof TestApi['tokens'], requestId?: string) => ({
  token: api.tokens[role],
  ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
});

/** One tRPC HTTP request holding several calls (what httpBatchLink sends); each call's status and data. */
async function trpcBatch(
  target: TestApi,
  kind: 'query' | 'mutation',
  calls: [path: string, input: unknown][],
  options: { token?: string; requestId?: string } = {},
) {
  const inputs = Object.fromEntries(calls.map(([, input], i) => [i, superjson.serialize(input)]));
  const paths = calls.map(([path]) => path).join(',');
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
  };
  const res =
    kind === 'query'
      ? await fetch(`${target.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, {
          headers,
        })
      : await fetch(`${target.url}/trpc/${paths}?batch=1`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(inputs),
        });
  const body = (await res.json()) as Json;
  const results = Array.isArray(body) ? body : [];
  return {
    status: res.status,
    headers: res.headers,
    body,
    calls: results.map((r: Json) =>
      r.result
        ? { status: 200, data: superjson.deserialize(r.result.data) as Json }
        : { status: r.error.json.data.httpStatus as number, error: r.error.json.data.error as Json },
    ),
  };
}

const auditEvents = async (query: string) =>
  (await rest<Json>(api, 'GET', `/api/audit-events?limit=100&${query}`, as('admin'))).body.items as Json[];

/** A completed appointment of the `doctor` test account, with clinical text, and the clock back to now. */
async function completedAppointment() {
  const appointment = await fx.appointment(fx.ownDoctorId);
  await fx.checkIn(appointment.id);
  const done = await rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/complete`, {
    ...as('doctor'),
    body: { diagnosis: 'Tension headache', notes: 'Patient reports stress at work' },
  });
  expect(done.status).toBe(200);
  api.clock.reset();
  return done.body;
}

describe('1-2. clinical data: only for clinicians, never erased', () => {
  it('the front desk sees no diagnosis or clinical notes, on any appointment read', async () => {
    const appointment = await completedAppointment();
    const front = await rest<Json>(api, 'GET', `/api/appointments/${appointment.id}`, as('receptionist'));
    expect(front.status).toBe(200);
    expect(front.body).not.toHaveProperty('diagnosis');
    expect(front.body).not.toHaveProperty('notes');
    expect(front.body).toHaveProperty('frontDeskNotes');
    expect(JSON.stringify(front.body)).not.toContain('Tension headache');
    const clinician = await rest<Json>(api, 'GET', `/api/appointments/${appointment.id}`, as('nurse'));
    expect(clinician.body).toMatchObject({ diagnosis: 'Tension headache', notes: 'Patient reports stress at work' });
  });

  it('the front desk edits its own notes of a completed appointment; the clinical text stays', async () => {
    const appointment = await completedAppointment();
    const edit = await rest<Json>(api, 'PUT', `/api/appointments/${appointment.id}`, {
      ...as('receptionist'),
      body: { version: appointment.version, reason: 'Headache', frontDeskNotes: null },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).not.toHaveProperty('notes');
    const after = await rest<Json>(api, 'GET', `/api/appointments/${appointment.id}`, as('doctor'));
    expect(after.body).toMatchObject({
      frontDeskNotes: null,
      diagnosis: 'Tension headache',
      notes: 'Patient reports stress at work',
    });
    // The clinical notes are not the front desk's to edit (an unknown field of the PUT), and clinical
    // text is written once: completing again is refused, and the database refuses an overwrite.
    const clinical = await rest<Json>(api, 'PUT', `/api/appointments/${appointment.id}`, {
      ...as('receptionist'),
      body: { version: edit.body.version, reason: 'Headache', notes: null },
    });
    expect(clinical.status).toBe(400);
    const again = await rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/complete`, {
      ...as('doctor'),
      body: { diagnosis: 'Something else' },
    });
    expect(again.status).toBe(422);
    await expect(
      api.db.orm.em.getConnection().execute(`update appointments set diagnosis = 'x' where id = ?`, [appointment.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.db.orm.em
        .getConnection()
        .execute(`update appointments set clinical_notes = null where id = ?`, [appointment.id]),
    ).rejects.toThrow(/append-only/);
  });
});

describe('3. one unit of work per call, also in a batch', () => {
  it('two updates with the same version in one tRPC batch: one wins, the other is a 409', async () => {
    const patient = await fx.patient();
    const edit = (name: string) => ({
      id: patient.id,
      version: patient.version,
      name,
      dateOfBirth: '1985-05-17',
      nationalId: patient.nationalId,
    });
    const res = await trpcBatch(
      api,
      'mutation',
      [
        ['patients.update', edit('First')],
        ['patients.update', edit('Second')],
      ],
      { token: api.tokens.receptionist },
    );
    expect(res.calls.map((c) => c.status).sort()).toEqual([200, 409]);
    const loser = res.calls.find((c) => c.status === 409);
    expect(loser?.error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const winner = res.calls.find((c) => c.status === 200)?.data;
    const stored = await rest<Json>(api, 'GET', `/api/patients/${patient.id}`, as('receptionist'));
    expect(stored.body).toMatchObject({ name: winner?.name, version: patient.version + 1 });
  });
});

describe('4. booking and time off take the same locks', () => {
  it('time off added while bookings for the same hours arrive: no booking lands inside time off', async () => {
    const doctor = await fx.doctor();
    for (const [round, day] of ['2031-09-01', '2031-09-02', '2031-09-03'].entries()) {
      const patients = await Promise.all(Array.from({ length: 8 }, () => fx.patient()));
      const bookings = patients.map((p, i) =>
        rest<Json>(api, 'POST', '/api/appointments', {
          ...as('receptionist'),
          body: { doctorId: doctor.id, patientId: p.id, startsAt: `${day} ${String(8 + i).padStart(2, '0')}:00:00` },
        }),
      );
      const timeOff = rest<Json>(api, 'POST', `/api/doctors/${doctor.id}/schedule/time-off`, {
        ...as('admin'),
        body: { startsAt: `${day} 08:00:00`, endsAt: `${day} 16:00:00`, reason: `Conference ${round}` },
      });
      const [off, ...booked] = await Promise.all([timeOff, ...bookings]);
      const created = booked.filter((b) => b.status === 201);
      if (off.status === 201) {
        expect(created).toHaveLength(0);
        expect(booked.map((b) => b.body.error?.code)).toEqual(booked.map(() => 'DOCTOR_UNAVAILABLE'));
      } else {
        // Some bookings came first: the time off is refused, naming only bookings that stand.
        expect(off.status).toBe(409);
        const ids = created.map((b) => b.body.id);
        expect(ids).toEqual(expect.arrayContaining(off.body.error.details.conflictingAppointmentIds));
      }
    }
    const schedule = await rest<Json>(api, 'GET', `/api/doctors/${doctor.id}/schedule`, as('admin'));
    const calendar = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor.id}/appointments?from=2031-09-01&to=2031-09-03`,
      as('admin'),
    );
    for (const off of schedule.body.timeOff as Json[]) {
      for (const a of calendar.body.items as Json[]) {
        expect(a.startsAt < off.endsAt && off.startsAt < a.endsAt, `${a.id} inside ${off.id}`).toBe(false);
      }
    }
  });
});

describe('5. every read of patient data and every auth event is audited', () => {
  it('a patient search names the patients it returned, over REST and tRPC', async () => {
    const patient = await fx.patient({ name: 'Auditable', surname: 'Searchwise' });
    await rest(api, 'GET', '/api/patients?name=searchwise', as('receptionist', 'int-search-rest'));
    await trpcBatch(api, 'query', [['patients.list', { name: 'searchwise' }]], {
      token: api.tokens.nurse,
      requestId: 'int-search-trpc',
    });
    for (const [requestId, role] of [
      ['int-search-rest', 'receptionist'],
      ['int-search-trpc', 'nurse'],
    ] as const) {
      const [event] = await auditEvents(`requestId=${requestId}`);
      expect(event).toMatchObject({
        action: 'patient.search',
        entityType: 'Patient',
        actorId: api.users[role].id,
        changes: { ids: [patient.id], filters: ['name'] },
      });
    }
    // The patient's own trail shows the searches that returned them.
    const trail = await auditEvents(`entityId=${patient.id}`);
    expect(trail.map((e) => e.requestId)).toEqual(expect.arrayContaining(['int-search-rest', 'int-search-trpc']));
  });

  it('appointment reads name the appointments and patients returned', async () => {
    const appointment = await fx.appointment();
    await rest(api, 'GET', `/api/appointments/${appointment.id}`, as('doctor', 'int-appointment-get'));
    await rest(api, 'GET', `/api/appointments?patientId=${appointment.patientId}`, as('nurse', 'int-appointment-list'));
    expect((await auditEvents('requestId=int-appointment-get'))[0]).toMatchObject({
      action: 'appointment.read',
      entityId: appointment.id,
      changes: { ids: [appointment.id], patientIds: [appointment.patientId] },
    });
    expect((await auditEvents('requestId=int-appointment-list'))[0]).toMatchObject({
      action: 'appointment.list',
      changes: { ids: [appointment.id], patientIds: [appointment.patientId] },
    });
  });

  it('failed logins, logouts and detected refresh-token reuse are recorded', async () => {
    const employee = await fx.employee('nurse');
    const login = (password: string, requestId: string) =>
      rest<Json>(api, 'POST', '/api/auth/login', {
        body: { email: employee.email, password },
        headers: { 'x-request-id': requestId },
      });
    expect((await login('wrong-password', 'int-login-wrong')).status).toBe(401);
    await rest(api, 'POST', '/api/auth/login', {
      body: { email: 'nobody@test.local', password: 'whatever-it-is' },
      headers: { 'x-request-id': 'int-login-unknown' },
    });
    expect((await auditEvents('requestId=int-login-wrong'))[0]).toMatchObject({
      action: 'auth.login-failed',
      entityId: employee.id,
      changes: { reason: 'wrong-password' },
    });
    expect((await auditEvents('requestId=int-login-unknown'))[0]).toMatchObject({
      action: 'auth.login-failed',
      entityId: null,
      changes: { reason: 'unknown-account' },
    });

    const session = (await login(PASSWORD, 'int-login-ok')).body;
    const rotated = await rest<Json>(api, 'POST', '/api/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(rotated.status).toBe(200);
    const reuse = await rest<Json>(api, 'POST', '/api/auth/refresh', {
      body: { refreshToken: session.refreshToken },
      headers: { 'x-request-id': 'int-reuse' },
    });
    expect(reuse.status).toBe(401);
    expect((await auditEvents('requestId=int-reuse'))[0]).toMatchObject({
      action: 'auth.refresh-reused',
      entityId: employee.id,
    });

    const other = (await login(PASSWORD, 'int-login-again')).body;
    await rest(api, 'POST', '/api/auth/logout', {
      body: { refreshToken: other.refreshToken },
      headers: { 'x-request-id': 'int-logout' },
    });
    expect((await auditEvents('requestId=int-logout'))[0]).toMatchObject({
      action: 'auth.logout',
      entityId: employee.id,
    });
  });
});

describe('6. dates that do not exist are refused, not rolled over', () => {
  it.each([
    ['30 February', '2031-02-30 09:00:00'],
    ['month 13', '2031-13-01 09:00:00'],
    ['minute 75', '2031-03-03 09:75:00'],
    ['hour 24', '2031-03-03 24:00:00'],
    ['30 February with an offset', '2031-02-30T09:00:00+07:00'],
  ])('booking at %s: 400 on startsAt', async (_, startsAt) => {
    const [doctor, patient] = await Promise.all([fx.doctor(), fx.patient()]);
    const res = await rest<Json>(api, 'POST', '/api/appointments', {
      ...as('receptionist'),
      body: { doctorId: doctor.id, patientId: patient.id, startsAt },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'startsAt' });
  });

  it('refuses them in time off, availability and calendars too, and dates of birth and record dates in the future', async () => {
    const doctor = await fx.doctor();
    const timeOff = await rest<Json>(api, 'POST', `/api/doctors/${doctor.id}/schedule/time-off`, {
      ...as('admin'),
      body: { startsAt: '2031-04-31 08:00:00', endsAt: '2031-05-01 08:00:00' },
    });
    expect(timeOff.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'startsAt' });
    const slots = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor.id}/availability?from=2031-02-29&to=2031-03-01`,
      as('admin'),
    );
    expect(slots.status).toBe(400);

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const born = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('receptionist'),
      body: { name: 'Unborn', dateOfBirth: future, nationalId: nik() },
    });
    expect(born.status).toBe(400);
    expect(born.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'dateOfBirth' });
    const patient = await fx.patient();
    const entry = await rest<Json>(api, 'POST', `/api/patients/${patient.id}/medical-history`, {
      ...as('doctor'),
      body: { recordedOn: future, diagnosis: 'Not yet' },
    });
    expect(entry.status).toBe(400);
    expect(entry.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'recordedOn' });
    for (const birthDate of [future, '1850-01-01']) {
      const staff = await rest<Json>(api, 'POST', '/api/employees', {
        ...as('admin'),
        body: { name: 'Dated', email: `dated-${birthDate}@test.local`, password: PASSWORD, role: 'staff', birthDate },
      });
      expect(staff.status).toBe(400);
      expect(staff.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'birthDate' });
    }
  });
});

describe('7. archived doctors and patients', () => {
  it('cannot be given new times or checked in; their appointments are hidden from non-admins', async () => {
    const byDoctor = await fx.appointment();
    expect((await rest(api, 'DELETE', `/api/doctors/${byDoctor.doctorId}`, as('admin'))).status).toBe(204);
    const moved = await rest<Json>(api, 'POST', `/api/appointments/${byDoctor.id}/reschedule`, {
      ...as('receptionist'),
      body: fx.slot(),
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'doctorId' });
    await fx.arrive(byDoctor.id);
    const checkIn = await rest<Json>(api, 'POST', `/api/appointments/${byDoctor.id}/check-in`, as('receptionist'));
    expect(checkIn.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'doctorId' });
    api.clock.reset();

    const byPatient = await fx.appointment();
    expect((await rest(api, 'DELETE', `/api/patients/${byPatient.patientId}`, as('receptionist'))).status).toBe(204);
    // For the front desk the archived patient's appointments no longer exist; an admin is refused the acts.
    for (const [role, status] of [
      ['receptionist', 404],
      ['admin', 422],
    ] as const) {
      const movedToo = await rest<Json>(api, 'POST', `/api/appointments/${byPatient.id}/reschedule`, {
        ...as(role),
        body: fx.slot(),
      });
      expect(movedToo.status).toBe(status);
      await fx.arrive(byPatient.id);
      const checkInToo = await rest<Json>(api, 'POST', `/api/appointments/${byPatient.id}/check-in`, as(role));
      expect(checkInToo.status).toBe(status);
      if (status === 422) {
        expect(movedToo.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'patientId' });
        expect(checkInToo.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'patientId' });
      }
      api.clock.reset();
    }
    const cancel = await rest(api, 'POST', `/api/appointments/${byPatient.id}/cancel`, {
      ...as('receptionist'),
      body: { reason: 'Patient left' },
    });
    expect(cancel.status).toBe(404);

    const day = byPatient.startsAt.slice(0, 10);
    for (const role of ['receptionist', 'doctor', 'nurse'] as const) {
      expect((await rest(api, 'GET', `/api/appointments/${byPatient.id}`, as(role))).status).toBe(404);
      expect(
        (await rest(api, 'GET', `/api/patients/${byPatient.patientId}/appointments?from=${day}&to=${day}`, as(role)))
          .status,
      ).toBe(404);
      const list = await rest<Json>(api, 'GET', `/api/appointments?patientId=${byPatient.patientId}`, as(role));
      expect(list.body).toMatchObject({ total: 0, items: [] });
    }
    expect((await rest(api, 'GET', `/api/appointments/${byPatient.id}`, as('admin'))).status).toBe(200);
  });
});

describe('8. tRPC batches', () => {
  it('hold at most TRPC_MAX_BATCH_SIZE calls (413 BATCH_TOO_LARGE past it)', async () => {
    const calls = Array.from({ length: 21 }, (): [string, unknown] => ['auth.me', undefined]);
    const res = await trpcBatch(api, 'query', calls, { token: api.tokens.staff });
    expect(res.status).toBe(413);
    // tRPC answers every call of the batch with the error.
    expect(res.calls).toHaveLength(21);
    for (const call of res.calls) {
      expect(call).toMatchObject({ status: 413, error: { code: 'BATCH_TOO_LARGE', details: { maxBatchSize: 20 } } });
    }
    expect((await trpcBatch(api, 'query', calls.slice(1), { token: api.tokens.staff })).status).toBe(200);
  });

  it('count every call against the rate limit', async () => {
    const limited = await startTestApi({ RATE_LIMIT_MAX: '30' });
    try {
      // The harness's five logins counted already.
      const calls = Array.from({ length: 20 }, (): [string, unknown] => ['auth.me', undefined]);
      const first = await trpcBatch(limited, 'query', calls, { token: limited.tokens.staff });
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('5');
      const second = await trpcBatch(limited, 'query', calls, { token: limited.tokens.staff });
      expect(second.status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('count every call however the batch URL is encoded', async () => {
    const limited = await startTestApi({ RATE_LIMIT_MAX: '30' });
    try {
      const input = encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, {}]))),
      );
      const paths = Array.from({ length: 20 }, () => 'auth.me').join('%2C');
      const res = await fetch(`${limited.url}/trpc/${paths}?batch=%31&input=${input}`, {
        headers: { authorization: `Bearer ${limited.tokens.staff}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('5');
    } finally {
      await limited.close();
    }
  });
});

describe('9. login', () => {
  it('counts attempts per account, whichever identifier names it', async () => {
    const throttled = await startTestApi({ LOGIN_MAX_PER_ACCOUNT: '3' });
    try {
      const attempt = (body: Json) => rest<Json>(throttled, 'POST', '/api/auth/login', { body });
      expect((await attempt({ email: 'nurse@test.local', password: 'wrong-one' })).status).toBe(401);
      expect((await attempt({ username: 'nurse-user', password: 'wrong-two' })).status).toBe(401);
      expect((await attempt({ email: 'nurse@test.local', password: 'wrong-three' })).status).toBe(401);
      const fourth = await attempt({ username: 'nurse-user', password: PASSWORD });
      expect(fourth.status).toBe(429);
      expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await throttled.close();
    }
  });

  it('does not change the employee’s version (an admin’s edit meets no false 409)', async () => {
    const employee = await fx.employee('nurse');
    const before = await rest<Json>(api, 'GET', `/api/employees/${employee.id}`, as('admin'));
    await rest(api, 'POST', '/api/auth/login', { body: { email: employee.email, password: PASSWORD } });
    await rest(api, 'POST', '/api/login', { body: { email: employee.email, password: PASSWORD } });
    const { id, version, createdAt, updatedAt, archivedAt, ...fields } = before.body;
    const edit = await rest<Json>(api, 'PUT', `/api/employees/${id}`, {
      ...as('admin'),
      body: { id, version, ...fields, phone: '+62 811 000 111' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(version + 1);
  });
});

describe('10. sessions end at once', () => {
  const signIn = async () => {
    const employee = await fx.employee('staff');
    return (await rest<Json>(api, 'POST', '/api/auth/login', { body: { email: employee.email, password: PASSWORD } }))
      .body;
  };
  const me = (token: string) => rest<Json>(api, 'GET', '/api/me', { token });

  it('after logout, the access token is refused', async () => {
    const session = await signIn();
    expect((await me(session.accessToken)).status).toBe(200);
    await rest(api, 'POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } });
    const refused = await me(session.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'session' } });
  });

  it('after refresh-token reuse, every access token of the session is refused', async () => {
    const session = await signIn();
    const rotated = (
      await rest<Json>(api, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })
    ).body;
    expect((await me(rotated.accessToken)).status).toBe(200);
    await rest(api, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect((await me(rotated.accessToken)).status).toBe(401);
    expect((await me(session.accessToken)).status).toBe(401);
  });
});

describe('10b. a password change ends every session, also one opened while it ran', () => {
  it('no login with the old password survives the change', async () => {
    for (let round = 0; round < 3; round++) {
      const employee = await fx.employee('nurse');
      const current = (await rest<Json>(api, 'GET', `/api/employees/${employee.id}`, as('admin'))).body;
      const { id, version, createdAt, updatedAt, archivedAt, ...fields } = current;
      const logins = Array.from({ length: 6 }, () =>
        rest<Json>(api, 'POST', '/api/auth/login', { body: { email: employee.email, password: PASSWORD } }),
      );
      const change = rest(api, 'PUT', `/api/employees/${id}`, {
        ...as('admin'),
        body: { id, version, ...fields, password: 'a-brand-new-password' },
      });
      const [changed, ...opened] = await Promise.all([change, ...logins]);
      expect(changed.status).toBe(200);
      for (const login of opened.filter((l) => l.status === 200)) {
        expect((await rest(api, 'GET', '/api/me', { token: login.body.accessToken })).status).toBe(401);
      }
    }
  });

  it('a refused edit changes nothing: the sessions stay', async () => {
    const [employee, other] = await Promise.all([fx.employee('nurse'), fx.employee('nurse')]);
    const session = (
      await rest<Json>(api, 'POST', '/api/auth/login', { body: { email: employee.email, password: PASSWORD } })
    ).body;
    const current = (await rest<Json>(api, 'GET', `/api/employees/${employee.id}`, as('admin'))).body;
    const { id, version, createdAt, updatedAt, archivedAt, ...fields } = current;
    const refused = await rest<Json>(api, 'PUT', `/api/employees/${id}`, {
      ...as('admin'),
      body: { id, version, ...fields, email: other.email, password: 'a-brand-new-password' },
    });
    expect(refused.status).toBe(409);
    expect((await rest(api, 'GET', '/api/me', { token: session.accessToken })).status).toBe(200);
  });
});

describe('11. client input never causes a 500, errors hold no database internals', () => {
  it('a malformed superjson meta in a tRPC input is a 400', async () => {
    const input = { json: { name: 'x' }, meta: { values: { name: ['map'] } } };
    const res = await fetch(`${api.url}/trpc/patients.list?input=${encodeURIComponent(JSON.stringify(input))}`, {
      headers: { authorization: `Bearer ${api.tokens.admin}` },
    });
    expect(res.status).toBe(400);
    const batched = await fetch(
      `${api.url}/trpc/patients.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
      { headers: { authorization: `Bearer ${api.tokens.admin}` } },
    );
    expect(batched.status).toBe(400);
  });

  it('availability in the year 9999 is a 400', async () => {
    const res = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${fx.ownDoctorId}/availability?from=9999-12-30&to=9999-12-31`,
      as('receptionist'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
  });

  it('a refusal by the database names the field, not its constraint or SQL state', async () => {
    const patient = await fx.patient();
    const duplicate = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('receptionist'),
      body: { name: 'Twin', dateOfBirth: '1990-01-01', nationalId: patient.nationalId },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'nationalId' });
    expect(JSON.stringify(duplicate.body)).not.toMatch(/constraint|sqlState|_unique|patients_/);
  });
});

describe('12. check-in and completion happen when the visit does', () => {
  it('no check-in before the appointment’s day, no completion before its start', async () => {
    const appointment = await fx.appointment(fx.ownDoctorId);
    const early = await rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/check-in`, as('receptionist'));
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'too-early' } });

    // The morning of the appointment's day (hospital time): check-in opens, completion waits for the start.
    const day = new Date(appointment.startsAt).toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
    api.clock.set(zonedDateTimeToInstant(day, '06:00', 'Asia/Jakarta'));
    expect((await rest(api, 'POST', `/api/appointments/${appointment.id}/check-in`, as('receptionist'))).status).toBe(
      200,
    );
    const complete = () =>
      rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/complete`, {
        ...as('doctor'),
        body: { diagnosis: 'Sprained ankle' },
      });
    const tooSoon = await complete();
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'too-early' } });
    api.clock.set(appointment.startsAt);
    expect((await complete()).status).toBe(200);
    api.clock.reset();
  });

  it('no check-in once the appointment’s day is over', async () => {
    const appointment = await fx.appointment();
    api.clock.set(new Date(new Date(appointment.startsAt).getTime() + 2 * 86_400_000));
    const late = await rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/check-in`, as('receptionist'));
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'too-late' } });
    api.clock.reset();
  });
});
