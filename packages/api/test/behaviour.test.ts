import { Writable } from 'node:stream';
import { Employee } from '@meditrack/domain';
import { testEntityManager } from '@meditrack/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { nik, PASSWORD, rest, startTestApi, type TestApi, trpcClient } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi({ LOG_LEVEL: 'info' }, logStream);
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const as = (role: keyof TestApi['tokens']) => ({ token: api.tokens[role] });

describe('login', () => {
  it('answers {accessToken, tokenType, expiresIn, user} and the token works', async () => {
    const res = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: 'Nurse@Test.local', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 14 * 86_400,
      user: { email: 'nurse@test.local', role: 'nurse' },
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await rest<Json>(api, 'GET', '/api/me', { token: res.body.accessToken });
    expect(me.body.user.role).toBe('nurse');
    expect(me.body.permissions).toContain('medical-history:write');
  });

  it('takes a username instead of an email, on /api/login too', async () => {
    const res = await rest<Json>(api, 'POST', '/api/login', { body: { username: 'doctor-user', password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('doctor');
  });

  it('answers the same for an unknown email and a wrong password', async () => {
    const unknown = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: 'nobody@test.local', password: PASSWORD },
    });
    const wrong = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: 'admin@test.local', password: 'wrong-password' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('stores passwords as argon2id hashes', async () => {
    const created = await fx.employee('nurse');
    const row = await testEntityManager(api.db.orm).findOneOrFail(Employee, created.id, { populate: ['passwordHash'] });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('locks out an archived employee at once, even with a token issued before', async () => {
    const employee = await fx.employee('nurse');
    const login = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: employee.email, password: PASSWORD },
    });
    const token = login.body.accessToken as string;
    expect((await rest(api, 'GET', '/api/me', { token })).status).toBe(200);
    expect((await rest(api, 'DELETE', `/api/employees/${employee.id}`, as('admin'))).status).toBe(204);
    expect((await rest(api, 'GET', '/api/me', { token })).status).toBe(401);
    const again = await rest(api, 'POST', '/api/auth/login', { body: { email: employee.email, password: PASSWORD } });
    expect(again.status).toBe(401);
  });

  it('a role change ends the sessions at once; the next login has the new role', async () => {
    const employee = await fx.employee('receptionist');
    const login = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: employee.email, password: PASSWORD },
    });
    const token = login.body.accessToken as string;
    expect((await rest(api, 'GET', '/api/patients', { token })).status).toBe(200);
    const current = await rest<Json>(api, 'GET', `/api/employees/${employee.id}`, as('admin'));
    const { id, version, createdAt, updatedAt, archivedAt, ...fields } = current.body;
    await rest(api, 'PUT', `/api/employees/${id}`, { ...as('admin'), body: { id, version, ...fields, role: 'staff' } });
    const refused = await rest<Json>(api, 'GET', '/api/patients', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'session' } });
    const again = await rest<Json>(api, 'POST', '/api/auth/login', {
      body: { email: employee.email, password: PASSWORD },
    });
    expect((await rest(api, 'GET', '/api/patients', { token: again.body.accessToken as string })).status).toBe(403);
  });
});

describe('roles', () => {
  it('nobody changes their own role', async () => {
    const me = await rest<Json>(api, 'GET', `/api/employees/${api.users.admin.id}`, as('admin'));
    const { id, version, createdAt, updatedAt, archivedAt, ...fields } = me.body;
    const res = await rest<Json>(api, 'PUT', `/api/employees/${id}`, {
      ...as('admin'),
      body: { id, version, ...fields, role: 'staff' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
  });

  it('a receptionist manages patients but cannot read medical history', async () => {
    const patient = await fx.patient();
    expect((await rest(api, 'GET', `/api/patients/${patient.id}`, as('receptionist'))).status).toBe(200);
    const history = await rest<Json>(api, 'GET', `/api/patients/${patient.id}/medical-history`, as('receptionist'));
    expect(history.status).toBe(403);
    expect(history.body.error.details.missingPermission).toBe('medical-history:read');
  });
});

describe('lists', () => {
  it('search patients by the start of any name word or a run of words, ignoring case and accents', async () => {
    const tag = `Zq${process.pid}`;
    await fx.patient({ name: 'José María', surname: `Hernández${tag}` });
    for (const q of [
      `hernandez${tag}`,
      `JOSE MARÍA HERNÁNDEZ${tag}`,
      'hernan',
      'maria hern',
      `  jose   maria  `,
      'josé',
    ]) {
      const res = await rest<Json>(
        api,
        'GET',
        `/api/patients?name=${encodeURIComponent(q)}&limit=100`,
        as('receptionist'),
      );
      expect(res.status).toBe(200);
      expect(
        res.body.items.some((p: Json) => p.surname === `Hernández${tag}`),
        q,
      ).toBe(true);
    }
    // Not from the middle of a word, and the words in their order: "ernand" and "hernandez jose" find nobody here.
    for (const q of ['ernand', `hernandez${tag} jose`, `o'brien\\ & | !`]) {
      const res = await rest<Json>(api, 'GET', `/api/patients?name=${encodeURIComponent(q)}`, as('receptionist'));
      expect(res.status, q).toBe(200);
      expect(
        res.body.items.some((p: Json) => p.surname === `Hernández${tag}`),
        q,
      ).toBe(false);
    }
  });

  it('filter patients by national ID, MRN, date of birth and department', async () => {
    const department = await fx.department();
    const patient = await fx.patient({ dateOfBirth: '1977-07-07', departmentId: department.id });
    for (const query of [
      `nationalId=${patient.nationalId}`,
      `mrn=${patient.mrn.toLowerCase()}`,
      `dateOfBirth=1977-07-07&departmentId=${department.id}`,
    ]) {
      const res = await rest<Json>(api, 'GET', `/api/patients?${query}`, as('nurse'));
      expect(
        res.body.items.map((p: Json) => p.id),
        query,
      ).toEqual([patient.id]);
      expect(res.body.total).toBe(1);
    }
  });

  it('paginate with a total, a hard maximum and a stable order', async () => {
    for (let i = 0; i < 6; i++) await fx.department();
    const first = await rest<Json>(api, 'GET', '/api/departments?limit=3&offset=0&sort=name', as('staff'));
    const second = await rest<Json>(api, 'GET', '/api/departments?limit=3&offset=3&sort=name', as('staff'));
    expect(first.body.items).toHaveLength(3);
    expect(first.body.total).toBeGreaterThanOrEqual(6);
    const ids = [...first.body.items, ...second.body.items].map((d: Json) => d.id);
    expect(new Set(ids).size).toBe(6);
    const tooMany = await rest<Json>(api, 'GET', '/api/departments?limit=1000', as('staff'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('limit');
  });

  it('filter appointments by doctor, patient, status and date range; employees by role', async () => {
    const appointment = await fx.appointment();
    const base = `/api/appointments?doctorId=${appointment.doctorId}`;
    expect((await rest<Json>(api, 'GET', base, as('receptionist'))).body.total).toBe(1);
    expect(
      (await rest<Json>(api, 'GET', `${base}&patientId=${appointment.patientId}&status=scheduled`, as('receptionist')))
        .body.total,
    ).toBe(1);
    expect((await rest<Json>(api, 'GET', `${base}&status=cancelled`, as('receptionist'))).body.total).toBe(0);
    expect((await rest<Json>(api, 'GET', `${base}&to=2030-01-01T00:00:00Z`, as('receptionist'))).body.total).toBe(0);
    const nurses = await rest<Json>(api, 'GET', '/api/employees?role=nurse&limit=100', as('admin'));
    expect(nurses.body.items.every((e: Json) => e.role === 'nurse')).toBe(true);
  });
});

describe('versions and archiving', () => {
  it('PUT needs the current version, in the body or as If-Match; a stale one is 409 with the current version', async () => {
    const patient = await fx.patient();
    const body = { name: 'Renamed', dateOfBirth: '1985-05-17', nationalId: patient.nationalId };
    const missing = await rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
      ...as('receptionist'),
      body: { id: patient.id, ...body },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('version');

    const viaHeader = await rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
      ...as('receptionist'),
      headers: { 'if-match': '"1"' },
      body: { id: patient.id, ...body },
    });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.version).toBe(2);

    const stale = await rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
      ...as('receptionist'),
      body: { id: patient.id, version: 1, ...body },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
  });

  it('20 simultaneous PUTs on one version: one wins, 19 are told (409), nothing is lost', async () => {
    const patient = await fx.patient();
    const put = (address: string) =>
      rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
        ...as('receptionist'),
        body: {
          id: patient.id,
          version: 1,
          name: 'Same',
          dateOfBirth: '1985-05-17',
          nationalId: patient.nationalId,
          address,
        },
      });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => put(`Street ${i}`)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const stored = await rest<Json>(api, 'GET', `/api/patients/${patient.id}`, as('admin'));
    expect(stored.body.address).toBe(winners[0]?.body.address);
    expect(stored.body.version).toBe(2);
  });

  it('an update writes its audit event naming the changed fields; one that changes nothing writes nothing', async () => {
    const patient = await fx.patient({ address: 'Jl. Lama 1' });
    // Quotes and backslashes travel as text, never as SQL.
    const base = {
      id: patient.id,
      name: "Renamed O'Neil \\",
      dateOfBirth: '1985-05-17',
      nationalId: patient.nationalId,
    };
    const put = (body: Json, requestId: string) =>
      rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
        ...as('receptionist'),
        headers: { 'x-request-id': requestId },
        body,
      });
    const events = async (requestId: string) =>
      (await rest<Json>(api, 'GET', `/api/audit-events?requestId=${requestId}&limit=10`, as('admin'))).body.items;

    const renamed = await put({ ...base, version: 1, address: 'Jl. Lama 1', email: 'Renamed@Example.com' }, 'upd-1');
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed O'Neil \\", email: 'renamed@example.com', version: 2 });
    expect(await events('upd-1')).toEqual([
      expect.objectContaining({
        action: 'patient.update',
        entityType: 'Patient',
        entityId: patient.id,
        changes: { fields: ['name', 'email'] },
      }),
    ]);
    // Found by the new name (the search keys follow the name).
    const found = await rest<Json>(api, 'GET', `/api/patients?name=renamed&limit=100`, as('receptionist'));
    expect(found.body.items.map((p: Json) => p.id)).toContain(patient.id);

    const same = await put({ ...base, version: 2, address: 'Jl. Lama 1', email: 'renamed@example.com' }, 'upd-2');
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: 2, updatedAt: renamed.body.updatedAt });
    expect(await events('upd-2')).toEqual([]);
  });

  it('an update refuses a dead department, a taken national ID and an archived patient, writing nothing', async () => {
    const [patient, other, department] = await Promise.all([fx.patient(), fx.patient(), fx.department()]);
    const body = (extra: Json) => ({
      id: patient.id,
      version: 1,
      name: 'Kept',
      dateOfBirth: '1985-05-17',
      nationalId: patient.nationalId,
      ...extra,
    });
    const put = (extra: Json, id = patient.id) =>
      rest<Json>(api, 'PUT', `/api/patients/${id}`, { ...as('admin'), body: { ...body(extra), id } });

    const unknown = await put({ departmentId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'departmentId' });

    expect((await rest(api, 'DELETE', `/api/departments/${department.id}`, as('admin'))).status).toBe(204);
    const archived = await put({ departmentId: department.id });
    expect(archived.status).toBe(422);
    expect(archived.body.error).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      field: 'departmentId',
      details: { reason: 'archived' },
    });

    const taken = await put({ nationalId: other.nationalId });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'nationalId' });

    const stored = await rest<Json>(api, 'GET', `/api/patients/${patient.id}`, as('admin'));
    expect(stored.body).toMatchObject({ version: 1, nationalId: patient.nationalId, departmentId: null });
    const trail = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${patient.id}&limit=100`, as('admin'));
    expect(trail.body.items.filter((e: Json) => e.action === 'patient.update')).toEqual([]);

    expect((await rest(api, 'DELETE', `/api/patients/${other.id}`, as('admin'))).status).toBe(204);
    const gone = await put({ nationalId: other.nationalId }, other.id);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
    const missing = await put({}, '01900000-0000-7000-8000-000000000001');
    expect(missing.status).toBe(404);
  });

  it('DELETE archives: hidden from lists and from non-admins, still readable by admins, history kept', async () => {
    const patient = await fx.patient();
    await rest(api, 'POST', `/api/patients/${patient.id}/medical-history`, {
      ...as('doctor'),
      body: { recordedOn: '2024-02-02', diagnosis: 'Flu' },
    });
    expect((await rest(api, 'DELETE', `/api/patients/${patient.id}`, as('receptionist'))).status).toBe(204);

    const listed = await rest<Json>(api, 'GET', `/api/patients?nationalId=${patient.nationalId}`, as('receptionist'));
    expect(listed.body.total).toBe(0);
    expect((await rest(api, 'GET', `/api/patients/${patient.id}`, as('receptionist'))).status).toBe(404);
    const forAdmin = await rest<Json>(api, 'GET', `/api/patients/${patient.id}`, as('admin'));
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.archivedAt).not.toBeNull();
    const archivedList = await rest<Json>(
      api,
      'GET',
      `/api/patients?nationalId=${patient.nationalId}&includeArchived=true`,
      as('admin'),
    );
    expect(archivedList.body.total).toBe(1);
    const history = await rest<Json>(api, 'GET', `/api/patients/${patient.id}/medical-history`, as('admin'));
    expect(history.body.total).toBe(1);
    const notAdmin = await rest<Json>(api, 'GET', '/api/patients?includeArchived=true', as('receptionist'));
    expect(notAdmin.status).toBe(403);
  });
});

describe('audit trail', () => {
  it('records writes and reads of clinical data with actor, action and the request id', async () => {
    const created = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('receptionist'),
      headers: { 'x-request-id': 'req-create-42' },
      body: { name: 'Audited', dateOfBirth: '1990-01-01', nationalId: nik() },
    });
    expect(created.headers.get('x-request-id')).toBe('req-create-42');
    const id = created.body.id as string;
    await rest(api, 'GET', `/api/patients/${id}`, { ...as('nurse'), headers: { 'x-request-id': 'req-read-42' } });
    await rest(api, 'GET', `/api/patients/${id}/medical-history`, as('doctor'));

    const events = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${id}&limit=100`, as('admin'));
    const byAction = Object.fromEntries(events.body.items.map((e: Json) => [e.action, e]));
    expect(byAction['patient.create']).toMatchObject({
      actorId: api.users.receptionist.id,
      requestId: 'req-create-42',
      entityType: 'Patient',
    });
    expect(byAction['patient.read']).toMatchObject({ actorId: api.users.nurse.id, requestId: 'req-read-42' });
    expect(byAction['medical-history.read']).toMatchObject({ actorId: api.users.doctor.id });
  });
});

describe('hostile and malformed input', () => {
  it('refuses unknown fields and wrong types, on both transports, after the REST adapter has run', async () => {
    const patient = await fx.patient();
    const body = { id: patient.id, name: 'X', dateOfBirth: '1985-05-17', nationalId: patient.nationalId };
    // REST first: trpc-to-openapi coerces schemas in place on its first call (STACK-NOTES).
    const restStringVersion = await rest<Json>(api, 'PUT', `/api/patients/${patient.id}`, {
      ...as('admin'),
      body: { ...body, version: '1' },
    });
    expect(restStringVersion.status).toBe(400);
    expect(restStringVersion.body.error.field).toBe('version');
    const unknownField = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      body: { ...body, id: undefined, isAdmin: true },
    });
    expect(unknownField.status).toBe(400);

    const client = trpcClient(api, api.tokens.admin);
    await expect(client.patients.update.mutate({ ...body, version: '1' as unknown as number })).rejects.toMatchObject({
      data: { httpStatus: 400 },
    });
    await expect(
      client.doctors.create.mutate({
        name: 'D',
        email: 'd@test.local',
        password: PASSWORD,
        specialization: 'S',
        licenseNumber: 'L',
        defaultAppointmentMinutes: '20' as unknown as number,
      }),
    ).rejects.toMatchObject({ data: { httpStatus: 400 } });
  });

  it('reads "no" and "false" as false in query booleans, and refuses nonsense', async () => {
    for (const value of ['no', 'false', '0']) {
      const res = await rest<Json>(api, 'GET', `/api/patients?includeArchived=${value}`, as('receptionist'));
      expect(res.status, value).toBe(200);
    }
    const res = await rest<Json>(api, 'GET', '/api/patients?includeArchived=maybe', as('admin'));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('includeArchived');
  });

  it('answers malformed JSON 400, a wrong content type 415, an oversized body 413, an unknown route 404: one shape', async () => {
    const malformed = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const wrongType = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      body: { name: 'x'.repeat(2_000_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    for (const path of ['/api/nothing-here', '/nowhere']) {
      const missing = await rest<Json>(api, 'GET', path, as('admin'));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
      expect(missing.body.requestId).toBeTruthy();
    }
  });

  it('maps database refusals to 4xx with the field: duplicate national ID 409, unknown department 422', async () => {
    const patient = await fx.patient();
    const duplicate = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      body: { name: 'Twin', dateOfBirth: '1990-01-01', nationalId: patient.nationalId },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'nationalId' });
    const unknownDepartment = await rest<Json>(api, 'POST', '/api/patients', {
      ...as('admin'),
      body: {
        name: 'Lost',
        dateOfBirth: '1990-01-01',
        nationalId: nik(),
        departmentId: '018f0000-0000-7000-8000-000000000000',
      },
    });
    expect(unknownDepartment.status).toBe(422);
    expect(unknownDepartment.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'departmentId' });
  });

  it('never sends a stack trace, and logs neither tokens, passwords nor search terms', async () => {
    const secretName = `Secretname${process.pid}`;
    await rest(api, 'GET', `/api/patients?name=${secretName}`, as('admin'));
    await rest(api, 'POST', '/api/auth/login', {
      body: { email: 'admin@test.local', password: 'a-password-in-a-body' },
    });
    const bodies = [
      await rest(api, 'POST', '/api/patients', {
        ...as('admin'),
        rawBody: '{',
        headers: { 'content-type': 'application/json' },
      }),
      await rest(api, 'GET', '/api/patients/not-a-uuid', as('admin')),
      await rest(api, 'GET', '/api/patients', { token: 'garbage' }),
    ].map((r) => JSON.stringify(r.body));
    for (const body of bodies) expect(body).not.toMatch(/stack|\.ts:\d+|node_modules/);

    const log = logLines.join('');
    expect(log).toContain('"path":"/api/patients"');
    expect(log).not.toContain(api.tokens.admin);
    expect(log).not.toContain('a-password-in-a-body');
    expect(log).not.toContain(secretName);
  });
});
